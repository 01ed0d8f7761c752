/**
 * Every (state, action, role) combination against SPEC.md's lifecycle table,
 * written out here independently of src/domain/transitions.ts, plus the
 * guards each action adds.
 */
import { describe, expect, it } from 'vitest';
import { type ActionInput, type Actor, decide, type TicketSnapshot } from '../../src/domain/decide.js';
import { AppError } from '../../src/domain/errors.js';
import { TICKET_ACTIONS, type TicketAction, TRANSITIONS } from '../../src/domain/transitions.js';
import { ROLES, type Role, TICKET_STATES, type TicketState } from '../../src/domain/vocabulary.js';

const NOW = new Date('2024-11-26T10:00:00+08:00');
const MAIN = 11;
const CO = 12;

const OPEN = 'received dispatched accepted return_requested in_progress replied';
const HANDLER = 'handler unit_lead';

/** action → [from states, to state ('same' keeps it), roles], transcribed from SPEC.md. */
const SPEC: Record<TicketAction, [string, string, string]> = {
  intake: ['-', 'received', 'agent citizen api_client system village_agent'],
  answer: ['received', 'closed', 'agent'],
  dispatch: ['received', 'dispatched', 'agent dispatcher'],
  sign: ['dispatched', 'accepted', HANDLER],
  return: ['dispatched accepted', 'return_requested', HANDLER],
  approve_return: ['return_requested', 'received', 'dispatcher'],
  reject_return: ['return_requested', 'dispatched', 'dispatcher'],
  contact: ['accepted', 'in_progress', HANDLER],
  note: ['accepted in_progress', 'same', HANDLER],
  request_extension: ['accepted in_progress', 'same', HANDLER],
  approve_extension: [OPEN, 'same', 'dispatcher'],
  reject_extension: [OPEN, 'same', 'dispatcher'],
  request_co_unit: ['accepted in_progress', 'same', HANDLER],
  add_co_unit: ['dispatched accepted in_progress', 'same', 'dispatcher'],
  co_reply: ['dispatched accepted in_progress', 'same', HANDLER],
  reply: ['in_progress', 'replied', HANDLER],
  callback: ['replied', 'closed', 'dispatcher citizen'],
  reopen: ['replied closed', 'dispatched', 'dispatcher'],
  merge: [OPEN, 'merged', 'agent dispatcher'],
  invalidate: [OPEN, 'invalid', 'dispatcher'],
  supervise: [OPEN, 'same', 'dispatcher supervisor system'],
  unsupervise: [OPEN, 'same', 'dispatcher supervisor'],
  exempt: [`${OPEN} closed`, 'same', 'dispatcher'],
  unexempt: [`${OPEN} closed`, 'same', 'dispatcher'],
  yellow_card: [OPEN, 'same', 'system'],
  red_card: [OPEN, 'same', 'system'],
};

function snapshot(state: TicketState, action: TicketAction): TicketSnapshot {
  return {
    id: 1,
    state,
    mainUnitId: MAIN,
    coUnitIds: [CO],
    dispatchedAt: new Date(NOW.getTime() - 3_600_000),
    returnDueAt: new Date(NOW.getTime() + 3_600_000),
    replyDueAt: new Date(NOW.getTime() + 86_400_000),
    closedAt: state === 'closed' ? new Date(NOW.getTime() - 86_400_000) : null,
    extensionRequestedUntil:
      action === 'approve_extension' || action === 'reject_extension'
        ? new Date(NOW.getTime() + 5 * 86_400_000)
        : null,
    lastCallbackResolved: state === 'closed' ? false : null,
    supervised: action === 'unsupervise',
    exempt: action === 'unexempt',
  };
}

