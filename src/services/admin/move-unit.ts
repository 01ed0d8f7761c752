/**
 * 调整单位隶属 Move a unit (with everything below it) under another parent.
 * `units.path` is a materialised path ('/1/7/23/'), which is how a unit
 * lead's reach is computed; the whole subtree's paths are rewritten in the
 * same statement so no reader ever sees half a move.
 */
import { sql } from 'kysely';
import type { UnitRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, invalidField } from './admin-change.js';
import { loadUnit } from './checks.js';

export interface MoveUnitOptions {
  actor: AdminActor;
  unitId: number;
  parentId: number;
}

export async function moveUnit(
  ctx: ServiceContext,
  o: MoveUnitOptions,
): Promise<{ unit: UnitRow; moved: number }> {
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    // Lock the whole tree: two concurrent moves could otherwise each pass the
    // cycle check against the other's old paths and together make a loop.
    await sql`lock table units in share row exclusive mode`.execute(trx);
    const unit = await loadUnit(trx, o.unitId);
    if (unit.parent_id === null) {
      throw invalidField('unitId', 'root', 'the root unit cannot be moved / 根单位不能移动');
    }
    const parent = await loadUnit(trx, o.parentId);
    // The new parent inside the unit's own subtree (or the unit itself) would close a loop.
    if (parent.path.startsWith(unit.path)) throw new AppError('UNIT_TREE_CYCLE', { unit: unit.code });
    const oldPrefix = unit.path;
    const newPrefix = `${parent.path}${unit.id}/`;
    const rewritten =
      oldPrefix === newPrefix
        ? []
        : await trx
            .updateTable('units')
            .set({
              path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
              updated_at: ctx.clock(),
            })
            .where('path', 'like', `${oldPrefix}%`)
            .returning('id')
            .execute();
    const moved = await trx
      .updateTable('units')
      .set({ parent_id: parent.id, updated_at: ctx.clock() })
      .where('id', '=', unit.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'unit.move',
      subjectType: 'unit',
      subjectId: unit.id,
      before: { parentId: unit.parent_id, path: oldPrefix },
      after: { parentId: parent.id, path: newPrefix },
      detail: { subtreeSize: rewritten.length },
    });
    return { unit: moved, moved: rewritten.length };
  });
}
