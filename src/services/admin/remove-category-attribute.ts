/**
 * 删除扩展字段 Remove an attribute from a leaf category. Answers already
 * stored on tickets stay in their JSON; new requests no longer ask it.
 */
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { snapshotAttribute } from './add-category-attribute.js';
import { type AdminActor, adminTransaction } from './admin-change.js';

export interface RemoveCategoryAttributeOptions {
  actor: AdminActor;
  categoryId: number;
  attributeId: number;
}

export async function removeCategoryAttribute(
  ctx: ServiceContext,
  o: RemoveCategoryAttributeOptions,
): Promise<void> {
  await adminTransaction(ctx, o.actor, async (trx, audit) => {
    const row = await trx
      .deleteFrom('category_attributes')
      .where('id', '=', o.attributeId)
      .where('category_id', '=', o.categoryId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('ATTRIBUTE_NOT_FOUND', { id: o.attributeId });
    await audit({
      action: 'category.attribute_remove',
      subjectType: 'category',
      subjectId: o.categoryId,
      before: snapshotAttribute(row),
    });
  });
}
