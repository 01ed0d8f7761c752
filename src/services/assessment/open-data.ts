/**
 * 开放数据 Open data for the public: aggregate request figures and rates for
 * the district by month, and per township and village for a period. Only
 * counts and rates leave here: no ticket, no personal data, no free text.
 */
import {
  type AssessmentRates,
  countedOf,
  ratesOf,
  roundedRates,
  sumCounts,
  ZERO_COUNTS,
} from '../../domain/assessment.js';
import { addMonths, beijingDay, monthRange, type Period, yearRange } from '../../domain/assessment-period.js';
import type { Label } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { type PeriodView, periodView } from './assess-units.js';
import { loadAssessmentSettings } from './assessment-settings.js';
import { areaMonths, districtMonths, volumeMonths, volumes } from './read-cubes.js';
import { ensureFresh } from './refresh-assessment.js';
import { areaLabel, volumeBreakdown } from './volume-breakdown.js';

export interface OpenMonth {
  month: string;
  received: number;
  /** tickets called back in the month and counted in the rates */
  assessed: number;
  rates: AssessmentRates;
}

export interface OpenSummary {
  district: { code: string; name: string; nameEn: string };
  asOf: string;
  upToDate: boolean;
  totals: { received: number; receivedThisYear: number; assessedThisYear: number };
  thisYear: AssessmentRates;
  baseline: { year: number; rates: AssessmentRates };
  /** the last 24 months, oldest first */
  months: OpenMonth[];
  /** the last 12 months by request type and channel */
  byType: { key: string; label: Label; count: number }[];
  byChannel: { key: string; label: Label; count: number }[];
}

const DISTRICT = { code: '110116', name: '北京市怀柔区', nameEn: 'Huairou District, Beijing' };

export async function openSummary(ctx: ServiceContext): Promise<OpenSummary> {
  const fresh = await ensureFresh(ctx);
  const settings = await loadAssessmentSettings(ctx.db);
  const today = beijingDay(ctx.clock());
  const thisMonth = today.slice(0, 7);
  const firstMonth = addMonths(thisMonth, -23);
  const window = { from: `${firstMonth}-01`, to: monthRange(thisMonth).to };
  const year = yearRange(Number(today.slice(0, 4)));
  const [months, received, all, yearRows, baselineRows] = await Promise.all([
    districtMonths(ctx.db, window),
    volumeMonths(ctx.db, window),
    volumeMonths(ctx.db),
    districtMonths(ctx.db, year),
    districtMonths(ctx.db, yearRange(settings.baselineYear)),
  ]);
  const byMonth = new Map(months.map((m) => [m.month, m.counts]));
  const series: OpenMonth[] = [];
  for (let m = firstMonth; m <= thisMonth; m = addMonths(m, 1)) {
    const c = byMonth.get(m) ?? ZERO_COUNTS;
    series.push({
      month: m,
      received: received.get(m) ?? 0,
      assessed: countedOf(c),
      rates: roundedRates(ratesOf(c, settings)),
    });
  }
  const yearCounts = sumCounts(yearRows.map((r) => r.counts));
  const last12: Period = {
    kind: 'range',
    label: 'last-12-months',
    range: { from: `${addMonths(thisMonth, -11)}-01`, to: window.to },
  };
  const [types, channels] = await Promise.all([
    volumeBreakdown(ctx, { by: 'type', period: last12 }),
    volumeBreakdown(ctx, { by: 'channel', period: last12 }),
  ]);
  const slim = (rows: typeof types.rows) => rows.map((r) => ({ key: r.key, label: r.label, count: r.count }));
  return {
    district: DISTRICT,
    asOf: today,
    upToDate: fresh.upToDate,
    totals: {
      received: [...all.values()].reduce((a, b) => a + b, 0),
      receivedThisYear: [...all.entries()]
        .filter(([m]) => m.startsWith(today.slice(0, 4)))
        .reduce((a, [, n]) => a + n, 0),
      assessedThisYear: countedOf(yearCounts),
    },
    thisYear: roundedRates(ratesOf(yearCounts, settings)),
    baseline: {
      year: settings.baselineYear,
      rates: roundedRates(ratesOf(sumCounts(baselineRows.map((r) => r.counts)), settings)),
    },
    months: series,
    byType: slim(types.rows),
    byChannel: slim(channels.rows),
  };
}

export interface OpenArea {
  code: string;
  label: Label;
  received: number;
  assessed: number;
  rates: AssessmentRates;
  villages: { code: string; label: Label; received: number }[];
}

export interface OpenAreas {
  period: PeriodView;
  upToDate: boolean;
  townships: OpenArea[];
}

/** Per township and village for a month or a year (the area cube is by month). */
export async function openAreas(ctx: ServiceContext, period: Period): Promise<OpenAreas> {
  const fresh = await ensureFresh(ctx);
  const ref = await ctx.reference.get();
  const settings = await loadAssessmentSettings(ctx.db);
  const [byTownship, byVillage, rateRows] = await Promise.all([
    volumes(ctx.db, 'township', period.range),
    volumes(ctx.db, 'village', period.range),
    areaMonths(ctx.db, period.range),
  ]);
  const townships = [...ref.areas.values()]
    .filter((a) => a.code.length === 9)
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    period: periodView(period),
    upToDate: fresh.upToDate,
    townships: townships.map((t) => {
      const counts = sumCounts(rateRows.filter((r) => r.townshipCode === t.code).map((r) => r.counts));
      return {
        code: t.code,
        label: areaLabel(ref, t.code),
        received: byTownship.get(t.code) ?? 0,
        assessed: countedOf(counts),
        rates: roundedRates(ratesOf(counts, settings)),
        villages: [...byVillage.entries()]
          .filter(([code]) => code !== t.code && ref.areas.get(code)?.township_code === t.code)
          .map(([code, received]) => ({ code, label: areaLabel(ref, code), received }))
          .sort((a, b) => b.received - a.received || a.code.localeCompare(b.code)),
      };
    }),
  };
}
