/**
 * The working calendar 工作日历 and duration arithmetic behind every deadline.
 *
 * Pure: instants are JS `Date`s passed in, never read from the clock.
 * Calendar dates are `YYYY-MM-DD` strings of the Beijing local date.
 *
 * Time zone: Asia/Shanghai. China has observed no daylight saving time since
 * 1991, so for every instant this system handles local time is UTC+08:00
 * exactly; a fixed offset is correct and avoids depending on the ICU time
 * zone data of whichever Node build runs us.
 */
import { AppError, type FieldIssue } from './errors.js';

export interface CalendarEntry {
  date: string;
  kind: 'holiday' | 'workday';
  name?: string;
}

export interface WorkingCalendar {
  /** Mon–Fri dates that are days off (法定节假日放假) */
  holidays: ReadonlySet<string>;
  /** Sat/Sun dates that are working days (调休上班) */
  workdays: ReadonlySet<string>;
  /** working periods, minutes since local midnight, sorted, non-overlapping */
  periods: ReadonlyArray<readonly [number, number]>;
}

/** Office hours 工作时间: 09:00–12:00 and 13:00–18:00. */
export const DEFAULT_WORKING_PERIODS: ReadonlyArray<readonly [number, number]> = Object.freeze([
  Object.freeze([540, 720] as const),
  Object.freeze([780, 1080] as const),
]);

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * HOUR_MS;
/** A calendar that yields no working time for this long is broken, not merely festive. */
const MAX_IDLE_DAYS = 3 * 366;
/** No real deadline lies ten years out; past this an amount is a typo, not a policy. */
const MAX_HORIZON_DAYS = 3660;
/** Bounds the day-by-day walk of workingMinutesBetween against garbage instants. */
const MAX_MEASURE_DAYS = 100 * 366;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(path: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', {}, [{ path, code, message }]);
}

function uncomputable(reason: string): AppError {
  return new AppError('DEADLINE_UNCOMPUTABLE', { reason });
}

/** Epoch ms of UTC midnight of `date`, or null when it is not a real calendar date. */
function parseDate(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 02-30 over into March; the round trip rejects it.
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : null;
}

function dateMs(date: string, path = 'date'): number {
  const ms = parseDate(date);
  if (ms === null) throw invalid(path, 'invalid_date', `"${date}" is not a date in the form YYYY-MM-DD`);
  return ms;
}

function formatDate(utcMidnightMs: number): string {
  return new Date(utcMidnightMs).toISOString().slice(0, 10);
}

function instantMs(instant: Date, path = 'instant'): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw invalid(path, 'invalid_instant', 'not a valid point in time');
  return ms;
}

/** Splits an instant into its Beijing day (as UTC-midnight ms) and ms since Beijing midnight. */
function split(ms: number): { day: number; offset: number } {
  const local = ms + OFFSET_MS;
  const offset = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  return { day: local - offset, offset };
}

export function localDate(instant: Date): string {
  return formatDate(split(instantMs(instant)).day);
}

/** Whole minutes since Beijing midnight (seconds are dropped). */
export function localMinutes(instant: Date): number {
  return Math.floor(split(instantMs(instant)).offset / MINUTE_MS);
}

/** The instant at `minutes` after Beijing midnight of `date`; 1440 is the next midnight. */
export function instantAt(date: string, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > 1440) {
    throw invalid('minutes', 'out_of_range', 'minutes must be between 0 and 1440');
  }
  return new Date(dateMs(date) - OFFSET_MS + minutes * MINUTE_MS);
}

export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw invalid('n', 'not_integer', 'the number of days must be an integer');
  return formatDate(dateMs(date) + n * DAY_MS);
}

function isWorkingDayMs(cal: WorkingCalendar, day: number, date: string): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const dow = new Date(day).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** A weekday that is not a holiday, or a weekend day listed as an adjusted working day. */
export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  return isWorkingDayMs(cal, dateMs(date), date);
}

/**
 * Builds a calendar from holiday/workday entries (e.g. CN_HOLIDAYS plus local
 * additions). Entries that restate the normal week — a weekend `holiday`, a
 * weekday `workday` — change nothing and are left out, so the sets hold
 * exactly the exceptions. Periods may come unsorted; they are sorted.
 * A date listed both as holiday and workday, a malformed date, an empty,
 * out-of-range or overlapping period is a VALIDATION_FAILED with one field
 * issue per problem.
 */
