/**
 * 新建诉求分类 Create a level-1 category (a group) or a leaf under one. Each
 * leaf is an Open311 service; its code is the service_code on the wire.
 */
import type { CategoryRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, invalidField } from './admin-change.js';
import { loadCategory, requireCode, requirePolicy, snapshotCategory } from './checks.js';

export const CATEGORY_CODE = /^[A-Za-z0-9_-]+$/;
export const CATEGORY_CODE_HINT = 'ASCII letters, digits, _ and - / 英文字母、数字、_ 和 -';

export interface CreateCategoryOptions {
  actor: AdminActor;
  code: string;
  name: string;
  nameEn: string;
  /** null makes a level-1 category; otherwise the leaf's level-1 parent */
  parentId: number | null;
  description?: string;
  keywords?: string[];
  policyCode?: string | null;
  utilityOutage?: boolean;
  sort?: number;
}

export function cleanKeywords(keywords: readonly string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter((k) => k !== ''))];
}

export async function createCategory(ctx: ServiceContext, o: CreateCategoryOptions): Promise<CategoryRow> {
  const code = requireCode('code', o.code, CATEGORY_CODE, CATEGORY_CODE_HINT);
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    const taken = await trx.selectFrom('categories').select('id').where('code', '=', code).executeTakeFirst();
    if (taken) throw new AppError('CATEGORY_CODE_TAKEN', { code });
    if (o.parentId !== null) {
      const parent = await loadCategory(trx, o.parentId);
      if (parent.level !== 1) {
        throw invalidField(
          'parentId',
          'not_level_1',
          'the parent must be a level-1 category / 上级须为一级分类',
        );
      }
    }
    if (o.policyCode) await requirePolicy(trx, o.policyCode);
    let sort = o.sort;
    if (sort === undefined) {
      const last = await trx
        .selectFrom('categories')
        .select((eb) => eb.fn.max('sort').as('max'))
        .executeTakeFirst();
      sort = Number(last?.max ?? 0) + 1;
    }
    const category = await trx
      .insertInto('categories')
      .values({
        code,
        name: o.name.trim(),
        name_en: o.nameEn.trim(),
        parent_id: o.parentId,
        level: o.parentId === null ? 1 : 2,
        description: o.description?.trim() ?? '',
        keywords: cleanKeywords(o.keywords ?? []),
        policy_code: o.policyCode ?? null,
        utility_outage: o.utilityOutage ?? false,
        sort,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'category.create',
      subjectType: 'category',
      subjectId: category.id,
      after: snapshotCategory(category),
    });
    return category;
  });
}
