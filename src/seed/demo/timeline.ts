/**
 * When the demo tickets arrive: the requested number spread over the days
 * from `since` to `until` by each day's volume (yearly growth, weekday,
 * holidays, seasonal matters), then over the hours of each day.
 */
import { addDays, instantAt, localDate, localMinutes } from '../../domain/calendar.js';
import { hourWeights } from './distributions.js';
import type { DayContext, DemoGenerator } from './generator.js';
import { type Random, WeightedTable } from './random.js';

export interface DayPlan {
  day: DayContext;
  count: number;
}

const HOUR = 3_600_000;

/**
 * Day counts by systematic sampling over the cumulative volume: the total is
 * exactly `total`, and each day gets its expected share up to rounding.
 */
export function planDays(
  gen: DemoGenerator,
  since: string,
  until: Date,
  total: number,
  r: Random,
): DayPlan[] {
  const last = localDate(until);
  const lastHours = localMinutes(until) / 60;
  const days: DayContext[] = [];
  const weights: number[] = [];
  for (let date = `${since}-01`; date <= last; date = addDays(date, 1)) {
    const day = gen.day(date);
    // Some days are busier than others for no reason anyone can name.
    let w = day.weight * r.logNormal(1, 0.12);
    if (date === last) w *= shareOfDayBefore(day.dayOff, lastHours);
    days.push(day);
    weights.push(w);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (days.length === 0 || !(sum > 0)) throw new Error(`no days between ${since} and ${last}`);
  const offset = r.next();
  const plans: DayPlan[] = [];
  let cumulative = 0;
  let previous = Math.floor(offset);
  for (let i = 0; i < days.length; i++) {
    cumulative += weights[i] as number;
    const next = Math.floor((cumulative / sum) * total + offset);
    plans.push({ day: days[i] as DayContext, count: next - previous });
    previous = next;
  }
  return plans;
}

/** Share of a day's calls that come before `hours` o'clock. */
function shareOfDayBefore(dayOff: boolean, hours: number): number {
  const w = hourWeights(dayOff);
  let before = 0;
  let all = 0;
  for (let h = 0; h < 24; h++) {
    const weight = w[h] as number;
    all += weight;
    before += weight * Math.min(1, Math.max(0, hours - h));
  }
  return before / all;
}

const HOUR_TABLES = new Map<boolean, WeightedTable<number>>();

function hourTable(dayOff: boolean): WeightedTable<number> {
  let table = HOUR_TABLES.get(dayOff);
  if (!table) {
    table = new WeightedTable(hourWeights(dayOff).map((w, h) => [h, w] as const));
    HOUR_TABLES.set(dayOff, table);
  }
  return table;
}

/** Intake instants of a day's tickets, to the second, in order, none after `limit`. */
export function timesOfDay(r: Random, plan: DayPlan, limit: number): Date[] {
  const start = instantAt(plan.day.date, 0).getTime();
  const table = hourTable(plan.day.dayOff);
  const times: number[] = [];
  for (let i = 0; i < plan.count; i++) {
    let t = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 50 && t > limit; tries++) {
      t = start + table.pick(r) * HOUR + Math.floor(r.next() * 3600) * 1000;
    }
    if (t > limit) t = start + Math.floor((r.next() * Math.max(0, limit - start)) / 1000) * 1000;
    times.push(t);
  }
  times.sort((a, b) => a - b);
  return times.map((t) => new Date(t));
}
