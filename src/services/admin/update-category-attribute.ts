/**
 * 修改扩展字段 Edit an attribute of a leaf category. The code stays: tickets
 * store answers under it. Changing the datatype is allowed, and the values
 * rule is checked on the result (a list needs values, others have none).
 */
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import {
  type AttributeDatatype,
  type AttributeFields,
  type AttributeRow,
  checkAttribute,
  snapshotAttribute,
} from './add-category-attribute.js';
import { type AdminActor, adminTransaction, requireSomeField } from './admin-change.js';

export interface UpdateCategoryAttributeOptions {
  actor: AdminActor;
  categoryId: number;
  attributeId: number;
  datatype?: AttributeDatatype;
  required?: boolean;
  variable?: boolean;
  description?: string;
  descriptionEn?: string;
  datatypeDescription?: string | null;
  order?: number;
  values?: AttributeFields['values'];
}

export async function updateCategoryAttribute(
  ctx: ServiceContext,
  o: UpdateCategoryAttributeOptions,
): Promise<AttributeRow> {
  const { actor, categoryId, attributeId, ...patch } = o;
  requireSomeField(patch);
  return adminTransaction(ctx, actor, async (trx, audit) => {
    const before = await trx
      .selectFrom('category_attributes')
      .selectAll()
      .where('id', '=', attributeId)
      .where('category_id', '=', categoryId)
      .executeTakeFirst();
    if (!before) throw new AppError('ATTRIBUTE_NOT_FOUND', { id: attributeId });
    const datatype = o.datatype ?? (before.datatype as AttributeDatatype);
    // Switching a list to a plain type drops its values unless the client sent new ones.
    const keepValues = o.datatype === undefined || o.datatype.endsWith('valuelist');
    const fields: AttributeFields = {
      datatype,
      required: o.required ?? before.required,
      variable: o.variable ?? before.variable,
      description: o.description ?? before.description,
      descriptionEn: o.descriptionEn ?? before.description_en,
      datatypeDescription:
        o.datatypeDescription === undefined ? before.datatype_description : o.datatypeDescription,
      order: o.order ?? before.sort,
      values: o.values ?? (keepValues ? before.values : []),
    };
    checkAttribute(fields);
    const after = await trx
      .updateTable('category_attributes')
      .set({
        datatype: fields.datatype,
        required: fields.required,
        variable: fields.variable,
        description: fields.description.trim(),
        description_en: fields.descriptionEn.trim(),
        datatype_description: fields.datatypeDescription,
        sort: fields.order,
        values: JSON.stringify(fields.values),
      })
      .where('id', '=', attributeId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'category.attribute_update',
      subjectType: 'category',
      subjectId: categoryId,
      before: snapshotAttribute(before),
      after: snapshotAttribute(after),
    });
    return after;
  });
}
