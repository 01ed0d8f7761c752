/**
 * When requests arrive and how well they are handled, year by year: volume,
 * time of day, channels, and the yearly targets the generated outcomes follow
 * (resolution and satisfaction up about 30 and 16 points from 2019 to 2024,
 * as Huairou reported on 26 August 2024; see shared/seed/).
 */
import type { Channel } from '../../domain/vocabulary.js';
import type { SettlementKind } from './profiles.js';
import type { Random } from './random.js';

/**
 * Residents (10k, approximate, from the 2020 census picture) and settlement
 * kind of each township-level division. The development zone has few
 * residents but many workers, so it is weighted as a small town.
 */
export const TOWNSHIP_PROFILES: Readonly<Record<string, { population: number; kind: SettlementKind }>> = {
  '110116001': { population: 6.7, kind: 'urban' }, // 泉河街道
  '110116002': { population: 5.9, kind: 'urban' }, // 龙山街道
  '110116003': { population: 6.5, kind: 'suburban' }, // 怀柔地区
  '110116004': { population: 3.9, kind: 'suburban' }, // 雁栖地区
  '110116005': { population: 4.2, kind: 'suburban' }, // 庙城地区
  '110116102': { population: 3.5, kind: 'suburban' }, // 北房镇
  '110116103': { population: 4.0, kind: 'suburban' }, // 杨宋镇
  '110116105': { population: 2.8, kind: 'suburban' }, // 桥梓镇
  '110116106': { population: 1.7, kind: 'suburban' }, // 怀北镇
  '110116107': { population: 1.1, kind: 'mountain' }, // 汤河口镇
  '110116108': { population: 1.7, kind: 'mountain' }, // 渤海镇
  '110116109': { population: 1.4, kind: 'mountain' }, // 九渡河镇
  '110116110': { population: 0.7, kind: 'mountain' }, // 琉璃庙镇
  '110116111': { population: 0.9, kind: 'mountain' }, // 宝山镇
  '110116211': { population: 0.8, kind: 'mountain' }, // 长哨营满族乡
  '110116213': { population: 0.6, kind: 'mountain' }, // 喇叭沟门满族乡
  '110116400': { population: 0.8, kind: 'urban' }, // 雁栖经济开发区
};

/**
 * Yearly request volume, relative to 2019. Beijing's 12345 took about 6.9
 * million requests in 2019, and, once the hotline became the main channel
 * for everything during 2020–2021, over 20 million a year since 2022.
 */
const YEAR_VOLUME: Readonly<Record<number, number>> = {
  2018: 0.9,
  2019: 1.0,
  2020: 1.7,
  2021: 2.3,
  2022: 2.7,
  2023: 2.7,
  2024: 2.8,
  2025: 2.8,
  2026: 2.85,
};

function yearValue(table: Readonly<Record<number, number>>, year: number): number {
  const years = Object.keys(table).map(Number);
  const min = Math.min(...years);
  const max = Math.max(...years);
  return table[Math.min(max, Math.max(min, year))] as number;
}

/** Volume at a month, interpolated between mid-years so the growth has no steps. */
export function volumeAt(year: number, month: number): number {
  const t = year + (month - 0.5) / 12 - 0.5;
  const y0 = Math.floor(t);
  const f = t - y0;
  return yearValue(YEAR_VOLUME, y0) * (1 - f) + yearValue(YEAR_VOLUME, y0 + 1) * f;
}

/** Day-of-week factor: weekends are quieter, Sunday the quietest; days off in a holiday block too. */
export function dayFactor(dayOfWeek: number, dayOff: boolean, holidayName: string | null): number {
  if (holidayName?.includes('春节')) return 0.55;
  if (dayOfWeek === 6) return 0.78;
  if (dayOfWeek === 0) return 0.72;
  return dayOff ? 0.7 : 1;
}

/** Calls by local hour: peaks 9–11 and 14–17, quiet at night. */
const WORKDAY_HOURS = [
  0.16, 0.1, 0.07, 0.05, 0.06, 0.12, 0.45, 1.3, 2.6, 3.7, 3.9, 3.3, 1.9, 2.3, 3.3, 3.5, 3.3, 2.6, 1.8, 1.7,
  1.6, 1.2, 0.7, 0.35,
];
/** Days off: a later, flatter morning. */
const OFFDAY_HOURS = [
  0.2, 0.12, 0.08, 0.06, 0.06, 0.1, 0.3, 0.9, 1.9, 2.9, 3.3, 3.0, 2.1, 2.3, 2.8, 2.9, 2.8, 2.4, 2.0, 1.9, 1.8,
  1.4, 0.8, 0.4,
];

export function hourWeights(dayOff: boolean): readonly number[] {
  return dayOff ? OFFDAY_HOURS : WORKDAY_HOURS;
}

