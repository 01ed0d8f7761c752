/**
 * 排班 An admin adds, changes or removes one shift of the on-duty roster.
 * A shift that would put two people on one post at once is refused
 * (ROSTER_OVERLAP) and nothing changes; every change is audited.
 */
import { shiftsBetween } from '../../db/repositories/incidents.js';
import type { DutyShiftRow } from '../../db/schema-emergency.js';
import { rosterReport } from '../../domain/emergency/roster.js';
import type { DutyPost } from '../../domain/emergency/vocabulary.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import {
  lockUnits,
  overlapError,
  type RosterActor,
  rosterTransaction,
  shiftsOf,
  validateTimes,
} from './roster-change.js';

export interface ShiftInput {
  unitId: number;
  post: DutyPost;
  userId: number;
  startsAt: Date;
  endsAt: Date;
  note?: string | null;
}

export interface SaveShiftOptions {
  actor: RosterActor;
  /** absent: a new shift */
  shiftId?: number;
  shift: ShiftInput;
}

export async function saveShift(ctx: ServiceContext, o: SaveShiftOptions): Promise<DutyShiftRow> {
  const ref = await ctx.reference.get();
  const s = o.shift;
  validateTimes(s.startsAt, s.endsAt);
  if (!ref.units.get(s.unitId)?.active) throw new AppError('UNIT_NOT_FOUND', { unit: s.unitId });
  const now = ctx.clock();
  return rosterTransaction(ctx, o.actor, async (trx, audit) => {
    const before =
      o.shiftId === undefined
        ? undefined
        : await trx
            .selectFrom('duty_shifts')
            .selectAll()
            .where('id', '=', o.shiftId)
            .forUpdate()
            .executeTakeFirst();
    if (o.shiftId !== undefined && !before) throw new AppError('SHIFT_NOT_FOUND', { shift: o.shiftId });
    await lockUnits(trx, [s.unitId, ...(before ? [before.unit_id] : [])]);
    const user = await trx
      .selectFrom('users')
      .select(['id', 'active'])
      .where('id', '=', s.userId)
      .executeTakeFirst();
    if (!user?.active)
      throw new AppError('VALIDATION_FAILED', {}, [
        { path: 'userId', code: 'unknown', message: `no active user ${s.userId} / 无此在岗用户` },
      ]);
    const others = (await shiftsBetween(trx, [s.unitId], s.startsAt, s.endsAt)).filter(
      (r) => r.post === s.post && r.id !== o.shiftId,
    );
    const candidate = {
      id: o.shiftId ?? 0,
      unitId: s.unitId,
      post: s.post,
      userId: s.userId,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    };
    const report = rosterReport([...shiftsOf(others), candidate], [], { from: s.startsAt, to: s.endsAt });
    if (report.overlaps.length > 0) throw overlapError(ref, report.overlaps);
    const values = {
      unit_id: s.unitId,
      post: s.post,
      user_id: s.userId,
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      note: s.note?.trim() || null,
      updated_at: now,
    };
    const row = before
      ? await trx
          .updateTable('duty_shifts')
          .set(values)
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('duty_shifts')
          .values({ ...values, created_by: o.actor.userId, created_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
    await audit(before ? 'duty_shift.update' : 'duty_shift.create', row.id, {
      ...(before ? { before: plain(before) } : {}),
      after: plain(row),
    });
    return row;
  });
}

export async function deleteShift(
  ctx: ServiceContext,
  o: { actor: RosterActor; shiftId: number },
): Promise<void> {
  await rosterTransaction(ctx, o.actor, async (trx, audit) => {
    const row = await trx
      .selectFrom('duty_shifts')
      .selectAll()
      .where('id', '=', o.shiftId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('SHIFT_NOT_FOUND', { shift: o.shiftId });
    await trx.deleteFrom('duty_shifts').where('id', '=', row.id).execute();
    await audit('duty_shift.delete', row.id, { before: plain(row) });
  });
}

function plain(r: DutyShiftRow): Record<string, unknown> {
  return {
    unitId: r.unit_id,
    post: r.post,
    userId: r.user_id,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    note: r.note,
  };
}
