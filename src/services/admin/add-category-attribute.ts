/**
 * 扩展字段 Add an Open311 attribute to a leaf category: the extra questions
 * an agent or an Open311 client answers for that kind of request.
 */
import type { AttributeRow } from '../../db/repositories/reference-lists.js';
import type { AttributeValue } from '../../db/schema.js';
import { AppError, type FieldIssue } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, invalidFields } from './admin-change.js';
import { loadCategory, requireCode } from './checks.js';
import { CATEGORY_CODE, CATEGORY_CODE_HINT } from './create-category.js';

export type { AttributeRow };

/** The six datatypes of Open311 GeoReport v2 service definitions. */
export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];
const LIST_TYPES: readonly string[] = ['singlevaluelist', 'multivaluelist'];

export interface AttributeFields {
  datatype: AttributeDatatype;
  required: boolean;
  variable: boolean;
  description: string;
  descriptionEn: string;
  datatypeDescription: string | null;
  order: number;
  values: AttributeValue[];
}

/** List types need at least one value with unique keys; other types must have none (Open311 says so). */
export function checkAttribute(a: AttributeFields): void {
  const issues: FieldIssue[] = [];
  if (!(ATTRIBUTE_DATATYPES as readonly string[]).includes(a.datatype)) {
    issues.push({ path: 'datatype', code: 'invalid', message: `one of ${ATTRIBUTE_DATATYPES.join(', ')}` });
  }
  if (a.description.trim() === '') {
    issues.push({ path: 'description', code: 'required', message: 'required / 必填' });
  }
  if (!Number.isInteger(a.order) || a.order < 1) {
    issues.push({ path: 'order', code: 'out_of_range', message: 'a whole number from 1 / 从 1 起的整数' });
  }
  if (LIST_TYPES.includes(a.datatype)) {
    if (a.values.length === 0) {
      issues.push({
        path: 'values',
        code: 'required',
        message: 'a list attribute needs at least one value / 列表类型须至少有一个选项',
      });
    }
    const keys = new Set<string>();
    a.values.forEach((v, i) => {
      if (v.key.trim() === '' || v.name.trim() === '') {
        issues.push({ path: `values.${i}`, code: 'required', message: 'key and name are required' });
      } else if (keys.has(v.key)) {
        issues.push({ path: `values.${i}.key`, code: 'duplicate', message: `key ${v.key} appears twice` });
      }
      keys.add(v.key);
    });
  } else if (a.values.length > 0) {
    issues.push({
      path: 'values',
      code: 'not_allowed',
      message: 'values are only for singlevaluelist and multivaluelist / 仅列表类型可设选项',
    });
  }
  if (issues.length > 0) throw invalidFields(issues);
}

export function snapshotAttribute(a: AttributeRow) {
  return {
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    variable: a.variable,
    description: a.description,
    descriptionEn: a.description_en,
    datatypeDescription: a.datatype_description,
    order: a.sort,
    values: a.values,
  };
}

export interface AddCategoryAttributeOptions
  extends Partial<Omit<AttributeFields, 'datatype' | 'description'>> {
  actor: AdminActor;
  categoryId: number;
  code: string;
  datatype: AttributeDatatype;
  description: string;
}

export async function addCategoryAttribute(
  ctx: ServiceContext,
  o: AddCategoryAttributeOptions,
): Promise<AttributeRow> {
  const code = requireCode('code', o.code, CATEGORY_CODE, CATEGORY_CODE_HINT);
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    const category = await loadCategory(trx, o.categoryId);
    if (category.level !== 2) throw new AppError('CATEGORY_NOT_LEAF', { category: category.code });
    const existing = await trx
      .selectFrom('category_attributes')
      .select(['code', 'sort'])
      .where('category_id', '=', o.categoryId)
      .execute();
    if (existing.some((a) => a.code === code)) throw new AppError('ATTRIBUTE_CODE_TAKEN', { code });
    const fields: AttributeFields = {
      datatype: o.datatype,
      required: o.required ?? false,
      variable: o.variable ?? true,
      description: o.description,
      descriptionEn: o.descriptionEn ?? '',
      datatypeDescription: o.datatypeDescription ?? null,
      order: o.order ?? Math.max(0, ...existing.map((a) => a.sort)) + 1,
      values: o.values ?? [],
    };
    checkAttribute(fields);
    const row = await trx
      .insertInto('category_attributes')
      .values({
        category_id: o.categoryId,
        code,
        datatype: fields.datatype,
        required: fields.required,
        variable: fields.variable,
        description: fields.description.trim(),
        description_en: fields.descriptionEn.trim(),
        datatype_description: fields.datatypeDescription,
        sort: fields.order,
        values: JSON.stringify(fields.values),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'category.attribute_add',
      subjectType: 'category',
      subjectId: o.categoryId,
      after: snapshotAttribute(row),
    });
    return row;
  });
}
