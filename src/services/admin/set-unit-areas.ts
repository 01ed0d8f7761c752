/**
 * 管辖区域 Replace the areas a unit covers. For a street/town unit this is
 * what routing's "township of the area" resolves through, so the codes must
 * be real divisions.
 */
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';
import { loadUnit, requireAreas, unitAreaCodes } from './checks.js';

export interface SetUnitAreasOptions {
  actor: AdminActor;
  unitId: number;
  areaCodes: string[];
}

export async function setUnitAreas(ctx: ServiceContext, o: SetUnitAreasOptions): Promise<string[]> {
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    await loadUnit(trx, o.unitId);
    const codes = await requireAreas(trx, o.areaCodes);
    const before = await unitAreaCodes(trx, o.unitId);
    await trx.deleteFrom('unit_areas').where('unit_id', '=', o.unitId).execute();
    if (codes.length > 0) {
      await trx
        .insertInto('unit_areas')
        .values(codes.map((a) => ({ unit_id: o.unitId, area_code: a })))
        .execute();
    }
    await audit({
      action: 'unit.set_areas',
      subjectType: 'unit',
      subjectId: o.unitId,
      before: { areaCodes: before },
      after: { areaCodes: codes },
    });
    return codes;
  });
}
