/**
 * Reading the cubes: sums over a day range or by month. Every query is an
 * index range scan over at most (days × units) small rows, whatever the
 * number of tickets.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AssessmentCounts } from '../../domain/assessment.js';
import type { DayRange } from '../../domain/assessment-period.js';
import { MEASURES, UNIT_CUBE, type VolumeDim } from './cube-sql.js';

/** Operational figures of a cell (exemptions included): late replies and times from dispatch, in seconds. */
export interface OperationalCounts {
  lateReply: number;
  signN: number;
  signS: number;
  contactN: number;
  contactS: number;
  replyN: number;
  replyS: number;
}

export interface UnitCountsRow {
  unitId: number;
  counts: AssessmentCounts;
  ops: OperationalCounts;
}

export interface MonthCountsRow {
  month: string;
  counts: AssessmentCounts;
}

/** `sum(d.<col>) as <col>` for every value column of the unit cube. */
export const UNIT_SUMS = UNIT_CUBE.values.map((v) => `sum(d.${v}) as ${v}`).join(', ');
const MEASURE_SUMS = MEASURES.map(([v]) => `sum(d.${v}) as ${v}`).join(', ');

const n = (v: unknown): number => Number(v ?? 0);

export function countsFromRow(row: Record<string, unknown>): AssessmentCounts {
  return {
    tickets: n(row.tickets),
    exempt: n(row.exempt),
    responded: n(row.responded),
    reached: n(row.reached),
    resolved: n(row.resolved),
    unresolved: n(row.unresolved),
    satisfied: n(row.satisfied),
    basicallySatisfied: n(row.basically_satisfied),
    unsatisfied: n(row.unsatisfied),
  };
}

export function unitCountsFromRow(row: Record<string, unknown>): UnitCountsRow {
  return {
    unitId: n(row.unit_id),
    counts: countsFromRow(row),
    ops: {
      lateReply: n(row.late_reply),
      signN: n(row.sign_n),
      signS: n(row.sign_s),
      contactN: n(row.contact_n),
      contactS: n(row.contact_s),
      replyN: n(row.reply_n),
      replyS: n(row.reply_s),
    },
  };
}

/** Whole months: `from` and `to` both fall on the first of a month. */
export function isMonthAligned(range: DayRange): boolean {
  return range.from.endsWith('-01') && range.to.endsWith('-01');
}

/**
 * Per-unit sums over a range (optionally only some units): from the month
 * cube when the range is whole months (a month reads one row per unit), else
 * from the day cube.
 */
export async function sumUnits(
  db: Executor,
  range: DayRange,
  unitIds?: readonly number[],
): Promise<UnitCountsRow[]> {
  const only = unitIds ? sql`and d.unit_id = any(${[...unitIds]}::int[])` : sql``;
  const query = isMonthAligned(range)
    ? sql<Record<string, unknown>>`
        select d.unit_id, ${sql.raw(UNIT_SUMS)} from assessment_unit_months d
        where d.month >= ${range.from} and d.month < ${range.to} ${only}
        group by d.unit_id`
    : sql<Record<string, unknown>>`
        select d.unit_id, ${sql.raw(UNIT_SUMS)} from assessment_unit_days d
        where d.day >= ${range.from} and d.day < ${range.to} ${only}
        group by d.unit_id`;
  return (await query.execute(db)).rows.map(unitCountsFromRow);
}

/** Month by month for one unit, or for all units together (unitId null), optionally within whole months. */
export async function unitMonths(
  db: Executor,
  unitId: number | null,
  range?: DayRange,
): Promise<(MonthCountsRow & { ops: OperationalCounts })[]> {
  const unit = unitId === null ? sql`` : sql`and d.unit_id = ${unitId}`;
  const within = range ? sql`and d.month >= ${range.from} and d.month < ${range.to}` : sql``;
  const result = await sql<Record<string, unknown>>`
    select to_char(d.month, 'YYYY-MM') as month, ${sql.raw(UNIT_SUMS)} from assessment_unit_months d
    where true ${unit} ${within}
    group by d.month order by d.month`.execute(db);
  return result.rows.map((r) => ({ month: String(r.month), ...unitCountsFromRow(r) }));
}

/** Per township (place of the matter) and month: open data by town. */
export async function areaMonths(
  db: Executor,
  range: DayRange,
): Promise<(MonthCountsRow & { townshipCode: string })[]> {
  const result = await sql<Record<string, unknown>>`
    select to_char(d.month, 'YYYY-MM') as month, d.township_code, ${sql.raw(MEASURE_SUMS)}
    from assessment_area_months d
    where d.month >= ${range.from} and d.month < ${range.to}
    group by d.month, d.township_code order by d.month, d.township_code`.execute(db);
  return result.rows.map((r) => ({
    month: String(r.month),
    townshipCode: String(r.township_code),
    counts: countsFromRow(r),
  }));
}

/** The whole district month by month, from the area cube (a few rows per month). */
export async function districtMonths(db: Executor, range?: DayRange): Promise<MonthCountsRow[]> {
  const within = range ? sql`where d.month >= ${range.from} and d.month < ${range.to}` : sql``;
  const result = await sql<Record<string, unknown>>`
    select to_char(d.month, 'YYYY-MM') as month, ${sql.raw(MEASURE_SUMS)}
    from assessment_area_months d ${within} group by d.month order by d.month`.execute(db);
  return result.rows.map((r) => ({ month: String(r.month), counts: countsFromRow(r) }));
}

export interface CardCountsRow {
  unitId: number;
  clock: string;
  colour: string;
  n: number;
}

export async function cardsByUnit(db: Executor, range: DayRange): Promise<CardCountsRow[]> {
  const result = await sql<Record<string, unknown>>`
    select d.unit_id, d.clock, d.colour, sum(d.n) as n from assessment_card_days d
    where d.day >= ${range.from} and d.day < ${range.to}
    group by d.unit_id, d.clock, d.colour`.execute(db);
  return result.rows.map((r) => ({
    unitId: n(r.unit_id),
    clock: String(r.clock),
    colour: String(r.colour),
    n: n(r.n),
  }));
}

export async function volumes(db: Executor, dim: VolumeDim, range: DayRange): Promise<Map<string, number>> {
  const result = await sql<{ key: string; n: unknown }>`
    select d.key, sum(d.n) as n from assessment_volume_days d
    where d.dim = ${dim} and d.day >= ${range.from} and d.day < ${range.to}
    group by d.key having sum(d.n) <> 0`.execute(db);
  return new Map(result.rows.map((r) => [r.key, n(r.n)]));
}

/** Intake volume by month (all tickets received), from the type dimension: one row per type and day. */
export async function volumeMonths(db: Executor, range?: DayRange): Promise<Map<string, number>> {
  const within = range ? sql`and d.day >= ${range.from} and d.day < ${range.to}` : sql``;
  const result = await sql<{ month: string; n: unknown }>`
    select to_char(d.day, 'YYYY-MM') as month, sum(d.n) as n from assessment_volume_days d
    where d.dim = 'type' ${within} group by 1 order by 1`.execute(db);
  return new Map(result.rows.map((r) => [r.month, n(r.n)]));
}

/** The Beijing day of the first ticket ever received, or null on an empty database. */
export async function firstTicketDay(db: Executor): Promise<string | null> {
  const result = await sql<{ day: string | null }>`
    select min(d.day)::text as day from assessment_volume_days d where d.dim = 'type' and d.n <> 0`.execute(
    db,
  );
  return result.rows[0]?.day ?? null;
}
