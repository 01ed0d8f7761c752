/** 新建承办单位 Create a handling unit under a parent in the unit tree. */
import type { UnitRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { PeerGroup } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, invalidField } from './admin-change.js';
import { loadUnit, requireAreas, requireCode, snapshotUnit } from './checks.js';

export const UNIT_CODE = /^[a-z0-9-]+$/;

export interface CreateUnitOptions {
  actor: AdminActor;
  code: string;
  name: string;
  nameEn: string;
  shortName?: string;
  peerGroup: PeerGroup;
  /** null only for the first unit: the tree has one root, the hotline centre */
  parentId: number | null;
  phone?: string | null;
  areaCodes?: string[];
}

export async function createUnit(ctx: ServiceContext, o: CreateUnitOptions): Promise<UnitRow> {
  const code = requireCode(
    'code',
    o.code,
    UNIT_CODE,
    'lower-case letters, digits and - / 小写字母、数字和 -',
  );
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    const taken = await trx.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst();
    if (taken) throw new AppError('UNIT_CODE_TAKEN', { code });
    let parentPath = '/';
    if (o.parentId === null) {
      const root = await trx
        .selectFrom('units')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirst();
      if (root) {
        throw invalidField(
          'parentId',
          'required',
          'choose a parent unit; the tree has one root / 请选择上级单位',
        );
      }
    } else {
      parentPath = (await loadUnit(trx, o.parentId)).path;
    }
    const areaCodes = await requireAreas(trx, o.areaCodes ?? []);
    const inserted = await trx
      .insertInto('units')
      .values({
        code,
        name: o.name.trim(),
        name_en: o.nameEn.trim(),
        short_name: o.shortName?.trim() || o.name.trim(),
        peer_group: o.peerGroup,
        parent_id: o.parentId,
        // the path needs the new id, so it is written in a second step
        path: '/',
        phone: o.phone?.trim() || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unit = await trx
      .updateTable('units')
      .set({ path: `${parentPath}${inserted.id}/` })
      .where('id', '=', inserted.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (areaCodes.length > 0) {
      await trx
        .insertInto('unit_areas')
        .values(areaCodes.map((a) => ({ unit_id: unit.id, area_code: a })))
        .execute();
    }
    await audit({
      action: 'unit.create',
      subjectType: 'unit',
      subjectId: unit.id,
      after: snapshotUnit(unit, areaCodes),
    });
    return unit;
  });
}
