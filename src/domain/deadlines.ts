/**
 * Deadline policies and the clocks of a dispatched ticket: sign 签收,
 * first contact 响应, reply 办结反馈, return window 退单, callback 回访;
 * and the yellow/red cards the deadline sweep raises. Pure: every instant is
 * a parameter. The defaults follow the table in SPEC.md "Deadlines"; they are
 * policy, editable by the admin, not law.
 */
import {
  addDuration,
  type ClockMode,
  type DurationSpec,
  elapsedShare,
  type WorkingCalendar,
} from './calendar.js';
import { AppError, type FieldIssue } from './errors.js';

/** 时限规则 */
export interface DeadlinePolicy {
  code: string;
  name: string;
  nameEn: string;
  mode: ClockMode;
  sign: DurationSpec;
  response: DurationSpec;
  reply: DurationSpec;
  /** used when the ticket is flagged complex; null means complex tickets get `reply` too */
  replyComplex: DurationSpec | null;
  returnWindow: DurationSpec;
  callback: DurationSpec;
  /** share of time used that raises a yellow card, default 0.75 */
  yellowAt: number;
}

const m = (amount: number): DurationSpec => ({ amount, unit: 'minute' });
const h = (amount: number): DurationSpec => ({ amount, unit: 'hour' });
const d = (amount: number): DurationSpec => ({ amount, unit: 'day' });

export const DEFAULT_POLICIES: readonly DeadlinePolicy[] = [
  {
    code: 'general',
    name: '一般诉求',
    nameEn: 'General',
    mode: 'calendar',
    sign: h(2),
    response: h(24),
    reply: d(7),
    replyComplex: d(15),
    returnWindow: h(24),
    callback: d(3),
    yellowAt: 0.75,
  },
  {
    code: 'urgent',
    name: '紧急诉求',
    nameEn: 'Urgent',
    mode: 'calendar',
    sign: m(30),
    response: h(2),
    reply: h(24),
    replyComplex: null,
    returnWindow: h(24),
    callback: d(3),
    yellowAt: 0.75,
  },
  {
    // 水电气热: water, power, gas and heating outages
    code: 'utility',
    name: '水电气热故障',
    nameEn: 'Utility outage',
    mode: 'calendar',
    sign: m(30),
    response: h(2),
    reply: h(24),
    replyComplex: null,
    returnWindow: h(24),
    callback: d(3),
    yellowAt: 0.75,
  },
  {
    // 好差评整改: fixing what a poor service rating found, counted in working time
    code: 'rectification',
    name: '好差评整改',
    nameEn: 'Service rating rectification',
    mode: 'working',
    sign: h(2),
    response: h(24),
    reply: d(15),
    replyComplex: null,
    returnWindow: h(24),
    callback: d(3),
    yellowAt: 0.75,
  },
];

export interface DispatchDeadlines {
  signDueAt: Date;
  responseDueAt: Date;
  replyDueAt: Date;
  returnDueAt: Date;
}

/** All clocks that start at dispatch, in the policy's clock mode. */
export function computeDispatchDeadlines(
  policy: DeadlinePolicy,
  dispatchedAt: Date,
  opts: { complex: boolean },
  cal: WorkingCalendar,
): DispatchDeadlines {
  const reply = opts.complex && policy.replyComplex !== null ? policy.replyComplex : policy.reply;
  return {
    signDueAt: addDuration(dispatchedAt, policy.sign, policy.mode, cal),
    responseDueAt: addDuration(dispatchedAt, policy.response, policy.mode, cal),
    replyDueAt: addDuration(dispatchedAt, reply, policy.mode, cal),
    returnDueAt: addDuration(dispatchedAt, policy.returnWindow, policy.mode, cal),
  };
}

/** The callback 回访 clock starts when the unit replies. */
export function computeCallbackDue(policy: DeadlinePolicy, repliedAt: Date, cal: WorkingCalendar): Date {
  return addDuration(repliedAt, policy.callback, policy.mode, cal);
}

export type CardColour = 'none' | 'yellow' | 'red';

/**
 * 黄牌/红牌 for one clock at `now`: red when due has passed without being
 * done (or done late), yellow when >= yellowAt of the time is used and not
 * done, else none. A clock done on time is 'none'.
 *
 * The card is judged as of `now`: a `doneAt` later than `now` has not
 * happened yet, so replaying history gives the card shown at that time.
 * Exactly at `due` the clock has not passed yet (share 1: yellow).
 */