export function buildCalendar(
  entries: readonly CalendarEntry[],
  periods: ReadonlyArray<readonly [number, number]> = DEFAULT_WORKING_PERIODS,
): WorkingCalendar {
  const issues: FieldIssue[] = [];
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const kindOf = new Map<string, CalendarEntry['kind']>();
  entries.forEach((entry, i) => {
    const day = parseDate(entry.date);
    if (day === null) {
      issues.push({
        path: `entries.${i}.date`,
        code: 'invalid_date',
        message: `"${entry.date}" is not a date`,
      });
      return;
    }
    if (entry.kind !== 'holiday' && entry.kind !== 'workday') {
      issues.push({
        path: `entries.${i}.kind`,
        code: 'invalid_kind',
        message: 'kind must be holiday or workday',
      });
      return;
    }
    const earlier = kindOf.get(entry.date);
    if (earlier !== undefined && earlier !== entry.kind) {
      issues.push({
        path: `entries.${i}.kind`,
        code: 'conflict',
        message: `${entry.date} is listed both as a holiday and as a working day`,
      });
      return;
    }
    kindOf.set(entry.date, entry.kind);
    const dow = new Date(day).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    if (entry.kind === 'holiday' && !weekend) holidays.add(entry.date);
    if (entry.kind === 'workday' && weekend) workdays.add(entry.date);
  });

  if (periods.length === 0) {
    issues.push({ path: 'periods', code: 'empty', message: 'at least one working period is required' });
  }
  const sorted = periods.map((p, i) => ({ p, i })).sort((a, b) => a.p[0] - b.p[0]);
  let previousEnd = -1;
  for (const { p, i } of sorted) {
    const [start, end] = p;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > 1440 || start >= end) {
      issues.push({
        path: `periods.${i}`,
        code: 'out_of_range',
        message: 'a period is [start, end) in whole minutes with 0 <= start < end <= 1440',
      });
      continue;
    }
    if (start < previousEnd) {
      issues.push({ path: `periods.${i}`, code: 'overlap', message: 'working periods must not overlap' });
    }
    previousEnd = Math.max(previousEnd, end);
  }

  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);
  return {
    holidays,
    workdays,
    periods: Object.freeze(sorted.map(({ p }) => Object.freeze([p[0], p[1]] as const))),
  };
}

export type DurationUnit = 'minute' | 'hour' | 'day';
export interface DurationSpec {
  amount: number;
  unit: DurationUnit;
}

const UNIT_WORDS: Record<string, DurationUnit> = {
  m: 'minute',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  分钟: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  小时: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  天: 'day',
};
const UNIT_SUFFIX: Record<DurationUnit, string> = { minute: 'm', hour: 'h', day: 'd' };

/**
 * Reads '30m', '2h', '7d' (also '30min', '2 h', '7 days', '2小时'). The amount
 * must be a positive whole number; anything else is VALIDATION_FAILED.
 */
export function parseDuration(text: string): DurationSpec {
  const m = /^(\d+)\s*(\S+)$/u.exec(typeof text === 'string' ? text.trim() : '');
  const word = (m?.[2] ?? '').toLowerCase();
  // hasOwn, not a bare lookup: '2constructor' must not find Object.prototype.constructor.
  const unit = Object.hasOwn(UNIT_WORDS, word) ? UNIT_WORDS[word] : undefined;
  const amount = m ? Number(m[1]) : Number.NaN;
  if (unit === undefined || !Number.isSafeInteger(amount) || amount <= 0) {
    throw invalid(
      'duration',
      'invalid_duration',
      `"${String(text)}" is not a duration such as 30m, 2h or 7d`,
    );
  }
  return { amount, unit };
}

function checkSpec(spec: DurationSpec, path = 'duration'): void {
  if (!Number.isSafeInteger(spec.amount) || spec.amount <= 0) {
    throw invalid(`${path}.amount`, 'not_positive_integer', 'the amount must be a positive whole number');
  }
  if (typeof spec.unit !== 'string' || !Object.hasOwn(UNIT_SUFFIX, spec.unit)) {
    throw invalid(`${path}.unit`, 'invalid_unit', 'the unit must be minute, hour or day');
  }
}

/** Canonical text: '30m' | '2h' | '7d'; parseDuration reads it back. */
export function formatDuration(spec: DurationSpec): string {
  checkSpec(spec);
  return `${spec.amount}${UNIT_SUFFIX[spec.unit]}`;
}

/** Whether a clock runs on wall time or on office hours of working days. */
export type ClockMode = 'calendar' | 'working';

/**
 * The instant a clock of `spec` started at `start` runs out.
 *
 * - calendar mode: a minute, hour, day is 60 s, 3 600 s, 86 400 s of wall
 *   time (no DST in China, so a day is always 24 h).
 * - working mode, minute/hour: that many minutes inside the working periods
 *   of working days. Counting starts at `start` when it is inside a period,
 *   else at the next period start; the result is the instant the last minute
 *   is used, so it is always inside working hours (Fri 17:30 + 2h = Mon 10:30
 *   with default periods; Fri 17:30 + 30m = Fri 18:00).
 * - working mode, day: close of business (end of the last period) of the Nth
 *   working day after the local date of `start`; the day of receipt does not
 *   count (受理之日起 N 个工作日).
 *
 * A non-positive or fractional amount is VALIDATION_FAILED. A calendar with
 * no working day for 3 years, or a deadline more than ~10 years out, is
 * DEADLINE_UNCOMPUTABLE rather than an endless loop.
 */