function inputFor(action: TicketAction): ActionInput {
  const reason = '原因 reason';
  switch (action) {
    case 'dispatch':
      return { action, mainUnitId: 21, coUnitIds: [22] };
    case 'request_extension':
      return { action, reason, until: new Date(NOW.getTime() + 10 * 86_400_000) };
    case 'add_co_unit':
      return { action, unitIds: [23] };
    case 'callback':
      return { action, reached: true, resolved: true, satisfaction: 'satisfied' };
    case 'merge':
      return { action, targetId: 2, targetState: 'dispatched', reason };
    case 'yellow_card':
    case 'red_card':
      return { action, clock: 'reply' };
    default:
      return { action, reason } as ActionInput;
  }
}

function actorFor(role: Role, action: TicketAction): Actor {
  return { role, userId: 1, unitIds: action === 'co_reply' ? [CO] : [MAIN] };
}

const words = (s: string) => s.split(' ').filter(Boolean);

describe('lifecycle table', () => {
  it('src/domain/transitions.ts has one rule per action and matches SPEC.md', () => {
    expect(TRANSITIONS.map((r) => r.action).sort()).toEqual([...TICKET_ACTIONS].sort());
    for (const rule of TRANSITIONS) {
      const [from, to, roles] = SPEC[rule.action];
      expect(rule.from === null ? ['-'] : [...rule.from].sort(), rule.action).toEqual(words(from).sort());
      expect(rule.to, rule.action).toBe(to);
      expect([...rule.roles].sort(), rule.action).toEqual(words(roles).sort());
    }
  });

  const cases: [TicketState | null, TicketAction, Role][] = [];
  for (const action of TICKET_ACTIONS) {
    for (const role of ROLES) {
      if (action === 'intake') cases.push([null, action, role]);
      for (const state of TICKET_STATES) cases.push([state, action, role]);
    }
  }

  it(`covers ${cases.length} (state, action, role) combinations`, () => {
    let allowed = 0;
    for (const [state, action, role] of cases) {
      const [from, to, roles] = SPEC[action];
      const stateOk = state === null ? from === '-' : words(from).includes(state);
      const expectAllowed = stateOk && words(roles).includes(role);
      const ticket = state === null ? null : snapshot(state, action);
      const run = () => decide(ticket, inputFor(action), actorFor(role, action), NOW);
      const label = `${state ?? '-'} ${action} ${role}`;
      if (expectAllowed) {
        allowed += 1;
        const d = run();
        expect(d.to, label).toBe(to === 'same' ? state : to);
        expect(d.event.action, label).toBe(action);
        expect(d.event.fromState, label).toBe(state);
      } else {
        let code = '';
        try {
          run();
        } catch (err) {
          code = err instanceof AppError ? err.code : 'OTHER';
        }
        const expected = words(roles).includes(role) ? 'TRANSITION_NOT_ALLOWED' : 'ROLE_NOT_ALLOWED';
        expect(code, label).toBe(expected);
      }
    }
    expect(allowed).toBeGreaterThan(60);
  });
});

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

const handler: Actor = { role: 'handler', userId: 5, unitIds: [MAIN] };
const outsider: Actor = { role: 'handler', userId: 6, unitIds: [99] };
const dispatcher: Actor = { role: 'dispatcher', userId: 7, unitIds: [] };

