import { describe, expect, it } from 'vitest';
import { buildCalendar, type ClockMode, type DurationSpec } from '../../src/domain/calendar.js';
import {
  cardFor,
  computeCallbackDue,
  computeDispatchDeadlines,
  DEFAULT_POLICIES,
  type DeadlinePolicy,
  type PolicyChoice,
  selectPolicy,
  validatePolicy,
} from '../../src/domain/deadlines.js';
import { AppError } from '../../src/domain/errors.js';
import { CN_HOLIDAYS } from '../../src/domain/holidays-cn.js';

const bj = (local: string): Date => new Date(`${local}+08:00`);
const cal = buildCalendar(CN_HOLIDAYS);
const m = (amount: number): DurationSpec => ({ amount, unit: 'minute' });
const h = (amount: number): DurationSpec => ({ amount, unit: 'hour' });
const d = (amount: number): DurationSpec => ({ amount, unit: 'day' });

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

function policy(code: string): DeadlinePolicy {
  const p = DEFAULT_POLICIES.find((x) => x.code === code);
  if (!p) throw new Error(`no default policy ${code}`);
  return p;
}

describe('DEFAULT_POLICIES', () => {
  it('has the four default codes', () => {
    expect(DEFAULT_POLICIES.map((p) => p.code)).toEqual(['general', 'urgent', 'utility', 'rectification']);
  });

  it.each(DEFAULT_POLICIES.map((p) => [p.code, p] as const))('%s is valid', (_code, p) => {
    expect(() => validatePolicy(p)).not.toThrow();
    expect(p.yellowAt).toBe(0.75);
  });

  it('general follows the SPEC table', () => {
    expect(policy('general')).toMatchObject({
      mode: 'calendar',
      sign: h(2),
      response: h(24),
      reply: d(7),
      replyComplex: d(15),
      returnWindow: h(24),
      callback: d(3),
    });
  });

  it.each(['urgent', 'utility'])('%s is 30 min / 2 h / 24 h in calendar time', (code) => {
    expect(policy(code)).toMatchObject({ mode: 'calendar', sign: m(30), response: h(2), reply: h(24) });
  });

  it('rectification runs on working time with 15 working days to reply', () => {
    expect(policy('rectification')).toMatchObject({
      mode: 'working',
      sign: h(2),
      response: h(24),
      reply: d(15),
      callback: d(3),
    });
  });
});

describe('computeDispatchDeadlines', () => {
  it('general, dispatched just before midnight at a month end', () => {
    expect(
      computeDispatchDeadlines(policy('general'), bj('2024-01-31T23:30'), { complex: false }, cal),
    ).toEqual({
      signDueAt: bj('2024-02-01T01:30'),
      responseDueAt: bj('2024-02-01T23:30'),
      replyDueAt: bj('2024-02-07T23:30'),
      returnDueAt: bj('2024-02-01T23:30'),
    });
  });

  it('general, complex ticket gets 15 days to reply', () => {
    const dl = computeDispatchDeadlines(policy('general'), bj('2024-01-31T23:30'), { complex: true }, cal);
    expect(dl.replyDueAt).toEqual(bj('2024-02-15T23:30'));
    expect(dl.signDueAt).toEqual(bj('2024-02-01T01:30'));
  });

  it('general ignores holidays: calendar time runs through National Day', () => {
    const dl = computeDispatchDeadlines(policy('general'), bj('2024-09-30T16:00'), { complex: false }, cal);
    expect(dl.replyDueAt).toEqual(bj('2024-10-07T16:00'));
  });

  it('urgent, over New Year', () => {
    expect(
      computeDispatchDeadlines(policy('urgent'), bj('2024-12-31T23:40'), { complex: false }, cal),
    ).toEqual({
      signDueAt: bj('2025-01-01T00:10'),
      responseDueAt: bj('2025-01-01T01:40'),
      replyDueAt: bj('2025-01-01T23:40'),
      returnDueAt: bj('2025-01-01T23:40'),
    });
  });

  it('utility outage, complex flag without a complex duration keeps 24 h', () => {
    const dl = computeDispatchDeadlines(policy('utility'), bj('2024-06-15T03:00'), { complex: true }, cal);
    expect(dl.signDueAt).toEqual(bj('2024-06-15T03:30'));
    expect(dl.responseDueAt).toEqual(bj('2024-06-15T05:00'));
    expect(dl.replyDueAt).toEqual(bj('2024-06-16T03:00'));
  });

  it('rectification counts working time across National Day', () => {
    // Fri 17:00: 1 h Friday, 8 h on the worked Sunday 9-29, 8 h on 9-30, then 10-08.
    expect(
      computeDispatchDeadlines(policy('rectification'), bj('2024-09-27T17:00'), { complex: false }, cal),
    ).toEqual({
      signDueAt: bj('2024-09-29T10:00'),
      responseDueAt: bj('2024-10-08T17:00'),
      replyDueAt: bj('2024-10-23T18:00'),
      returnDueAt: bj('2024-10-08T17:00'),
    });
  });
});

