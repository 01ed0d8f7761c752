/**
 * 修改诉求分类 Edit a category: names, description, keywords, deadline
 * policy, outage flag, order, active. The code is the Open311 service_code
 * that clients and past exports hold, so it is frozen once a ticket uses it.
 * Deactivating a level-1 category deactivates its leaves with it.
 */
import type { CategoryRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, invalidField, requireSomeField } from './admin-change.js';
import { loadCategory, requireCode, requirePolicy, snapshotCategory } from './checks.js';
import { CATEGORY_CODE, CATEGORY_CODE_HINT, cleanKeywords } from './create-category.js';

export interface UpdateCategoryOptions {
  actor: AdminActor;
  categoryId: number;
  code?: string;
  name?: string;
  nameEn?: string;
  description?: string;
  keywords?: string[];
  policyCode?: string | null;
  utilityOutage?: boolean;
  sort?: number;
  active?: boolean;
}

export async function updateCategory(ctx: ServiceContext, o: UpdateCategoryOptions): Promise<CategoryRow> {
  const { actor, categoryId, ...patch } = o;
  requireSomeField(patch);
  const code =
    o.code === undefined ? undefined : requireCode('code', o.code, CATEGORY_CODE, CATEGORY_CODE_HINT);
  return adminTransaction(ctx, actor, async (trx, audit) => {
    const before = await loadCategory(trx, categoryId);
    const children = await trx
      .selectFrom('categories')
      .select(['id', 'active'])
      .where('parent_id', '=', categoryId)
      .execute();
    if (code !== undefined && code !== before.code) {
      const ids = [categoryId, ...children.map((c) => c.id)];
      const used = await trx
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('category_id', 'in', ids)
        .executeTakeFirstOrThrow();
      if (Number(used.n) > 0) {
        throw new AppError('CATEGORY_CODE_IN_USE', { code: before.code, count: Number(used.n) });
      }
      const taken = await trx
        .selectFrom('categories')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirst();
      if (taken) throw new AppError('CATEGORY_CODE_TAKEN', { code });
    }
    if (o.policyCode) await requirePolicy(trx, o.policyCode);
    if (o.active === true && before.parent_id !== null) {
      const parent = await loadCategory(trx, before.parent_id);
      if (!parent.active) {
        throw invalidField(
          'active',
          'parent_inactive',
          'activate the level-1 category first / 请先启用一级分类',
        );
      }
    }
    const after = await trx
      .updateTable('categories')
      .set({
        ...(code !== undefined ? { code } : {}),
        ...(o.name !== undefined ? { name: o.name.trim() } : {}),
        ...(o.nameEn !== undefined ? { name_en: o.nameEn.trim() } : {}),
        ...(o.description !== undefined ? { description: o.description.trim() } : {}),
        ...(o.keywords !== undefined ? { keywords: cleanKeywords(o.keywords) } : {}),
        ...(o.policyCode !== undefined ? { policy_code: o.policyCode } : {}),
        ...(o.utilityOutage !== undefined ? { utility_outage: o.utilityOutage } : {}),
        ...(o.sort !== undefined ? { sort: o.sort } : {}),
        ...(o.active !== undefined ? { active: o.active } : {}),
      })
      .where('id', '=', categoryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    let cascaded: number[] = [];
    if (o.active === false && before.level === 1) {
      cascaded = children.filter((c) => c.active).map((c) => c.id);
      if (cascaded.length > 0) {
        await trx.updateTable('categories').set({ active: false }).where('id', 'in', cascaded).execute();
      }
    }
    await audit({
      action:
        o.active === false && before.active
          ? 'category.deactivate'
          : o.active === true && !before.active
            ? 'category.activate'
            : 'category.update',
      subjectType: 'category',
      subjectId: categoryId,
      before: snapshotCategory(before),
      after: snapshotCategory(after),
      ...(cascaded.length > 0 ? { detail: { deactivatedLeaves: cascaded } } : {}),
    });
    return after;
  });
}
