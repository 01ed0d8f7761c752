/**
 * 修改承办单位 Rename a unit, change its peer group or phone, or
 * activate/deactivate it. A deactivated unit stays in the tree (its tickets
 * and scores keep their history) but can no longer be dispatched to.
 */
import type { UnitRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { PeerGroup } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, invalidField, requireSomeField } from './admin-change.js';
import { loadUnit, snapshotUnit, unitAreaCodes } from './checks.js';

export interface UpdateUnitOptions {
  actor: AdminActor;
  unitId: number;
  name?: string;
  nameEn?: string;
  shortName?: string;
  peerGroup?: PeerGroup;
  phone?: string | null;
  active?: boolean;
}

export async function updateUnit(ctx: ServiceContext, o: UpdateUnitOptions): Promise<UnitRow> {
  const { actor, unitId, ...patch } = o;
  requireSomeField(patch);
  return adminTransaction(ctx, actor, async (trx, audit) => {
    const before = await loadUnit(trx, unitId);
    if (o.active === false && before.active) {
      const children = await trx
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_id', '=', unitId)
        .where('active', '=', true)
        .executeTakeFirstOrThrow();
      if (Number(children.n) > 0) {
        throw new AppError('UNIT_HAS_ACTIVE_CHILDREN', { unit: before.code, count: Number(children.n) });
      }
    }
    if (o.active === true && !before.active && before.parent_id !== null) {
      const parent = await loadUnit(trx, before.parent_id);
      if (!parent.active) {
        throw invalidField('active', 'parent_inactive', 'activate the parent unit first / 请先启用上级单位');
      }
    }
    const after = await trx
      .updateTable('units')
      .set({
        ...(o.name !== undefined ? { name: o.name.trim() } : {}),
        ...(o.nameEn !== undefined ? { name_en: o.nameEn.trim() } : {}),
        ...(o.shortName !== undefined ? { short_name: o.shortName.trim() } : {}),
        ...(o.peerGroup !== undefined ? { peer_group: o.peerGroup } : {}),
        ...(o.phone !== undefined ? { phone: o.phone?.trim() || null } : {}),
        ...(o.active !== undefined ? { active: o.active } : {}),
        updated_at: ctx.clock(),
      })
      .where('id', '=', unitId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const areas = await unitAreaCodes(trx, unitId);
    const action =
      o.active === false && before.active
        ? 'unit.deactivate'
        : o.active === true && !before.active
          ? 'unit.activate'
          : 'unit.update';
    await audit({
      action,
      subjectType: 'unit',
      subjectId: unitId,
      before: snapshotUnit(before, areas),
      after: snapshotUnit(after, areas),
    });
    return after;
  });
}