export function addDuration(start: Date, spec: DurationSpec, mode: ClockMode, cal: WorkingCalendar): Date {
  const startMs = instantMs(start, 'start');
  checkSpec(spec);
  if (mode === 'calendar') {
    const unitMs = spec.unit === 'minute' ? MINUTE_MS : spec.unit === 'hour' ? HOUR_MS : DAY_MS;
    if (spec.amount * unitMs > MAX_HORIZON_DAYS * DAY_MS) {
      throw uncomputable(`${formatDuration(spec)} is more than ${MAX_HORIZON_DAYS} days`);
    }
    return new Date(startMs + spec.amount * unitMs);
  }
  if (mode !== 'working') throw invalid('mode', 'invalid_mode', 'the clock mode must be calendar or working');
  if (cal.periods.length === 0) throw uncomputable('the calendar has no working periods');
  return spec.unit === 'day'
    ? addWorkingDays(cal, startMs, spec.amount)
    : addWorkingMs(cal, startMs, spec.amount * (spec.unit === 'hour' ? HOUR_MS : MINUTE_MS));
}

/** Day-walk guard shared by both working-time searches. */
function guard(walked: number, idle: number): void {
  if (idle > MAX_IDLE_DAYS) throw uncomputable('the working calendar has no working day within 3 years');
  if (walked > MAX_HORIZON_DAYS)
    throw uncomputable(`the deadline would be more than ${MAX_HORIZON_DAYS} days away`);
}

function addWorkingMs(cal: WorkingCalendar, startMs: number, amountMs: number): Date {
  let { day, offset } = split(startMs);
  let remaining = amountMs;
  for (let walked = 0, idle = 0; ; walked++, day += DAY_MS, offset = 0) {
    guard(walked, idle);
    if (!isWorkingDayMs(cal, day, formatDate(day))) {
      idle++;
      continue;
    }
    idle = 0;
    for (const [ps, pe] of cal.periods) {
      const from = Math.max(ps * MINUTE_MS, offset);
      const available = pe * MINUTE_MS - from;
      if (available <= 0) continue;
      // `<=` so that a clock ending exactly at a period end stays in that period.
      if (remaining <= available) return new Date(day - OFFSET_MS + from + remaining);
      remaining -= available;
    }
  }
}

function addWorkingDays(cal: WorkingCalendar, startMs: number, days: number): Date {
  const closeOfBusiness = cal.periods[cal.periods.length - 1]?.[1] ?? 0;
  let day = split(startMs).day;
  let counted = 0;
  for (let walked = 1, idle = 0; ; walked++) {
    day += DAY_MS;
    guard(walked, idle);
    if (!isWorkingDayMs(cal, day, formatDate(day))) {
      idle++;
      continue;
    }
    idle = 0;
    counted++;
    if (counted === days) return new Date(day - OFFSET_MS + closeOfBusiness * MINUTE_MS);
  }
}

/**
 * Working minutes in [from, to): the overlap with the working periods of
 * working days. Fractional when the instants carry seconds; 0 if to <= from.
 */
export function workingMinutesBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs <= fromMs) return 0;
  if (toMs - fromMs > MAX_MEASURE_DAYS * DAY_MS) throw uncomputable('the interval is longer than 100 years');
  let total = 0;
  for (let day = split(fromMs).day; day - OFFSET_MS < toMs; day += DAY_MS) {
    if (!isWorkingDayMs(cal, day, formatDate(day))) continue;
    const dayStart = day - OFFSET_MS;
    for (const [ps, pe] of cal.periods) {
      const overlap = Math.min(toMs, dayStart + pe * MINUTE_MS) - Math.max(fromMs, dayStart + ps * MINUTE_MS);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

/**
 * Share of a clock used at `now`: 0 at or before `start`, 1 at `due`, above 1
 * after it. Working mode measures working minutes, so the share stands still
 * outside office hours; a working clock that contains no working time at all
 * (a manually set deadline inside a weekend) falls back to wall time so it
 * still moves. A clock with due <= start is 0 before due and 1 from then on.
 */
export function elapsedShare(
  start: Date,
  due: Date,
  now: Date,
  mode: ClockMode,
  cal: WorkingCalendar,
): number {
  const startMs = instantMs(start, 'start');
  const dueMs = instantMs(due, 'due');
  const nowMs = instantMs(now, 'now');
  if (dueMs <= startMs) return nowMs < dueMs ? 0 : 1;
  if (nowMs <= startMs) return 0;
  if (mode === 'working') {
    const total = workingMinutesBetween(cal, start, due);
    if (total > 0) return workingMinutesBetween(cal, start, now) / total;
  }
  return (nowMs - startMs) / (dueMs - startMs);
}
