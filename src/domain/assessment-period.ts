/**
 * Periods 统计周期 of assessment and analytics, in Beijing days. China keeps
 * UTC+8 all year (no daylight saving since 1991), so a Beijing day is a fixed
 * 24-hour slice of UTC and the same arithmetic holds in SQL (`at time zone
 * 'Asia/Shanghai'`) and here. Pure: "today" is a parameter.
 */
import { AppError } from './errors.js';

/** Days `YYYY-MM-DD`; `from` inclusive, `to` exclusive. */
export interface DayRange {
  from: string;
  to: string;
}

export type PeriodKind = 'month' | 'year' | 'range';

export interface Period {
  kind: PeriodKind;
  /** `2024-11`, `2024`, or `2024-11-03..2024-11-20` (inclusive end, as the user wrote it) */
  label: string;
  range: DayRange;
}

export const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** A range longer than this is refused: ten years of days is already far more than any screen shows. */
export const MAX_RANGE_DAYS = 3660;
/** Nothing before the hotline reform is of interest, and it keeps typos like 0202 out. */
export const EARLIEST_DAY = '2000-01-01';

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR_RE = /^(\d{4})$/;

/** The Beijing calendar day of an instant. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Beijing hour (0–23) of an instant. */
export function beijingHour(at: Date): number {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCHours();
}

/** The instant a Beijing day begins. */
export function dayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS);
}

export function isValidDay(day: string): boolean {
  const m = DAY_RE.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `2024-11` → the first day of the next month. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function monthRange(month: string): DayRange {
  return { from: `${month}-01`, to: `${addMonths(month, 1)}-01` };
}

export function yearRange(year: number): DayRange {
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** Months `YYYY-MM` from the month of `fromDay` to the month of `lastDay`, both included. */
export function monthsCovering(fromDay: string, lastDay: string): string[] {
  const out: string[] = [];
  const last = lastDay.slice(0, 7);
  for (let m = fromDay.slice(0, 7); m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

export interface PeriodQuery {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * `period=YYYY-MM` (a month), `period=YYYY` (a year), or `from`/`to` days
 * (both included); nothing means the month of `today`. A period must have
 * begun by `today`; it may still be running (month to date).
 */
export function parsePeriod(q: PeriodQuery, today: string): Period {
  const hasRange = q.from !== undefined || q.to !== undefined;
  if (q.period !== undefined && hasRange) {
    throw new AppError('PERIOD_INVALID', { period: `period=${q.period}&from=…` });
  }
  let period: Period;
  if (hasRange) {
    const from = q.from ?? '';
    const to = q.to ?? '';
    for (const day of [from, to]) {
      if (!isValidDay(day) || day < EARLIEST_DAY)
        throw new AppError('PERIOD_INVALID', { period: day || '∅' });
    }
    if (from > to) throw new AppError('DATE_RANGE_INVALID', { from, to });
    const range = { from, to: addDays(to, 1) };
    if (daysBetween(range.from, range.to) > MAX_RANGE_DAYS) {
      throw new AppError('DATE_RANGE_TOO_LONG', { days: MAX_RANGE_DAYS });
    }
    period = { kind: 'range', label: `${from}..${to}`, range };
  } else {
    const raw = q.period ?? today.slice(0, 7);
    if (MONTH_RE.test(raw)) period = { kind: 'month', label: raw, range: monthRange(raw) };
    else if (YEAR_RE.test(raw)) period = { kind: 'year', label: raw, range: yearRange(Number(raw)) };
    else throw new AppError('PERIOD_INVALID', { period: raw });
    if (period.range.from < EARLIEST_DAY) throw new AppError('PERIOD_INVALID', { period: raw });
  }
  if (period.range.from > today) throw new AppError('PERIOD_IN_FUTURE', { from: period.range.from });
  return period;
}

/** The period just before: the previous month or year, or as many days right before a range. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'month') {
    const month = addMonths(p.label, -1);
    return { kind: 'month', label: month, range: monthRange(month) };
  }
  if (p.kind === 'year') {
    const year = Number(p.label) - 1;
    return { kind: 'year', label: String(year), range: yearRange(year) };
  }
  const days = daysBetween(p.range.from, p.range.to);
  const range = { from: addDays(p.range.from, -days), to: p.range.from };
  return { kind: 'range', label: `${range.from}..${addDays(range.to, -1)}`, range };
}

/** The baseline 基准年: the whole baseline year, whatever the period (the district reports "since 2019"). */
export function baselinePeriod(year: number): Period {
  return { kind: 'year', label: String(year), range: yearRange(year) };
}
