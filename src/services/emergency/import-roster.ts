/**
 * 值班表导入 An admin imports a roster file (CSV, see docs/emergency.md).
 * For each unit in the file, its shifts starting within the file's span are
 * replaced by the file's, so importing the same month twice changes
 * nothing. All or nothing: a row that cannot be read, an unknown unit or
 * user, or an overlap (two people on one post at once) refuses the whole
 * file and changes nothing. Gaps are allowed — a real roster has them — and
 * reported with who a notice reaches meanwhile: the deputy, or the next
 * link of the chain.
 */

import { shiftsBetween } from '../../db/repositories/incidents.js';
import { addDays, instantAt, localDate } from '../../domain/calendar.js';
import {
  type RosterGap,
  type RosterOverlap,
  rosterReport,
  type Shift,
} from '../../domain/emergency/roster.js';
import {
  type RosterRow,
  type RowProblem,
  rosterHeader,
  rosterRow,
} from '../../domain/emergency/roster-rows.js';
import { AppError, type FieldIssue } from '../../domain/errors.js';
import { parseCsvFields } from '../../import/records.js';
import type { ServiceContext } from '../context.js';
import type { ReferenceData } from '../reference-cache.js';
import { lockUnits, overlapError, type RosterActor, rosterTransaction, shiftsOf } from './roster-change.js';

export interface ImportRosterOptions {
  actor: RosterActor;
  csv: string;
  /** check and report only; nothing is written */
  dryRun?: boolean;
}

export interface ImportRosterResult {
  dryRun: boolean;
  rows: number;
  units: string[];
  from: Date;
  to: Date;
  /** shifts removed because the file replaces them */
  replaced: number;
  imported: number;
  gaps: RosterGap[];
  overlaps: RosterOverlap[];
}

/** Bounds one import: a district's month is a few thousand rows. */
const MAX_ROWS = 20_000;

function fileError(problems: readonly RowProblem[]): AppError {
  const fields: FieldIssue[] = problems.slice(0, 100).map((p) => ({
    path: `line ${p.line}.${p.field}`,
    code: 'invalid',
    message: `${p.zh} / ${p.en}`,
  }));
  return new AppError('ROSTER_FILE_INVALID', { count: problems.length }, fields);
}

function parse(csv: string): RosterRow[] {
  const lines = csv.replace(/\r\n?/g, '\n').split('\n');
  const problems: RowProblem[] = [];
  const first = lines[0] ?? '';
  const headerCells = parseCsvFields(first);
  if (!Array.isArray(headerCells))
    throw fileError([{ line: 1, field: '', zh: headerCells.error, en: headerCells.error }]);
  const header = rosterHeader(headerCells);
  if (!(header instanceof Map)) throw fileError([header]);
  const rows: RosterRow[] = [];
  for (const [i, text] of lines.entries()) {
    if (i === 0 || text.trim() === '') continue;
    if (rows.length + problems.length >= MAX_ROWS) {
      problems.push({ line: i + 1, field: '', zh: `超过 ${MAX_ROWS} 行`, en: `more than ${MAX_ROWS} rows` });
      break;
    }
    const cells = parseCsvFields(text);
    if (!Array.isArray(cells)) {
      problems.push({ line: i + 1, field: '', zh: cells.error, en: cells.error });
      continue;
    }
    const row = rosterRow(cells, header, i + 1);
    if (Array.isArray(row)) problems.push(...row);
    else rows.push(row);
  }
  if (problems.length > 0) throw fileError(problems);
  if (rows.length === 0)
    throw fileError([{ line: 2, field: '', zh: '文件中没有值班记录', en: 'the file has no shifts' }]);
  return rows;
}

async function resolve(ctx: ServiceContext, ref: ReferenceData, rows: readonly RosterRow[]) {
  const usernames = [...new Set(rows.map((r) => r.username))];
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', usernames)
    .where('active', '=', true)
    .execute();
  const byName = new Map(users.map((u) => [u.username, u.id]));
  const problems: RowProblem[] = [];
  const shifts: (Shift & { line: number; note: string | null })[] = [];
  for (const r of rows) {
    const unit = ref.unitsByCode.get(r.unitCode);
    const userId = byName.get(r.username);
    if (!unit?.active)
      problems.push({
        line: r.line,
        field: 'unit',
        zh: `未知单位：${r.unitCode}`,
        en: `unknown unit: ${r.unitCode}`,
      });
    if (userId === undefined) {
      problems.push({
        line: r.line,
        field: 'user',
        zh: `未知或已停用的用户：${r.username}`,
        en: `unknown or inactive user: ${r.username}`,
      });
    }
    if (unit && userId !== undefined) {
      shifts.push({
        id: -r.line,
        line: r.line,
        unitId: unit.id,
        post: r.post,
        userId,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        note: r.note,
      });
    }
  }
  if (problems.length > 0) throw fileError(problems);
  return shifts;
}

export async function importRoster(ctx: ServiceContext, o: ImportRosterOptions): Promise<ImportRosterResult> {
  const ref = await ctx.reference.get();
  const rows = parse(o.csv);
  const shifts = await resolve(ctx, ref, rows);
  const unitIds = [...new Set(shifts.map((s) => s.unitId))];
  const start = Math.min(...shifts.map((s) => s.startsAt.getTime()));
  const end = Math.max(...shifts.map((s) => s.endsAt.getTime()));
  // The report covers whole Beijing days: a roster is drawn up by day.
  const from = instantAt(localDate(new Date(start)), 0);
  const to = instantAt(addDays(localDate(new Date(end - 1)), 1), 0);
  const now = ctx.clock();
  const lineOf = (id: number) => (id < 0 ? `line ${-id}` : `shift ${id}`);
  return rosterTransaction(ctx, o.actor, async (trx, audit) => {
    await lockUnits(trx, unitIds);
    const existing = await shiftsBetween(trx, unitIds, from, to);
    // Replaced: shifts of the file's units that start within the file's span.
    const replaced = existing.filter((r) => r.starts_at.getTime() >= start && r.starts_at.getTime() < end);
    const kept = existing.filter((r) => !replaced.includes(r));
    const after = [...shiftsOf(kept), ...shifts];
    const report = rosterReport(after, unitIds, { from, to });
    const result: ImportRosterResult = {
      dryRun: o.dryRun ?? false,
      rows: rows.length,
      units: unitIds.map((id) => ref.units.get(id)?.code ?? String(id)),
      from,
      to,
      replaced: replaced.length,
      imported: 0,
      gaps: report.gaps,
      overlaps: report.overlaps,
    };
    if (o.dryRun) return result;
    if (report.overlaps.length > 0) throw overlapError(ref, report.overlaps, lineOf);
    if (replaced.length > 0) {
      await trx
        .deleteFrom('duty_shifts')
        .where(
          'id',
          'in',
          replaced.map((r) => r.id),
        )
        .execute();
    }
    await trx
      .insertInto('duty_shifts')
      .values(
        shifts.map((s) => ({
          unit_id: s.unitId,
          post: s.post,
          user_id: s.userId,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          note: s.note,
          created_by: o.actor.userId,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await audit('duty_roster.import', result.units.join(','), {
      rows: rows.length,
      replaced: replaced.length,
      from: from.toISOString(),
      to: to.toISOString(),
      gaps: report.gaps.length,
    });
    return { ...result, imported: shifts.length };
  });
}