export function cardFor(args: {
  start: Date;
  due: Date;
  doneAt: Date | null;
  now: Date;
  mode: ClockMode;
  yellowAt: number;
  cal: WorkingCalendar;
}): CardColour {
  const { start, due, doneAt, now, mode, yellowAt, cal } = args;
  if (doneAt !== null && doneAt.getTime() <= now.getTime()) {
    return doneAt.getTime() <= due.getTime() ? 'none' : 'red';
  }
  if (now.getTime() > due.getTime()) return 'red';
  return elapsedShare(start, due, now, mode, cal) >= yellowAt ? 'yellow' : 'none';
}

export interface PolicyChoice {
  categoryPolicyCode: string | null;
  urgency: 'normal' | 'urgent';
  utilityOutage: boolean;
}

/**
 * urgent -> 'urgent'; utility outage -> 'utility'; else the category's
 * policy; else 'general'. Unknown code -> AppError POLICY_NOT_FOUND.
 * Urgency wins over the category because a category's policy describes the
 * ordinary case of that matter, not an emergency in it.
 */
export function selectPolicy(choice: PolicyChoice, policies: readonly DeadlinePolicy[]): DeadlinePolicy {
  const code =
    choice.urgency === 'urgent'
      ? 'urgent'
      : choice.utilityOutage
        ? 'utility'
        : (choice.categoryPolicyCode ?? 'general');
  const policy = policies.find((p) => p.code === code);
  if (!policy) throw new AppError('POLICY_NOT_FOUND', { policy: code });
  return policy;
}

const DURATION_FIELDS = ['sign', 'response', 'reply', 'replyComplex', 'returnWindow', 'callback'] as const;
type DurationField = (typeof DURATION_FIELDS)[number];
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

function durationIssue(spec: unknown, path: string): FieldIssue | null {
  if (typeof spec !== 'object' || spec === null) {
    return { path, code: 'required', message: 'a duration such as 2h is required' };
  }
  const { amount, unit } = spec as Record<string, unknown>;
  if (unit !== 'minute' && unit !== 'hour' && unit !== 'day') {
    return { path: `${path}.unit`, code: 'invalid_unit', message: 'the unit must be minute, hour or day' };
  }
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    return {
      path: `${path}.amount`,
      code: 'not_positive_integer',
      message: 'the amount must be a positive whole number',
    };
  }
  return null;
}

/**
 * Length of a duration for ordering checks, or null when two durations of
 * this mode cannot be ordered: in working mode a working day runs to close of
 * business and so is no fixed number of working hours.
 */
function comparable(mode: ClockMode, a: DurationSpec, b: DurationSpec): [number, number] | null {
  if (mode === 'working' && (a.unit === 'day') !== (b.unit === 'day')) return null;
  return [a.amount * UNIT_MS[a.unit], b.amount * UNIT_MS[b.unit]];
}

/**
 * Checks a policy an admin saves: code and names present, a known mode,
 * valid durations, yellowAt strictly between 0 and 1, and sign <= response
 * <= reply <= replyComplex wherever the mode makes two durations comparable.
 * Every problem becomes one field issue of a single VALIDATION_FAILED.
 */
export function validatePolicy(p: DeadlinePolicy): void {
  const issues: FieldIssue[] = [];
  for (const field of ['code', 'name', 'nameEn'] as const) {
    const value: unknown = p[field];
    if (typeof value !== 'string' || value.trim() === '') {
      issues.push({ path: field, code: 'required', message: `${field} is required` });
    }
  }
  if (typeof p.code === 'string' && /\s/.test(p.code)) {
    issues.push({ path: 'code', code: 'invalid_code', message: 'the code must not contain spaces' });
  }
  if (p.mode !== 'calendar' && p.mode !== 'working') {
    issues.push({ path: 'mode', code: 'invalid_mode', message: 'the mode must be calendar or working' });
  }
  if (typeof p.yellowAt !== 'number' || !(p.yellowAt > 0 && p.yellowAt < 1)) {
    issues.push({
      path: 'yellowAt',
      code: 'out_of_range',
      message: 'yellowAt must be between 0 and 1, exclusive',
    });
  }
  const valid = new Map<DurationField, DurationSpec>();
  for (const field of DURATION_FIELDS) {
    const spec = p[field];
    if (field === 'replyComplex' && spec === null) continue;
    const issue = durationIssue(spec, field);
    if (issue) issues.push(issue);
    else if (spec) valid.set(field, spec);
  }
  const order: ReadonlyArray<readonly [DurationField, DurationField]> = [
    ['sign', 'response'],
    ['response', 'reply'],
    ['reply', 'replyComplex'],
  ];
  for (const [shorter, longer] of order) {
    const a = valid.get(shorter);
    const b = valid.get(longer);
    if (!a || !b) continue;
    const lengths = comparable(p.mode, a, b);
    if (lengths && lengths[0] > lengths[1]) {
      issues.push({
        path: longer,
        code: 'too_short',
        message: `${longer} must not be shorter than ${shorter}`,
      });
    }
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);
}
