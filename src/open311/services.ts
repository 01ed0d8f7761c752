/**
 * Services 服务: one Open311 service per active leaf category 末级分类, grouped
 * by its level-1 name, with the category's attributes as the service
 * definition. Codes are the categories' ASCII codes, so they survive every
 * client's URL and form encoding; names and descriptions are Chinese.
 */
import type { AttributeValue, CategoryRow } from '../db/schema.js';
import type { DurationSpec } from '../domain/calendar.js';
import type { ServiceContext } from '../services/context.js';
import type { ReferenceData } from '../services/reference-cache.js';
import { list, type Node, type NodeObject } from './format.js';

export const DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type Datatype = (typeof DATATYPES)[number];

export interface ServiceAttribute {
  code: string;
  datatype: Datatype;
  required: boolean;
  variable: boolean;
  description: string;
  datatypeDescription: string | null;
  /** 1-based and unique within the service, as the spec asks */
  order: number;
  values: AttributeValue[];
}

export interface Service {
  category: CategoryRow;
  group: string | null;
}

export function isListType(datatype: Datatype): boolean {
  return datatype === 'singlevaluelist' || datatype === 'multivaluelist';
}

function asDatatype(value: string): Datatype {
  return (DATATYPES as readonly string[]).includes(value) ? (value as Datatype) : 'string';
}

/** Active leaves under an active parent, in the taxonomy's order. */
export function listServices(ref: ReferenceData): Service[] {
  return [...ref.categories.values()]
    .filter((c) => c.level === 2 && c.active)
    .map((c) => ({ category: c, parent: c.parent_id === null ? undefined : ref.categories.get(c.parent_id) }))
    .filter((s) => s.parent?.active !== false)
    .sort((a, b) => a.category.sort - b.category.sort || a.category.id - b.category.id)
    .map((s) => ({ category: s.category, group: s.parent?.name ?? null }));
}

export function findService(ref: ReferenceData, code: string): Service | null {
  return listServices(ref).find((s) => s.category.code === code) ?? null;
}

/** Category ids that have at least one attribute (the services whose `metadata` is true). */
export async function categoriesWithAttributes(ctx: ServiceContext): Promise<Set<number>> {
  const rows = await ctx.db.selectFrom('category_attributes').select('category_id').distinct().execute();
  return new Set(rows.map((r) => r.category_id));
}

export async function loadAttributes(ctx: ServiceContext, categoryId: number): Promise<ServiceAttribute[]> {
  const rows = await ctx.db
    .selectFrom('category_attributes')
    .selectAll()
    .where('category_id', '=', categoryId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  // Renumbered 1…n: the spec wants a positive order not shared by two attributes, whatever an admin typed.
  return rows.map((r, i) => ({
    code: r.code,
    datatype: asDatatype(r.datatype),
    required: r.required,
    variable: r.variable,
    description: r.description,
    datatypeDescription: r.datatype_description,
    order: i + 1,
    values: Array.isArray(r.values) ? r.values : [],
  }));
}

export function serviceNode(s: Service, hasMetadata: boolean, type: 'realtime' | 'batch'): NodeObject {
  const c = s.category;
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.description.trim() === '' ? null : c.description,
    metadata: hasMetadata,
    type,
    keywords: c.keywords.length ? c.keywords.join(', ') : null,
    group: s.group,
  };
}

export function definitionNode(code: string, attributes: ServiceAttribute[]): NodeObject {
  return {
    service_code: code,
    attributes: list(
      'attribute',
      attributes.map((a) => {
        const node: NodeObject = {
          variable: a.variable,
          code: a.code,
          datatype: a.datatype,
          required: a.required,
          datatype_description: a.datatypeDescription,
          order: a.order,
          description: a.description,
        };
        if (isListType(a.datatype)) {
          node.values = list(
            'value',
            a.values.map((v): Node => ({ key: v.key, name: v.name })),
          );
        }
        return node;
      }),
    ),
  };
}

const UNIT_ZH: Record<DurationSpec['unit'], string> = { minute: '分钟', hour: '小时', day: '天' };
const WORKING_UNIT_ZH: Record<DurationSpec['unit'], string> = {
  minute: '个工作分钟',
  hour: '个工作小时',
  day: '个工作日',
};

/** 服务说明: what happens next and the reply time limit of the category's deadline policy. */
export function serviceNotice(ref: ReferenceData, category: CategoryRow | undefined | null): string {
  const base = '诉求已受理，将由怀柔区12345热线派至承办单位办理';
  const policy = category?.policy_code ? ref.policies.get(category.policy_code) : undefined;
  if (!policy) return `${base}。`;
  const units = policy.mode === 'working' ? WORKING_UNIT_ZH : UNIT_ZH;
  const limit = `${policy.reply.amount}${units[policy.reply.unit]}`;
  return `${base}；${policy.name}应在派单后${limit}内答复办理结果。`;
}