describe('computeCallbackDue', () => {
  it('general: 3 calendar days', () => {
    expect(computeCallbackDue(policy('general'), bj('2024-12-30T15:00'), cal)).toEqual(
      bj('2025-01-02T15:00'),
    );
  });

  it('rectification: 3 working days, New Year’s Day skipped', () => {
    expect(computeCallbackDue(policy('rectification'), bj('2024-12-30T15:00'), cal)).toEqual(
      bj('2025-01-03T18:00'),
    );
  });
});

describe('cardFor', () => {
  const base = { start: bj('2024-06-17T09:00'), due: bj('2024-06-17T13:00'), mode: 'calendar' as ClockMode };
  const card = (now: string, doneAt: string | null, yellowAt = 0.75, over: Partial<typeof base> = {}) =>
    cardFor({ ...base, ...over, now: bj(now), doneAt: doneAt === null ? null : bj(doneAt), yellowAt, cal });

  it.each([
    ['early, not done', '2024-06-17T10:00', null, 'none'],
    ['just under 75%', '2024-06-17T11:59', null, 'none'],
    ['exactly 75%', '2024-06-17T12:00', null, 'yellow'],
    ['at the due instant', '2024-06-17T13:00', null, 'yellow'],
    ['one minute overdue', '2024-06-17T13:01', null, 'red'],
    ['long overdue', '2024-06-20T13:00', null, 'red'],
    ['done on time', '2024-06-17T14:00', '2024-06-17T11:00', 'none'],
    ['done on time after the yellow threshold', '2024-06-17T12:30', '2024-06-17T12:15', 'none'],
    ['done exactly at due', '2024-06-17T14:00', '2024-06-17T13:00', 'none'],
    ['done late', '2024-06-17T14:00', '2024-06-17T13:30', 'red'],
    ['done late, judged later still', '2024-07-01T00:00', '2024-06-17T13:30', 'red'],
    ['done later than now: not done yet', '2024-06-17T12:30', '2024-06-17T13:30', 'yellow'],
  ] as const)('%s -> %s', (_label, now, doneAt, colour) => {
    expect(card(now, doneAt)).toBe(colour);
  });

  it('honours a policy’s own threshold', () => {
    expect(card('2024-06-17T11:00', null, 0.5)).toBe('yellow');
    expect(card('2024-06-17T11:00', null, 0.9)).toBe('none');
  });

  describe('working mode (Fri 17:00 → Mon 11:00, 3 working hours)', () => {
    const w = { start: bj('2024-06-14T17:00'), due: bj('2024-06-17T11:00'), mode: 'working' as ClockMode };
    it.each([
      ['Saturday noon: a third used', '2024-06-15T12:00', 'none'],
      ['Sunday night: still a third', '2024-06-16T23:59', 'none'],
      ['Monday 10:14: under 75%', '2024-06-17T10:14', 'none'],
      ['Monday 10:15: 75%', '2024-06-17T10:15', 'yellow'],
      ['Monday 11:01: overdue', '2024-06-17T11:01', 'red'],
    ] as const)('%s', (_label, now, colour) => {
      expect(card(now, null, 0.75, w)).toBe(colour);
    });

    it('calendar share of the same clock would already be yellow on Sunday', () => {
      expect(card('2024-06-16T23:59', null, 0.75, { ...w, mode: 'calendar' })).toBe('yellow');
    });
  });
});

