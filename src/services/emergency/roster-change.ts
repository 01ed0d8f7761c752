/**
 * What the roster 值班表 use cases share: an admin's change runs in one
 * transaction with its audit row; the unit rows are locked first, so two
 * admins editing one unit's roster at once cannot each miss the other's
 * overlapping shift; overlaps are refused with every place listed.
 */
import type { Trx } from '../../db/database.js';
import type { DutyShiftRow } from '../../db/schema-emergency.js';
import type { RosterOverlap, Shift } from '../../domain/emergency/roster.js';
import { AppError, type FieldIssue } from '../../domain/errors.js';
import type { Role } from '../../domain/vocabulary.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import type { ReferenceData } from '../reference-cache.js';
import { inTransaction } from '../transaction.js';
import { shiftOf } from './resolve-recipients.js';

export interface RosterActor {
  userId: number | null;
  role: Role;
  ip?: string | null;
}

export type RosterAudit = (
  action: string,
  subjectId: string | number,
  detail: Record<string, unknown>,
) => Promise<void>;

export async function rosterTransaction<T>(
  ctx: ServiceContext,
  actor: RosterActor,
  work: (trx: Trx, audit: RosterAudit) => Promise<T>,
): Promise<T> {
  return inTransaction(ctx.db, (trx) =>
    work(trx, (action, subjectId, detail) =>
      recordAudit(trx, {
        actorUserId: actor.userId,
        actorRole: actor.role,
        action,
        subjectType: 'duty_shift',
        subjectId: String(subjectId),
        detail,
        ip: actor.ip ?? null,
      }),
    ),
  );
}

export async function lockUnits(trx: Trx, unitIds: readonly number[]): Promise<void> {
  if (unitIds.length === 0) return;
  await trx
    .selectFrom('units')
    .select('id')
    .where('id', 'in', [...new Set(unitIds)])
    .orderBy('id')
    .forUpdate()
    .execute();
}

export function shiftsOf(rows: readonly DutyShiftRow[]): Shift[] {
  return rows.map(shiftOf);
}

function when(d: Date): string {
  return d.toISOString();
}

export function overlapError(
  ref: ReferenceData,
  overlaps: readonly RosterOverlap[],
  lineOf?: (shiftId: number) => string,
): AppError {
  const fields: FieldIssue[] = overlaps.slice(0, 50).map((o) => {
    const unit = ref.units.get(o.unitId);
    const which = o.shiftIds.map((id) => lineOf?.(id) ?? `shift ${id}`).join(' / ');
    return {
      path: `${unit?.code ?? o.unitId}.${o.post}`,
      code: 'overlap',
      message: `${unit?.name ?? o.unitId} ${o.post} ${when(o.from)}–${when(o.to)}: ${which}`,
    };
  });
  return new AppError('ROSTER_OVERLAP', { count: overlaps.length }, fields);
}

export function validateTimes(startsAt: Date, endsAt: Date): void {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) {
    throw new AppError('SHIFT_INVALID', { reason: 'invalid time / 时间无效' });
  }
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new AppError('SHIFT_INVALID', {
      reason: 'the end must be after the start / 结束时间须晚于开始时间',
    });
  }
  // A duty longer than two days is a typo in a date, not a shift.
  if (endsAt.getTime() - startsAt.getTime() > 48 * 3_600_000) {
    throw new AppError('SHIFT_INVALID', {
      reason: 'a shift lasts at most 48 hours / 单个班次不超过 48 小时',
    });
  }
}