/** Channel mix by year: the phone dominates, online channels gain every year. */
const CHANNELS: Readonly<Record<number, readonly [number, number, number, number]>> = {
  // phone, wechat, app, web
  2019: [82, 6, 4, 8],
  2020: [78, 9, 6, 7],
  2021: [74, 12, 8, 6],
  2022: [71, 14, 9, 6],
  2023: [68, 16, 11, 5],
  2024: [66, 17, 12, 5],
  2025: [64, 18, 13, 5],
  2026: [62, 19, 14, 5],
};
const CHANNEL_ORDER: readonly Channel[] = ['phone', 'wechat', 'app', 'web'];

export function drawChannel(r: Random, year: number): Channel {
  const weights = CHANNELS[Math.min(2026, Math.max(2019, year))] as readonly number[];
  let u = r.next() * 100;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return CHANNEL_ORDER[i] as Channel;
  }
  return 'phone';
}

/**
 * Yearly targets of the handling metrics, as the monthly assessment would
 * compute them over the callbacks of the year:
 * - resolution: resolved among reached callbacks, 55% → 85% (+30) 2019–2024;
 * - satisfaction: 满意 1, 基本满意 0.8, 不满意 0, 75% → 91% (+16);
 * - response: first contact before the response deadline, 85% → 98%;
 * - signOnTime / replyOnTime: share of units meeting those clocks.
 * 2025–2026 plateau slightly higher.
 */
export type Metric = 'resolution' | 'satisfaction' | 'response' | 'signOnTime' | 'replyOnTime';

export const YEAR_TARGETS: Readonly<Record<Metric, Readonly<Record<number, number>>>> = {
  resolution: {
    2019: 0.55,
    2020: 0.66,
    2021: 0.74,
    2022: 0.79,
    2023: 0.83,
    2024: 0.85,
    2025: 0.86,
    2026: 0.865,
  },
  satisfaction: {
    2019: 0.75,
    2020: 0.81,
    2021: 0.85,
    2022: 0.88,
    2023: 0.9,
    2024: 0.91,
    2025: 0.915,
    2026: 0.92,
  },
  response: {
    2019: 0.85,
    2020: 0.9,
    2021: 0.94,
    2022: 0.96,
    2023: 0.97,
    2024: 0.98,
    2025: 0.982,
    2026: 0.985,
  },
  signOnTime: {
    2019: 0.88,
    2020: 0.92,
    2021: 0.95,
    2022: 0.96,
    2023: 0.97,
    2024: 0.975,
    2025: 0.98,
    2026: 0.98,
  },
  replyOnTime: {
    2019: 0.86,
    2020: 0.9,
    2021: 0.93,
    2022: 0.95,
    2023: 0.96,
    2024: 0.97,
    2025: 0.97,
    2026: 0.975,
  },
};

/**
 * The target of a metric in a month: the year's value plus a slope through
 * the month (the mean of the neighbouring years' change), so the year's mean
 * over its twelve months is exactly the yearly target and the curve has no
 * New Year step.
 */
export function targetAt(metric: Metric, year: number, month: number): number {
  const table = YEAR_TARGETS[metric];
  const here = yearValue(table, year);
  const before = table[year - 1];
  const after = table[year + 1];
  const slope =
    before !== undefined && after !== undefined
      ? (after - before) / 2
      : after !== undefined
        ? after - here
        : before !== undefined
          ? here - before
          : 0;
  return here + (slope * (month - 6.5)) / 12;
}

export function logit(p: number): number {
  const q = Math.min(0.999, Math.max(0.001, p));
  return Math.log(q / (1 - q));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Satisfaction scores of the assessment; 基本满意 comes from settings 'assessment'. */
export interface SatisfactionModel {
  basicWeight: number;
}

/**
 * Satisfaction given the outcome. Resolved: mostly 满意 (score ≈ 0.95).
 * Unresolved: the score that makes the year's satisfaction target come out,
 * given the resolution target; it rises over the years as units explain
 * better even when they cannot fix the matter.
 */
export function satisfactionShares(
  resolved: boolean,
  resolutionTarget: number,
  satisfactionTarget: number,
  model: SatisfactionModel,
): { satisfied: number; basic: number } {
  const resolvedShares = { satisfied: 0.85, basic: 0.13 };
  if (resolved) return resolvedShares;
  const resolvedScore = resolvedShares.satisfied + model.basicWeight * resolvedShares.basic;
  const unresolvedScore = Math.min(
    0.9,
    Math.max(0.05, (satisfactionTarget - resolutionTarget * resolvedScore) / (1 - resolutionTarget)),
  );
  const satisfied = unresolvedScore * 0.35;
  return { satisfied, basic: (unresolvedScore - satisfied) / model.basicWeight };
}
