/**
 * 考核排名 The assessment table of a period: for every unit of the peer
 * groups asked for, its counts, rates and composite, its rank in its group,
 * and the change against the previous period and the baseline year.
 */
import type { UnitRow } from '../../db/schema.js';
import {
  type AssessmentCounts,
  type AssessmentRates,
  type AssessmentSettings,
  countedOf,
  deltaOf,
  type Rank,
  type RatesDelta,
  rankWithinGroups,
  ratesOf,
  roundedRates,
  sumCounts,
  unreachableOf,
  ZERO_COUNTS,
} from '../../domain/assessment.js';
import { baselinePeriod, type Period, previousPeriod } from '../../domain/assessment-period.js';
import { type AssessmentReach, canDrillDown } from '../../domain/policies/assessment-policy.js';
import { type Label, PEER_GROUP_LABELS, type PeerGroup } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import type { ReferenceData } from '../reference-cache.js';
import { loadAssessmentSettings } from './assessment-settings.js';
import { sumUnits } from './read-cubes.js';
import { freshRead } from './refresh-assessment.js';

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  shortName: string;
  peerGroup: string;
}

export interface CountsView extends AssessmentCounts {
  counted: number;
  unreachable: number;
}

export interface UnitAssessment {
  unit: UnitRef;
  counts: CountsView;
  rates: AssessmentRates;
  rank: Rank | null;
  previous: { rates: AssessmentRates; rank: Rank | null; counted: number };
  baseline: { rates: AssessmentRates; counted: number };
  change: {
    vsPrevious: RatesDelta;
    vsBaseline: RatesDelta;
    /** places gained since the previous period (positive is better) */
    rank: number | null;
  };
  /** the viewer may open the tickets behind this row's cells */
  drillDown: boolean;
}

export interface PeriodView {
  kind: Period['kind'];
  label: string;
  from: string;
  /** last day included */
  to: string;
}

export interface AssessmentTable {
  period: PeriodView;
  previousPeriod: PeriodView;
  baselineYear: number;
  settings: AssessmentSettings;
  /** false while a backlog of changes (a bulk import) is still being folded in */
  upToDate: boolean;
  groups: { group: string; label: Label; units: UnitAssessment[] }[];
  /** every unit of the district together */
  district: {
    counts: CountsView;
    rates: AssessmentRates;
    previous: AssessmentRates;
    baseline: AssessmentRates;
  };
}

/** The centre dispatches and calls back; it is not ranked against the units it assesses. */
export const RANKED_GROUPS: readonly PeerGroup[] = ['township', 'department', 'utility'];

export function unitRef(u: UnitRow): UnitRef {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    nameEn: u.name_en,
    shortName: u.short_name,
    peerGroup: u.peer_group,
  };
}

export function periodView(p: Period): PeriodView {
  const last = new Date(Date.parse(`${p.range.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { kind: p.kind, label: p.label, from: p.range.from, to: last };
}

export function countsView(c: AssessmentCounts): CountsView {
  return { ...c, counted: countedOf(c), unreachable: unreachableOf(c) };
}

export interface AssessUnitsOptions {
  period: Period;
  reach: AssessmentReach;
  /** one peer group only */
  group?: PeerGroup;
}

/** The peer groups a viewer's table shows. */
export function visibleGroups(ref: ReferenceData, reach: AssessmentReach, group?: PeerGroup): PeerGroup[] {
  let groups = group ? [group] : [...RANKED_GROUPS];
  if (reach.kind === 'units') {
    const own = new Set(reach.unitIds.map((id) => ref.units.get(id)?.peer_group));
    groups = groups.filter((g) => own.has(g));
  }
  return groups;
}

export async function assessUnits(ctx: ServiceContext, o: AssessUnitsOptions): Promise<AssessmentTable> {
  const ref = await ctx.reference.get();
  const settings = await loadAssessmentSettings(ctx.db);
  const previous = previousPeriod(o.period);
  const baseline = baselinePeriod(settings.baselineYear);
  const fresh = await freshRead(ctx, () =>
    Promise.all(
      [o.period, previous, baseline].map(async (p) => {
        const rows = await sumUnits(ctx.db, p.range);
        return new Map(rows.map((r) => [r.unitId, r.counts]));
      }),
    ),
  );
  const [now, before, base] = fresh.value;
  const current = now ?? new Map<number, AssessmentCounts>();
  const prior = before ?? new Map<number, AssessmentCounts>();
  const basis = base ?? new Map<number, AssessmentCounts>();

  const groups = visibleGroups(ref, o.reach, o.group);
  // Active units, and retired ones that still have figures in the period.
  const units = [...ref.units.values()].filter(
    (u) => groups.includes(u.peer_group as PeerGroup) && (u.active || current.has(u.id)),
  );
  const scored = (m: Map<number, AssessmentCounts>) =>
    units.map((u) => ({
      id: u.id,
      group: u.peer_group,
      composite: ratesOf(m.get(u.id) ?? ZERO_COUNTS, settings).composite,
    }));
  const ranks = rankWithinGroups(scored(current));
  const previousRanks = rankWithinGroups(scored(prior));

  const rows: UnitAssessment[] = units.map((u) => {
    const c = current.get(u.id) ?? { ...ZERO_COUNTS };
    const p = prior.get(u.id) ?? ZERO_COUNTS;
    const b = basis.get(u.id) ?? ZERO_COUNTS;
    const rates = ratesOf(c, settings);
    const pRates = ratesOf(p, settings);
    const bRates = ratesOf(b, settings);
    const rank = ranks.get(u.id) ?? null;
    const pRank = previousRanks.get(u.id) ?? null;
    return {
      unit: unitRef(u),
      counts: countsView(c),
      rates: roundedRates(rates),
      rank,
      previous: { rates: roundedRates(pRates), rank: pRank, counted: countedOf(p) },
      baseline: { rates: roundedRates(bRates), counted: countedOf(b) },
      change: {
        vsPrevious: deltaOf(rates, pRates),
        vsBaseline: deltaOf(rates, bRates),
        rank: rank && pRank ? pRank.rank - rank.rank : null,
      },
      drillDown: canDrillDown(o.reach, u.id),
    };
  });

  const district = (m: Map<number, AssessmentCounts>) => sumCounts(m.values());
  const dNow = district(current);
  return {
    period: periodView(o.period),
    previousPeriod: periodView(previous),
    baselineYear: settings.baselineYear,
    settings,
    upToDate: fresh.upToDate,
    groups: groups.map((g) => ({
      group: g,
      label: PEER_GROUP_LABELS[g],
      units: rows
        .filter((r) => r.unit.peerGroup === g)
        .sort(
          (a, b) =>
            (a.rank?.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank?.rank ?? Number.MAX_SAFE_INTEGER) ||
            a.unit.code.localeCompare(b.unit.code),
        ),
    })),
    district: {
      counts: countsView(dNow),
      rates: roundedRates(ratesOf(dNow, settings)),
      previous: roundedRates(ratesOf(district(prior), settings)),
      baseline: roundedRates(ratesOf(district(basis), settings)),
    },
  };
}
