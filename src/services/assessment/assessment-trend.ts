/**
 * 趋势 Rates month by month since the first ticket, for one unit or for the
 * whole district, with the baseline year's rates to draw against.
 */
import type { UnitRow } from '../../db/schema.js';
import {
  type AssessmentRates,
  ratesOf,
  roundedRates,
  sumCounts,
  ZERO_COUNTS,
} from '../../domain/assessment.js';
import { beijingDay, monthsCovering, yearRange } from '../../domain/assessment-period.js';
import { AppError } from '../../domain/errors.js';
import { type AssessmentReach, canDrillDown } from '../../domain/policies/assessment-policy.js';
import type { ServiceContext } from '../context.js';
import { type CountsView, countsView, type UnitRef, unitRef } from './assess-units.js';
import { loadAssessmentSettings } from './assessment-settings.js';
import {
  districtMonths,
  firstTicketDay,
  type MonthCountsRow,
  unitMonths,
  volumeMonths,
} from './read-cubes.js';
import { freshRead } from './refresh-assessment.js';

export interface TrendPoint {
  month: string;
  counts: CountsView;
  rates: AssessmentRates;
  /** tickets received in the month (district trend only) */
  received: number | null;
}

export interface Trend {
  unit: UnitRef | null;
  baselineYear: number;
  baseline: AssessmentRates;
  upToDate: boolean;
  months: TrendPoint[];
}

/** The unit, if the viewer may see its own figures; otherwise the same 404 as an unknown unit. */
export function visibleUnit(ctxUnits: Map<number, UnitRow>, reach: AssessmentReach, unitId: number): UnitRow {
  const unit = ctxUnits.get(unitId);
  if (!unit || !canDrillDown(reach, unitId))
    throw new AppError('ASSESSMENT_UNIT_NOT_FOUND', { unit: unitId });
  return unit;
}

export async function assessmentTrend(
  ctx: ServiceContext,
  o: { unitId: number | null; reach: AssessmentReach },
): Promise<Trend> {
  const ref = await ctx.reference.get();
  if (o.unitId === null && o.reach.kind !== 'all') throw new AppError('FORBIDDEN');
  const unit = o.unitId === null ? null : visibleUnit(ref.units, o.reach, o.unitId);
  const settings = await loadAssessmentSettings(ctx.db);
  const today = beijingDay(ctx.clock());
  type Read = [MonthCountsRow[], Map<string, number> | null, string | null];
  const fresh = await freshRead(
    ctx,
    (): Promise<Read> =>
      unit
        ? Promise.all([unitMonths(ctx.db, unit.id), null, null])
        : Promise.all([districtMonths(ctx.db), volumeMonths(ctx.db), firstTicketDay(ctx.db)]),
  );
  const [rows, received, firstDay] = fresh.value;
  const first = unit ? rows.find((r) => r.counts.tickets > 0)?.month : firstDay?.slice(0, 7);
  const byMonth = new Map(rows.map((r) => [r.month, r.counts]));
  const months = first ? monthsCovering(`${first}-01`, today) : [];
  const baseRange = yearRange(settings.baselineYear);
  const baseline = sumCounts(
    rows
      .filter((r) => `${r.month}-01` >= baseRange.from && `${r.month}-01` < baseRange.to)
      .map((r) => r.counts),
  );
  return {
    unit: unit ? unitRef(unit) : null,
    baselineYear: settings.baselineYear,
    baseline: roundedRates(ratesOf(baseline, settings)),
    upToDate: fresh.upToDate,
    months: months.map((month) => {
      const c = byMonth.get(month) ?? { ...ZERO_COUNTS };
      return {
        month,
        counts: countsView(c),
        rates: roundedRates(ratesOf(c, settings)),
        received: received ? (received.get(month) ?? 0) : null,
      };
    }),
  };
}
