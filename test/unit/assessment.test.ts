/**
 * The assessment rules 考核 and periods, by hand-computed examples and by
 * properties over random tickets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AssessedTicket,
  type AssessmentCounts,
  addCounts,
  contributionOf,
  countedOf,
  DEFAULT_ASSESSMENT_SETTINGS,
  deltaOf,
  outcomesOf,
  rankWithinGroups,
  ratesOf,
  roundedRates,
  settingsFrom,
  settingsIssues,
  sumCounts,
  unreachableOf,
  ZERO_COUNTS,
} from '../../src/domain/assessment.js';
import {
  addMonths,
  baselinePeriod,
  beijingDay,
  beijingHour,
  dayStart,
  monthsCovering,
  parsePeriod,
  previousPeriod,
} from '../../src/domain/assessment-period.js';
import { AppError } from '../../src/domain/errors.js';

const S = DEFAULT_ASSESSMENT_SETTINGS;
const due = new Date('2024-11-02T10:00:00+08:00');

function ticket(over: Partial<AssessedTicket> = {}): AssessedTicket {
  return {
    mainUnitId: 7,
    callbackAt: new Date('2024-11-05T10:00:00+08:00'),
    exempt: false,
    firstContactAt: new Date('2024-11-02T09:00:00+08:00'),
    responseDueAt: due,
    callbackReached: true,
    callbackResolved: true,
    callbackSatisfaction: 'satisfied',
    ...over,
  };
}

const counts = (over: Partial<AssessmentCounts>): AssessmentCounts => ({ ...ZERO_COUNTS, ...over });

describe('which ticket counts where (contributionOf)', () => {
  it('a ticket with no callback or no main unit is in no cell', () => {
    expect(contributionOf(ticket({ callbackAt: null }))).toEqual(ZERO_COUNTS);
    expect(contributionOf(ticket({ mainUnitId: null }))).toEqual(ZERO_COUNTS);
  });

  it('an exemption is counted as a callback and as exempt, and in no rate', () => {
    expect(contributionOf(ticket({ exempt: true }))).toEqual(counts({ tickets: 1, exempt: 1 }));
  });

  it('response: contact at the deadline itself is in time; later, never, or no deadline is not', () => {
    expect(contributionOf(ticket({ firstContactAt: due })).responded).toBe(1);
    expect(contributionOf(ticket({ firstContactAt: new Date(due.getTime() + 1000) })).responded).toBe(0);
    expect(contributionOf(ticket({ firstContactAt: null })).responded).toBe(0);
    expect(contributionOf(ticket({ responseDueAt: null })).responded).toBe(0);
  });

  it('an unreachable citizen leaves the ticket in the response rate only', () => {
    const c = contributionOf(
      ticket({ callbackReached: false, callbackResolved: null, callbackSatisfaction: null }),
    );
    expect(c).toEqual(counts({ tickets: 1, responded: 1 }));
    expect(countedOf(c)).toBe(1);
    expect(unreachableOf(c)).toBe(1);
    // …even if stale answers were left on the row
    expect(contributionOf(ticket({ callbackReached: false })).resolved).toBe(0);
  });

  it('resolution and satisfaction answers of a reached citizen', () => {
    expect(contributionOf(ticket({ callbackResolved: false, callbackSatisfaction: 'unsatisfied' }))).toEqual(
      counts({ tickets: 1, responded: 1, reached: 1, unresolved: 1, unsatisfied: 1 }),
    );
    expect(contributionOf(ticket({ callbackSatisfaction: 'basically_satisfied' })).basicallySatisfied).toBe(
      1,
    );
    // reached without answers (legacy import): in neither denominator
    const blank = contributionOf(ticket({ callbackResolved: null, callbackSatisfaction: null }));
    expect(blank).toEqual(counts({ tickets: 1, responded: 1, reached: 1 }));
  });

  const arbTicket = fc.record({
    mainUnitId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    callbackAt: fc.option(fc.constant(new Date('2024-11-05T00:00:00Z')), { nil: null }),
    exempt: fc.boolean(),
    firstContactAt: fc.option(
      fc.integer({ min: -5, max: 5 }).map((h) => new Date(due.getTime() + h * 3_600_000)),
      {
        nil: null,
      },
    ),
    responseDueAt: fc.option(fc.constant(due), { nil: null }),
    callbackReached: fc.option(fc.boolean(), { nil: null }),
    callbackResolved: fc.option(fc.boolean(), { nil: null }),
    callbackSatisfaction: fc.option(
      fc.constantFrom('satisfied', 'basically_satisfied', 'unsatisfied', 'odd'),
      {
        nil: null,
      },
    ),
  });

  it('property: the counts of any set of tickets are consistent', () => {
    fc.assert(
      fc.property(fc.array(arbTicket, { maxLength: 40 }), (ts) => {
        const c = sumCounts(ts.map(contributionOf));
        expect(c.exempt).toBeLessThanOrEqual(c.tickets);
        expect(c.responded).toBeLessThanOrEqual(countedOf(c));
        expect(c.reached + unreachableOf(c)).toBe(countedOf(c));
        expect(c.resolved + c.unresolved).toBeLessThanOrEqual(c.reached);
        expect(c.satisfied + c.basicallySatisfied + c.unsatisfied).toBeLessThanOrEqual(c.reached);
        const r = ratesOf(c, S);
        for (const v of [r.response, r.resolution, r.satisfaction])
          if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
        if (r.composite !== null) expect(r.composite).toBeLessThanOrEqual(100 + 1e-9);
      }),
    );
  });

  it('property: outcomesOf says the same as contributionOf, ticket by ticket', () => {
    fc.assert(
      fc.property(arbTicket, (t) => {
        const c = contributionOf(t);
        if (c.tickets === 0) return;
        const o = outcomesOf(t);
        expect(o.exempt).toBe(c.exempt === 1);
        if (o.exempt) return;
        expect(o.response === 'met').toBe(c.responded === 1);
        expect(o.resolution === 'unreachable').toBe(c.reached === 0);
        expect(o.resolution === 'resolved').toBe(c.resolved === 1);
        expect(o.resolution === 'unresolved').toBe(c.unresolved === 1);
        expect(o.satisfaction === 'satisfied').toBe(c.satisfied === 1);
        expect(o.satisfaction === 'basically_satisfied').toBe(c.basicallySatisfied === 1);
        expect(o.satisfaction === 'unsatisfied').toBe(c.unsatisfied === 1);
      }),
    );
  });
});

describe('rates and the composite score', () => {
  // 10 called back, 1 exempt → 9 counted; 8 in time; 7 reached (2 unreachable):
  // 5 resolved, 2 not; 4 satisfied, 2 basically, 1 not.
  const c = counts({
    tickets: 10,
    exempt: 1,
    responded: 8,
    reached: 7,
    resolved: 5,
    unresolved: 2,
    satisfied: 4,
    basicallySatisfied: 2,
    unsatisfied: 1,
  });

  it('matches the hand computation with the default weights 10/45/45 and 基本满意 0.8', () => {
    const r = ratesOf(c, S);
    expect(r.response).toBeCloseTo(8 / 9, 12);
    expect(r.resolution).toBeCloseTo(5 / 7, 12);
    expect(r.satisfaction).toBeCloseTo((4 + 0.8 * 2) / 7, 12);
    expect(r.composite).toBeCloseTo((0.1 * (8 / 9) + 0.45 * (5 / 7) + 0.45 * (5.6 / 7)) * 100, 9);
    expect(roundedRates(r)).toEqual({
      response: 0.8889,
      resolution: 0.7143,
      satisfaction: 0.8,
      composite: 77.03,
    });
  });

  it('follows the configured weights and the weight of 基本满意', () => {
    const all = {
      ...S,
      basicallySatisfiedWeight: 1,
      weights: { response: 0, resolution: 0, satisfaction: 1 },
    };
    expect(ratesOf(c, all).composite).toBeCloseTo((6 / 7) * 100, 9);
    const none = { ...S, basicallySatisfiedWeight: 0 };
    expect(ratesOf(c, none).satisfaction).toBeCloseTo(4 / 7, 12);
  });

  it('empty denominators give null rates; the composite uses the rates that exist', () => {
    expect(ratesOf(ZERO_COUNTS, S)).toEqual({
      response: null,
      resolution: null,
      satisfaction: null,
      composite: null,
    });
    expect(ratesOf(counts({ tickets: 2, exempt: 2 }), S).composite).toBeNull();
    const unreachable = counts({ tickets: 4, responded: 3 });
    expect(roundedRates(ratesOf(unreachable, S))).toEqual({
      response: 0.75,
      resolution: null,
      satisfaction: null,
      composite: 75,
    });
  });

  it('changes in percentage points (rates) and score points (composite)', () => {
    const now = { response: 0.9, resolution: 0.8, satisfaction: 0.85, composite: 83.25 };
    const before = { response: 0.85, resolution: 0.5, satisfaction: null, composite: 60 };
    expect(deltaOf(now, before)).toEqual({
      response: 5,
      resolution: 30,
      satisfaction: null,
      composite: 23.25,
    });
  });

  it('adds counts field by field', () => {
    expect(addCounts(c, c).tickets).toBe(20);
    expect(sumCounts([c, c, c]).basicallySatisfied).toBe(6);
  });
});

describe('ranking within peer groups', () => {
  it('ranks by composite, shares ranks on ties (as published, 2 decimals) and skips after them', () => {
    const ranks = rankWithinGroups([
      { id: 1, group: 't', composite: 90 },
      { id: 2, group: 't', composite: 95.001 },
      { id: 3, group: 't', composite: 94.999 },
      { id: 4, group: 't', composite: 80 },
      { id: 5, group: 't', composite: null },
      { id: 6, group: 'd', composite: 50 },
    ]);
    expect(ranks.get(2)).toEqual({ rank: 1, of: 4 });
    expect(ranks.get(3)).toEqual({ rank: 1, of: 4 });
    expect(ranks.get(1)).toEqual({ rank: 3, of: 4 });
    expect(ranks.get(4)).toEqual({ rank: 4, of: 4 });
    expect(ranks.has(5)).toBe(false);
    expect(ranks.get(6)).toEqual({ rank: 1, of: 1 });
  });
});

describe('settings', () => {
  it('accepts the defaults and refuses weights that do not add up or are out of range', () => {
    expect(settingsIssues(S, 2024)).toEqual([]);
    expect(
      settingsIssues({ ...S, weights: { response: 0.2, resolution: 0.45, satisfaction: 0.45 } }, 2024)[0]
        ?.path,
    ).toBe('weights');
    expect(settingsIssues({ ...S, basicallySatisfiedWeight: 1.2 }, 2024)[0]?.path).toBe(
      'basicallySatisfiedWeight',
    );
    expect(settingsIssues({ ...S, baselineYear: 2030 }, 2024)[0]?.path).toBe('baselineYear');
    expect(
      settingsIssues({ ...S, weights: { response: -1, resolution: 1, satisfaction: 1 } }, 2024)[0]?.path,
    ).toBe('weights.response');
  });

  it('reads stored JSON, falling back to the defaults for anything malformed', () => {
    expect(settingsFrom(undefined)).toEqual(S);
    expect(settingsFrom({ basicallySatisfiedWeight: 0.5 }).basicallySatisfiedWeight).toBe(0.5);
    expect(settingsFrom({ weights: { response: 'x' } })).toEqual(S);
    expect(settingsFrom({ weights: { response: 0.9, resolution: 0.9, satisfaction: 0.9 } })).toEqual(S);
  });
});

describe('periods in Beijing days', () => {
  const today = '2024-11-26';
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof AppError ? e.code : 'other';
    }
    return 'none';
  };

  it('Beijing day and hour of an instant (UTC+8 all year)', () => {
    expect(beijingDay(new Date('2024-10-31T15:59:59Z'))).toBe('2024-10-31');
    expect(beijingDay(new Date('2024-10-31T16:00:00Z'))).toBe('2024-11-01');
    expect(beijingHour(new Date('2024-10-31T16:30:00Z'))).toBe(0);
    expect(dayStart('2024-11-01').toISOString()).toBe('2024-10-31T16:00:00.000Z');
  });

  it('a month, a year, a range of days (both ends included), or the current month', () => {
    expect(parsePeriod({ period: '2024-11' }, today)).toEqual({
      kind: 'month',
      label: '2024-11',
      range: { from: '2024-11-01', to: '2024-12-01' },
    });
    expect(parsePeriod({ period: '2023' }, today).range).toEqual({ from: '2023-01-01', to: '2024-01-01' });
    expect(parsePeriod({ from: '2024-11-03', to: '2024-11-03' }, today).range).toEqual({
      from: '2024-11-03',
      to: '2024-11-04',
    });
    expect(parsePeriod({}, today).label).toBe('2024-11');
    expect(parsePeriod({ period: '2024-12' }, '2024-12-01').label).toBe('2024-12');
  });

  it('refuses malformed, reversed, future, too long or mixed periods with a specific code', () => {
    expect(code(() => parsePeriod({ period: '2024-13' }, today))).toBe('PERIOD_INVALID');
    expect(code(() => parsePeriod({ period: '2024-1' }, today))).toBe('PERIOD_INVALID');
    expect(code(() => parsePeriod({ period: 'last month' }, today))).toBe('PERIOD_INVALID');
    expect(code(() => parsePeriod({ period: '1999' }, today))).toBe('PERIOD_INVALID');
    expect(code(() => parsePeriod({ from: '2024-02-30', to: '2024-03-01' }, today))).toBe('PERIOD_INVALID');
    expect(code(() => parsePeriod({ from: '2024-02-01' }, today))).toBe('PERIOD_INVALID');
    expect(code(() => parsePeriod({ period: '2024-11', from: '2024-11-01', to: '2024-11-02' }, today))).toBe(
      'PERIOD_INVALID',
    );
    expect(code(() => parsePeriod({ from: '2024-11-05', to: '2024-11-01' }, today))).toBe(
      'DATE_RANGE_INVALID',
    );
    expect(code(() => parsePeriod({ period: '2024-12' }, today))).toBe('PERIOD_IN_FUTURE');
    expect(code(() => parsePeriod({ period: '2025' }, today))).toBe('PERIOD_IN_FUTURE');
    expect(code(() => parsePeriod({ from: '2024-11-27', to: '2024-11-30' }, today))).toBe('PERIOD_IN_FUTURE');
    expect(code(() => parsePeriod({ from: '2001-01-01', to: '2024-11-01' }, today))).toBe(
      'DATE_RANGE_TOO_LONG',
    );
  });

  it('the previous period and the baseline year', () => {
    expect(previousPeriod(parsePeriod({ period: '2024-01' }, today)).label).toBe('2023-12');
    expect(previousPeriod(parsePeriod({ period: '2024' }, today)).range).toEqual({
      from: '2023-01-01',
      to: '2024-01-01',
    });
    const p = previousPeriod(parsePeriod({ from: '2024-11-11', to: '2024-11-20' }, today));
    expect(p.range).toEqual({ from: '2024-11-01', to: '2024-11-11' });
    expect(p.label).toBe('2024-11-01..2024-11-10');
    expect(baselinePeriod(2019).range).toEqual({ from: '2019-01-01', to: '2020-01-01' });
  });

  it('month arithmetic', () => {
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2024-01', -13)).toBe('2022-12');
    expect(monthsCovering('2024-10-15', '2025-01-02')).toEqual(['2024-10', '2024-11', '2024-12', '2025-01']);
  });
});
