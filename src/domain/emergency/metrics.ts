/**
 * 应急指标 Figures of emergency response, pure: durations (time to
 * acknowledge 响应确认用时, time to respond 到场处置用时) summarised per group
 * as count, mean, median, 90th percentile and maximum, in minutes.
 */

export interface DurationSummary {
  count: number;
  meanMinutes: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
  maxMinutes: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank percentile of sorted values; p in (0, 1]. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export function summariseMinutes(values: readonly number[]): DurationSummary {
  const sorted = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return { count: 0, meanMinutes: null, medianMinutes: null, p90Minutes: null, maxMinutes: null };
  }
  const sum = sorted.reduce((s, v) => s + v, 0);
  const median = percentile(sorted, 0.5);
  const p90 = percentile(sorted, 0.9);
  return {
    count: sorted.length,
    meanMinutes: round1(sum / sorted.length),
    medianMinutes: median === null ? null : round1(median),
    p90Minutes: p90 === null ? null : round1(p90),
    maxMinutes: round1(sorted[sorted.length - 1] ?? 0),
  };
}

export function minutesBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 60_000;
}

/** Groups values by key and summarises each group, keys in first-seen order. */
export function summariseBy<K extends string>(
  rows: readonly { key: K; minutes: number }[],
): Map<K, DurationSummary> {
  const groups = new Map<K, number[]>();
  for (const r of rows) {
    const list = groups.get(r.key) ?? [];
    list.push(r.minutes);
    groups.set(r.key, list);
  }
  return new Map([...groups].map(([k, v]) => [k, summariseMinutes(v)]));
}