describe('selectPolicy', () => {
  const choice = (over: Partial<PolicyChoice>): PolicyChoice => ({
    categoryPolicyCode: null,
    urgency: 'normal',
    utilityOutage: false,
    ...over,
  });

  it.each<[string, Partial<PolicyChoice>, string]>([
    [
      'urgency beats everything',
      { urgency: 'urgent', utilityOutage: true, categoryPolicyCode: 'rectification' },
      'urgent',
    ],
    ['urgency alone', { urgency: 'urgent' }, 'urgent'],
    [
      'utility outage beats the category',
      { utilityOutage: true, categoryPolicyCode: 'rectification' },
      'utility',
    ],
    ['the category’s policy', { categoryPolicyCode: 'rectification' }, 'rectification'],
    ['no category policy', {}, 'general'],
  ])('%s', (_label, over, code) => {
    expect(selectPolicy(choice(over), DEFAULT_POLICIES).code).toBe(code);
  });

  it('an unknown category policy is POLICY_NOT_FOUND', () => {
    const err = thrown(() => selectPolicy(choice({ categoryPolicyCode: 'nope' }), DEFAULT_POLICIES));
    expect(err.code).toBe('POLICY_NOT_FOUND');
    expect(err.params.policy).toBe('nope');
  });

  it('a missing urgent policy is POLICY_NOT_FOUND', () => {
    const onlyGeneral = DEFAULT_POLICIES.filter((p) => p.code === 'general');
    expect(thrown(() => selectPolicy(choice({ urgency: 'urgent' }), onlyGeneral)).params.policy).toBe(
      'urgent',
    );
  });
});

describe('validatePolicy', () => {
  const general = policy('general');
  const issuesOf = (p: DeadlinePolicy) => {
    const err = thrown(() => validatePolicy(p));
    expect(err.code).toBe('VALIDATION_FAILED');
    return err.fields.map((f) => `${f.path}:${f.code}`);
  };

  it.each([0, 1, 1.2, -0.1, Number.NaN])('yellowAt %d is out of range', (yellowAt) => {
    expect(issuesOf({ ...general, yellowAt })).toEqual(['yellowAt:out_of_range']);
  });

  it.each<[string, Partial<DeadlinePolicy>, string]>([
    ['sign longer than response', { sign: h(3), response: h(2) }, 'response:too_short'],
    ['response longer than reply', { response: h(48), reply: d(1) }, 'reply:too_short'],
    ['complex reply shorter than reply', { replyComplex: d(5) }, 'replyComplex:too_short'],
    [
      'working days compared with working days',
      { mode: 'working', response: d(2), reply: d(1), replyComplex: null },
      'reply:too_short',
    ],
    ['zero amount', { sign: m(0) }, 'sign.amount:not_positive_integer'],
    ['fractional amount', { callback: d(1.5) }, 'callback.amount:not_positive_integer'],
    [
      'unknown unit',
      { returnWindow: { amount: 1, unit: 'week' } as unknown as DurationSpec },
      'returnWindow.unit:invalid_unit',
    ],
    ['missing duration', { reply: null as unknown as DurationSpec }, 'reply:required'],
    ['empty code', { code: ' ' }, 'code:required'],
    ['code with a space', { code: 'a b' }, 'code:invalid_code'],
    ['empty English name', { nameEn: '' }, 'nameEn:required'],
    ['unknown mode', { mode: 'lunar' as unknown as ClockMode }, 'mode:invalid_mode'],
  ])('rejects %s', (_label, over, issue) => {
    expect(issuesOf({ ...general, ...over })).toContain(issue);
  });

  it('working hours and working days are not compared', () => {
    expect(() => validatePolicy({ ...policy('rectification'), response: h(200), reply: d(2) })).not.toThrow();
  });

  it('a missing complex duration is allowed', () => {
    expect(() => validatePolicy({ ...general, replyComplex: null })).not.toThrow();
  });

  it('reports every problem at once', () => {
    expect(issuesOf({ ...general, name: '', yellowAt: 2, sign: h(30) })).toEqual([
      'name:required',
      'yellowAt:out_of_range',
      'response:too_short',
    ]);
  });
});