describe('guards', () => {
  it('only the main unit signs, returns, contacts and replies', () => {
    for (const [state, input] of [
      ['dispatched', { action: 'sign' }],
      ['dispatched', { action: 'return', reason: 'x' }],
      ['accepted', { action: 'contact' }],
      ['in_progress', { action: 'reply', reason: 'done' }],
    ] as [TicketState, ActionInput][]) {
      expectCode(() => decide(snapshot(state, input.action), input, outsider, NOW), 'NOT_MAIN_UNIT');
      expect(decide(snapshot(state, input.action), input, handler, NOW).event.action).toBe(input.action);
    }
  });

  it('a unit lead acts for units in the subtree it is given', () => {
    const lead: Actor = { role: 'unit_lead', userId: 8, unitIds: [1, MAIN] };
    expect(decide(snapshot('dispatched', 'sign'), { action: 'sign' }, lead, NOW).to).toBe('accepted');
  });

  it('only a co-handling unit replies as co-handler', () => {
    const t = snapshot('accepted', 'co_reply');
    expectCode(() => decide(t, { action: 'co_reply', reason: 'ok' }, handler, NOW), 'NOT_CO_UNIT');
    const co: Actor = { role: 'handler', userId: 9, unitIds: [CO] };
    expect(decide(t, { action: 'co_reply', reason: 'ok' }, co, NOW).to).toBe('accepted');
  });

  it.each([
    ['return', 'dispatched'],
    ['reply', 'in_progress'],
    ['invalidate', 'received'],
    ['reopen', 'replied'],
    ['exempt', 'closed'],
    ['answer', 'received'],
    ['reject_return', 'return_requested'],
    ['note', 'accepted'],
  ] as [TicketAction, TicketState][])('%s requires a reason (blank is not one)', (action, state) => {
    const role: Role = ['return', 'reply', 'note'].includes(action)
      ? 'handler'
      : action === 'answer'
        ? 'agent'
        : 'dispatcher';
    const input = { ...inputFor(action), reason: '   ' } as ActionInput;
    expectCode(() => decide(snapshot(state, action), input, actorFor(role, action), NOW), 'REASON_REQUIRED');
  });

  it('return is refused after the return window', () => {
    const t = { ...snapshot('accepted', 'return'), returnDueAt: new Date(NOW.getTime() - 1) };
    expectCode(() => decide(t, { action: 'return', reason: 'x' }, handler, NOW), 'RETURN_WINDOW_CLOSED');
    const noDue = { ...t, returnDueAt: null, dispatchedAt: new Date(NOW.getTime() - 25 * 3_600_000) };
    expectCode(() => decide(noDue, { action: 'return', reason: 'x' }, handler, NOW), 'RETURN_WINDOW_CLOSED');
  });

  it('extensions: one pending at a time, later than the current deadline', () => {
    const t = snapshot('in_progress', 'request_extension');
    const later = new Date(NOW.getTime() + 3 * 86_400_000);
    expect(
      decide(t, { action: 'request_extension', reason: 'x', until: later }, handler, NOW).event.data.until,
    ).toBe(later.toISOString());
    expectCode(
      () =>
        decide(t, { action: 'request_extension', reason: 'x', until: new Date(NOW.getTime()) }, handler, NOW),
      'EXTENSION_NOT_LATER',
    );
    const pending = { ...t, extensionRequestedUntil: later };
    expectCode(
      () => decide(pending, { action: 'request_extension', reason: 'x', until: later }, handler, NOW),
      'EXTENSION_PENDING',
    );
    const none = { ...t, extensionRequestedUntil: null };
    expectCode(() => decide(none, { action: 'approve_extension' }, dispatcher, NOW), 'NO_EXTENSION_PENDING');
    expectCode(
      () => decide(none, { action: 'reject_extension', reason: 'no' }, dispatcher, NOW),
      'NO_EXTENSION_PENDING',
    );
    expect(decide(pending, { action: 'approve_extension' }, dispatcher, NOW).event.data.until).toBe(
      later.toISOString(),
    );
  });

  it('dispatch needs a main unit and distinct co-units', () => {
    const t = snapshot('received', 'dispatch');
    const agent: Actor = { role: 'agent', userId: 1, unitIds: [] };
    expectCode(() => decide(t, { action: 'dispatch', mainUnitId: 0 }, agent, NOW), 'UNIT_REQUIRED');
    expectCode(
      () => decide(t, { action: 'dispatch', mainUnitId: 3, coUnitIds: [3] }, agent, NOW),
      'CO_UNIT_INVALID',
    );
    expectCode(
      () => decide(t, { action: 'dispatch', mainUnitId: 3, coUnitIds: [4, 4] }, agent, NOW),
      'CO_UNIT_INVALID',
    );
  });

  it('co-units added must be new', () => {
    const t = snapshot('accepted', 'add_co_unit');
    expectCode(() => decide(t, { action: 'add_co_unit', unitIds: [CO] }, dispatcher, NOW), 'CO_UNIT_INVALID');
    expectCode(
      () => decide(t, { action: 'add_co_unit', unitIds: [MAIN] }, dispatcher, NOW),
      'CO_UNIT_INVALID',
    );
    expectCode(() => decide(t, { action: 'add_co_unit', unitIds: [] }, dispatcher, NOW), 'CO_UNIT_INVALID');
  });

  it('a reached callback needs resolved and satisfaction; an unreachable one does not', () => {
    const t = snapshot('replied', 'callback');
    expectCode(() => decide(t, { action: 'callback', reached: true }, dispatcher, NOW), 'VALIDATION_FAILED');
    const d = decide(t, { action: 'callback', reached: false }, dispatcher, NOW);
    expect(d.to).toBe('closed');
    expect(d.event.data).toEqual({ reached: false, resolved: null, satisfaction: null });
  });

  it('reopen of a closed ticket needs an unresolved callback within the window', () => {
    const t = snapshot('closed', 'reopen');
    expect(decide(t, { action: 'reopen', reason: 'x' }, dispatcher, NOW).to).toBe('dispatched');
    expectCode(
      () => decide({ ...t, lastCallbackResolved: true }, { action: 'reopen', reason: 'x' }, dispatcher, NOW),
      'REOPEN_REQUIRES_UNRESOLVED',
    );
    const old = { ...t, closedAt: new Date(NOW.getTime() - 31 * 86_400_000) };
    expectCode(() => decide(old, { action: 'reopen', reason: 'x' }, dispatcher, NOW), 'REOPEN_WINDOW_CLOSED');
    const wider = decide(old, { action: 'reopen', reason: 'x' }, dispatcher, NOW, {
      reopenWindowDays: 60,
      returnWindowHours: 24,
    });
    expect(wider.to).toBe('dispatched');
  });

  it('merge refuses itself and dead targets', () => {
    const t = snapshot('received', 'merge');
    const agent: Actor = { role: 'agent', userId: 1, unitIds: [] };
    expectCode(
      () => decide(t, { action: 'merge', targetId: 1, targetState: 'received' }, agent, NOW),
      'MERGE_TARGET_INVALID',
    );
    expectCode(
      () => decide(t, { action: 'merge', targetId: 2, targetState: 'merged' }, agent, NOW),
      'MERGE_TARGET_INVALID',
    );
    expectCode(
      () => decide(t, { action: 'merge', targetId: 2, targetState: 'invalid' }, agent, NOW),
      'MERGE_TARGET_INVALID',
    );
    expect(decide(t, { action: 'merge', targetId: 2, targetState: 'closed' }, agent, NOW).to).toBe('merged');
  });

  it('flags must change', () => {
    const t = { ...snapshot('accepted', 'supervise'), supervised: true, exempt: true };
    expectCode(() => decide(t, { action: 'supervise', reason: 'x' }, dispatcher, NOW), 'FLAG_UNCHANGED');
    expectCode(() => decide(t, { action: 'exempt', reason: 'x' }, dispatcher, NOW), 'FLAG_UNCHANGED');
    expect(decide(t, { action: 'unsupervise', reason: 'x' }, dispatcher, NOW).to).toBe('accepted');
  });

  it('intake creates; it cannot act on an existing ticket', () => {
    const agent: Actor = { role: 'agent', userId: 1, unitIds: [] };
    expect(decide(null, { action: 'intake' }, agent, NOW).to).toBe('received');
    expectCode(
      () => decide(snapshot('received', 'intake'), { action: 'intake' }, agent, NOW),
      'TRANSITION_NOT_ALLOWED',
    );
  });

  it('public events are those a citizen sees', () => {
    const publicActions = TRANSITIONS.filter((r) => r.public)
      .map((r) => r.action)
      .sort();
    expect(publicActions).toEqual(
      [
        'answer',
        'callback',
        'contact',
        'dispatch',
        'intake',
        'invalidate',
        'merge',
        'reopen',
        'reply',
        'sign',
      ].sort(),
    );
  });
});
