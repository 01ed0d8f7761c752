/**
 * 考核 Assessment rules (SPEC "Assessment"). For each unit and period, over
 * the tickets it handled as main unit 主办单位 whose callback 回访 fell in the
 * period (Beijing days), exemptions 不纳入考核 excluded:
 *
 * - 响应率 response rate: share whose first contact came no later than the
 *   response deadline (a ticket never contacted missed it);
 * - 解决率 resolution rate: share the citizen called resolved, among the
 *   tickets whose citizen was reached;
 * - 满意率 satisfaction rate: 满意 1, 基本满意 a configurable weight, 不满意 0,
 *   among the tickets whose citizen was reached;
 * - composite 综合得分: weighted sum of the three rates × 100.
 *
 * A citizen who could not be reached 未接通 leaves the ticket in the
 * response rate only. The main unit "at callback" is the ticket's main unit
 * while it has a callback: a reopen 重办 clears the callback, so a reopened
 * ticket leaves the period of its old callback and counts again when called
 * back anew.
 *
 * Cells hold counts, never rates: rates and the composite are computed when
 * read, so a change of weights applies at once to every period, past ones
 * included, and sums of cells are exact.
 */
import type { FieldIssue } from './errors.js';

export interface AssessmentWeights {
  response: number;
  resolution: number;
  satisfaction: number;
}

export interface AssessmentSettings {
  weights: AssessmentWeights;
  /** weight of 基本满意 in the satisfaction rate, between 0 and 1 */
  basicallySatisfiedWeight: number;
  /** 基准年 the year every period is compared against */
  baselineYear: number;
}

export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = {
  weights: { response: 0.1, resolution: 0.45, satisfaction: 0.45 },
  basicallySatisfiedWeight: 0.8,
  baselineYear: 2019,
};

