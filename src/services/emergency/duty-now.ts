/**
 * 当前值班 Who is on duty for a unit at an instant (now by default): the
 * officer, the deputy and the leader in charge, and who a notice would
 * reach. Also the roster report of gaps and overlaps over a period.
 */
import type { Executor } from '../../db/database.js';
import { shiftsBetween } from '../../db/repositories/incidents.js';
import type { DutyShiftRow } from '../../db/schema-emergency.js';
import {
  type DutyAnswer,
  type RosterReport,
  rosterReport,
  whoIsOnDuty,
} from '../../domain/emergency/roster.js';
import { shiftOf } from './resolve-recipients.js';

export interface DutyNow extends DutyAnswer {
  users: Map<number, { id: number; name: string; username: string }>;
}

export async function dutyNow(db: Executor, unitId: number, at: Date): Promise<DutyNow> {
  const rows = await shiftsBetween(db, [unitId], at, new Date(at.getTime() + 1));
  const answer = whoIsOnDuty(rows.map(shiftOf), unitId, at);
  const ids = [answer.primary, answer.deputy, answer.leader].flatMap((s) => (s ? [s.userId] : []));
  const users = ids.length
    ? await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', ids).execute()
    : [];
  return {
    ...answer,
    users: new Map(users.map((u) => [u.id, { id: u.id, name: u.display_name, username: u.username }])),
  };
}

export interface RosterView {
  shifts: DutyShiftRow[];
  report: RosterReport;
}

export async function rosterView(
  db: Executor,
  unitIds: readonly number[],
  from: Date,
  to: Date,
): Promise<RosterView> {
  const shifts = await shiftsBetween(db, unitIds, from, to);
  return { shifts, report: rosterReport(shifts.map(shiftOf), unitIds, { from, to }) };
}
