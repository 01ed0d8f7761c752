/**
 * 网办指标 Online-service figures per department and matter, from counts:
 * the share of matters handled fully online (no visit in person), the on-time
 * rate of completed applications, their average working days against the
 * promised limit, and the good-rating rate 好评率 of their ratings. Pure:
 * counting happens in SQL, the rates here. A rate over nothing is null, not 0.
 */

export interface ServiceCounts {
  /** active matters, and those needing no visit */
  matters: number;
  mattersOnline: number;
  /** applications completed (decided) in the period */
  completed: number;
  onTime: number;
  /** sums over completed applications of working days used and of the promised days */
  workingDaysUsed: number;
  promisedDays: number;
  ratings: number;
  goodRatings: number;
  poorRatings: number;
}

export interface ServiceRates {
  /** share of matters with zero visits */
  onlineShare: number | null;
  onTimeRate: number | null;
  /** mean working days per completed application */
  averageDays: number | null;
  /** mean promised days of the same applications */
  averagePromisedDays: number | null;
  /** used over promised, e.g. 0.4 = done in 40% of the promised time */
  timeRatio: number | null;
  goodRatingRate: number | null;
}

function ratio(n: number, d: number, digits = 4): number | null {
  if (d <= 0) return null;
  const f = 10 ** digits;
  return Math.round((n / d) * f) / f;
}

export function serviceRates(c: ServiceCounts): ServiceRates {
  return {
    onlineShare: ratio(c.mattersOnline, c.matters),
    onTimeRate: ratio(c.onTime, c.completed),
    averageDays: ratio(c.workingDaysUsed, c.completed, 2),
    averagePromisedDays: ratio(c.promisedDays, c.completed, 2),
    timeRatio: ratio(c.workingDaysUsed, c.promisedDays),
    goodRatingRate: ratio(c.goodRatings, c.ratings),
  };
}

export const ZERO_COUNTS: ServiceCounts = {
  matters: 0,
  mattersOnline: 0,
  completed: 0,
  onTime: 0,
  workingDaysUsed: 0,
  promisedDays: 0,
  ratings: 0,
  goodRatings: 0,
  poorRatings: 0,
};

export function addCounts(a: ServiceCounts, b: ServiceCounts): ServiceCounts {
  const out = { ...a };
  for (const key of Object.keys(out) as (keyof ServiceCounts)[]) out[key] = a[key] + b[key];
  return out;
}