/** What a cell counts. Every field but `tickets` and `exempt` leaves exempt tickets out. */
export interface AssessmentCounts {
  /** tickets with their callback in the cell, exemptions included */
  tickets: number;
  exempt: number;
  /** first contact by the response deadline */
  responded: number;
  /** citizen reached at callback */
  reached: number;
  resolved: number;
  unresolved: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

export const ZERO_COUNTS: Readonly<AssessmentCounts> = Object.freeze({
  tickets: 0,
  exempt: 0,
  responded: 0,
  reached: 0,
  resolved: 0,
  unresolved: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  unsatisfied: 0,
});

export const COUNT_KEYS = Object.keys(ZERO_COUNTS) as (keyof AssessmentCounts)[];

export function addCounts(a: AssessmentCounts, b: AssessmentCounts): AssessmentCounts {
  const out = { ...a };
  for (const k of COUNT_KEYS) out[k] += b[k];
  return out;
}

export function sumCounts(all: Iterable<AssessmentCounts>): AssessmentCounts {
  let total: AssessmentCounts = { ...ZERO_COUNTS };
  for (const c of all) total = addCounts(total, c);
  return total;
}

/** Tickets in the response rate: all but exemptions, unreachable citizens included. */
export function countedOf(c: AssessmentCounts): number {
  return c.tickets - c.exempt;
}

export function unreachableOf(c: AssessmentCounts): number {
  return countedOf(c) - c.reached;
}

/** The ticket columns the rules read. */
export interface AssessedTicket {
  mainUnitId: number | null;
  callbackAt: Date | null;
  exempt: boolean;
  firstContactAt: Date | null;
  responseDueAt: Date | null;
  callbackReached: boolean | null;
  callbackResolved: boolean | null;
  callbackSatisfaction: string | null;
}

/** In some unit's assessment at all: called back while it had a main unit. */
export function isAssessed(t: AssessedTicket): boolean {
  return t.callbackAt !== null && t.mainUnitId !== null;
}

export function respondedInTime(t: Pick<AssessedTicket, 'firstContactAt' | 'responseDueAt'>): boolean {
  return (
    t.firstContactAt !== null &&
    t.responseDueAt !== null &&
    t.firstContactAt.getTime() <= t.responseDueAt.getTime()
  );
}

/** One ticket's contribution to the cell of its main unit and callback day. */
export function contributionOf(t: AssessedTicket): AssessmentCounts {
  const c: AssessmentCounts = { ...ZERO_COUNTS };
  if (!isAssessed(t)) return c;
  c.tickets = 1;
  if (t.exempt) {
    c.exempt = 1;
    return c;
  }
  if (respondedInTime(t)) c.responded = 1;
  if (t.callbackReached !== true) return c;
  c.reached = 1;
  if (t.callbackResolved === true) c.resolved = 1;
  else if (t.callbackResolved === false) c.unresolved = 1;
  if (t.callbackSatisfaction === 'satisfied') c.satisfied = 1;
  else if (t.callbackSatisfaction === 'basically_satisfied') c.basicallySatisfied = 1;
  else if (t.callbackSatisfaction === 'unsatisfied') c.unsatisfied = 1;
  return c;
}

export type ResponseOutcome = 'met' | 'missed';
export type ResolutionOutcome = 'resolved' | 'unresolved' | 'unreachable';
export type SatisfactionOutcome = 'satisfied' | 'basically_satisfied' | 'unsatisfied' | 'unreachable';

export interface TicketOutcomes {
  exempt: boolean;
  /** null for exemptions */
  response: ResponseOutcome | null;
  resolution: ResolutionOutcome | null;
  satisfaction: SatisfactionOutcome | null;
}

/** How one ticket fared on each measure: what the list behind a cell shows beside it. */
export function outcomesOf(t: AssessedTicket): TicketOutcomes {
  if (t.exempt) return { exempt: true, response: null, resolution: null, satisfaction: null };
  const reached = t.callbackReached === true;
  const sat = t.callbackSatisfaction;
  return {
    exempt: false,
    response: respondedInTime(t) ? 'met' : 'missed',
    resolution: !reached
      ? 'unreachable'
      : t.callbackResolved === true
        ? 'resolved'
        : t.callbackResolved === false
          ? 'unresolved'
          : null,
    satisfaction: !reached
      ? 'unreachable'
      : sat === 'satisfied' || sat === 'basically_satisfied' || sat === 'unsatisfied'
        ? sat
        : null,
  };
}

export interface AssessmentRates {
  /** shares between 0 and 1; null when nothing is in the denominator */
  response: number | null;
  resolution: number | null;
  satisfaction: number | null;
  /** 0–100; null when no rate is defined */
  composite: number | null;
}

/**
 * Rates of a cell. A rate with an empty denominator is null, and the
 * composite then spreads the weights over the rates that exist (a unit whose
 * citizens were all unreachable is scored on response alone) rather than
 * counting the missing rate as 0 or 100.
 */
export function ratesOf(c: AssessmentCounts, s: AssessmentSettings): AssessmentRates {
  const counted = countedOf(c);
  const answeredResolution = c.resolved + c.unresolved;
  const answeredSatisfaction = c.satisfied + c.basicallySatisfied + c.unsatisfied;
  const response = counted > 0 ? c.responded / counted : null;
  const resolution = answeredResolution > 0 ? c.resolved / answeredResolution : null;
  const satisfaction =
    answeredSatisfaction > 0
      ? (c.satisfied + s.basicallySatisfiedWeight * c.basicallySatisfied) / answeredSatisfaction
      : null;
  const parts: [number | null, number][] = [
    [response, s.weights.response],
    [resolution, s.weights.resolution],
    [satisfaction, s.weights.satisfaction],
  ];
  let weighted = 0;
  let weight = 0;
  for (const [rate, w] of parts) {
    if (rate === null) continue;
    weighted += rate * w;
    weight += w;
  }
  return { response, resolution, satisfaction, composite: weight > 0 ? (weighted / weight) * 100 : null };
}

export function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Rates as published: shares to 4 decimals (0.1 point), the composite to 2. */
export function roundedRates(r: AssessmentRates): AssessmentRates {
  return {
    response: round(r.response, 4),
    resolution: round(r.resolution, 4),
    satisfaction: round(r.satisfaction, 4),
    composite: round(r.composite, 2),
  };
}

export interface RatesDelta {
  /** percentage points */
  response: number | null;
  resolution: number | null;
  satisfaction: number | null;
  /** score points */
  composite: number | null;
}

function diff(a: number | null, b: number | null, scale: number): number | null {
  return a === null || b === null ? null : round((a - b) * scale, 2);
}

/** Change from `before` to `now`: rates in percentage points, the composite in score points. */
export function deltaOf(now: AssessmentRates, before: AssessmentRates): RatesDelta {
  return {
    response: diff(now.response, before.response, 100),
    resolution: diff(now.resolution, before.resolution, 100),
    satisfaction: diff(now.satisfaction, before.satisfaction, 100),
    composite: diff(now.composite, before.composite, 1),
  };
}

export interface Rankable {
  id: number;
  group: string;
  composite: number | null;
}

export interface Rank {
  rank: number;
  /** units ranked in the group */
  of: number;
}

/**
 * 排名 Rank within each peer group by composite, highest first; units
 * whose scores show the same (to 2 decimals, as published) share a rank and
 * the next rank is skipped (1, 2, 2, 4). Units without a score are not ranked.
 */
export function rankWithinGroups(rows: readonly Rankable[]): Map<number, Rank> {
  const groups = new Map<string, { id: number; score: number }[]>();
  for (const r of rows) {
    if (r.composite === null) continue;
    const list = groups.get(r.group) ?? [];
    list.push({ id: r.id, score: Math.round(r.composite * 100) });
    groups.set(r.group, list);
  }
  const out = new Map<number, Rank>();
  for (const list of groups.values()) {
    list.sort((a, b) => b.score - a.score);
    let rank = 0;
    for (const [i, item] of list.entries()) {
      if (i === 0 || item.score !== list[i - 1]?.score) rank = i + 1;
      out.set(item.id, { rank, of: list.length });
    }
  }
  return out;
}

/** Problems with settings an admin submits; empty when they are fine. */
export function settingsIssues(s: AssessmentSettings, currentYear: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const w = s.weights;
  for (const key of ['response', 'resolution', 'satisfaction'] as const) {
    const v = w[key];
    if (!Number.isFinite(v) || v < 0 || v > 1) {
      issues.push({ path: `weights.${key}`, code: 'range', message: 'between 0 and 1 / 须在 0 到 1 之间' });
    }
  }
  if (issues.length === 0 && Math.abs(w.response + w.resolution + w.satisfaction - 1) > 1e-6) {
    issues.push({ path: 'weights', code: 'sum', message: 'weights must add up to 1 / 权重之和须为 1' });
  }
  const b = s.basicallySatisfiedWeight;
  if (!Number.isFinite(b) || b < 0 || b > 1) {
    issues.push({
      path: 'basicallySatisfiedWeight',
      code: 'range',
      message: 'between 0 and 1 / 须在 0 到 1 之间',
    });
  }
  if (!Number.isInteger(s.baselineYear) || s.baselineYear < 2000 || s.baselineYear > currentYear) {
    issues.push({ path: 'baselineYear', code: 'range', message: `2000–${currentYear}` });
  }
  return issues;
}

/** Settings from the stored JSON, each missing or malformed part replaced by its default. */
export function settingsFrom(value: unknown): AssessmentSettings {
  const d = DEFAULT_ASSESSMENT_SETTINGS;
  const v = (value ?? {}) as Partial<Record<keyof AssessmentSettings, unknown>>;
  const w = (v.weights ?? {}) as Partial<Record<keyof AssessmentWeights, unknown>>;
  const num = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
  const parsed: AssessmentSettings = {
    weights: {
      response: num(w.response, d.weights.response),
      resolution: num(w.resolution, d.weights.resolution),
      satisfaction: num(w.satisfaction, d.weights.satisfaction),
    },
    basicallySatisfiedWeight: num(v.basicallySatisfiedWeight, d.basicallySatisfiedWeight),
    baselineYear: num(v.baselineYear, d.baselineYear),
  };
  return settingsIssues(parsed, 9999).length === 0 ? parsed : d;
}
