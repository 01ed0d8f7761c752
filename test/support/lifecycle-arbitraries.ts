/**
 * Arbitraries for the lifecycle fuzzing (test/unit/fuzz-domain.test.ts):
 * steps of random actions by random actors at random times, biased towards
 * actors the transition table allows and the main road of the lifecycle so
 * that sequences get somewhere; and `apply`, what the use cases write into
 * the ticket row after a decision (the parts `decide` reads back).
 */
import fc from 'fast-check';
import type { ActionInput, Actor, TicketSnapshot } from '../../src/domain/decide.js';
import { ruleFor, TICKET_ACTIONS, type TicketAction } from '../../src/domain/transitions.js';
import { ROLES, SATISFACTIONS, TICKET_STATES, type TicketState } from '../../src/domain/vocabulary.js';

export const HOUR = 3_600_000;

const unitId = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1, max: 0 }) },
);
const reason = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, '', '  ') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constant('处理说明') },
);
const date = fc
  .integer({ min: -10 * 24, max: 30 * 24 })
  .map((h) => (now: Date) => new Date(now.getTime() + h * HOUR));
const state: fc.Arbitrary<TicketState> = fc.constantFrom(...TICKET_STATES);

export type Step = {
  action: Exclude<TicketAction, 'intake'>;
  actor: Actor;
  advanceMs: number;
  make: (now: Date) => ActionInput;
};

const anyActor: fc.Arbitrary<Actor> = fc.record({
  role: fc.constantFrom(...ROLES),
  userId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  unitIds: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
});

/** Mostly someone the table allows (acting for every unit), so that sequences get somewhere. */
function actorFor(action: TicketAction): fc.Arbitrary<Actor> {
  const allowed: fc.Arbitrary<Actor> = fc.record({
    role: fc.constantFrom(...ruleFor(action).roles),
    userId: fc.integer({ min: 1, max: 5 }),
    unitIds: fc.constant([1, 2, 3, 4]),
  });
  return fc.oneof({ weight: 4, arbitrary: allowed }, { weight: 1, arbitrary: anyActor });
}

/** An input for `action`, sometimes well-formed, often not. */
function inputFor(action: Exclude<TicketAction, 'intake'>): fc.Arbitrary<(now: Date) => ActionInput> {
  const r = reason;
  switch (action) {
    case 'dispatch':
      return fc.tuple(unitId, fc.array(unitId, { maxLength: 3 }), r).map(([main, co, why]) => () => ({
        action,
        mainUnitId: main,
        coUnitIds: co,
        reason: why,
      }));
    case 'request_extension':
      return fc.tuple(date, r).map(([until, why]) => (now) => ({
        action,
        until: until(now),
        reason: why as string,
      }));
    case 'approve_extension':
      return fc.tuple(fc.option(date, { nil: undefined }), r).map(([until, why]) => (now) => ({
        action,
        until: until?.(now),
        reason: why,
      }));
    case 'add_co_unit':
      return fc.tuple(fc.array(unitId, { maxLength: 3 }), r).map(([ids, why]) => () => ({
        action,
        unitIds: ids,
        reason: why,
      }));
    case 'request_co_unit':
      return fc.tuple(fc.array(unitId, { maxLength: 2 }), r).map(([ids, why]) => () => ({
        action,
        unitIds: ids,
        reason: why as string,
      }));
    case 'callback':
      return fc
        .tuple(
          fc.boolean(),
          fc.option(fc.boolean(), { nil: undefined }),
          fc.option(fc.constantFrom(...SATISFACTIONS), { nil: undefined }),
          r,
        )
        .map(([reached, resolved, satisfaction, why]) => () => ({
          action,
          reached,
          resolved,
          satisfaction,
          reason: why,
        }));
    case 'merge':
      return fc.tuple(fc.integer({ min: 0, max: 3 }), state, r).map(([targetId, targetState, why]) => () => ({
        action,
        targetId,
        targetState,
        reason: why,
      }));
    case 'yellow_card':
    case 'red_card':
      return fc
        .tuple(fc.constantFrom('sign', 'response', 'reply', 'callback' as const), r)
        .map(([clock, why]) => () => ({ action, clock, reason: why }));
    default:
      return r.map((why) => () => ({ action, reason: why }) as ActionInput);
  }
}

/** The main road of the lifecycle comes up more often than the side roads, so sequences travel it. */
const MAIN_ROAD = new Set<TicketAction>([
  'dispatch',
  'sign',
  'contact',
  'reply',
  'callback',
  'return',
  'reopen',
]);
const ACTIONS = TICKET_ACTIONS.filter((a) => a !== 'intake') as Exclude<TicketAction, 'intake'>[];

export const step: fc.Arbitrary<Step> = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ACTIONS.filter((a) => MAIN_ROAD.has(a))) },
    { weight: 2, arbitrary: fc.constantFrom(...ACTIONS.filter((a) => !MAIN_ROAD.has(a))) },
  )
  .chain((action) =>
    fc.record({
      action: fc.constant(action),
      actor: actorFor(action),
      advanceMs: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 2 * HOUR }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 * 24 * HOUR }) },
      ),
      make: inputFor(action),
    }),
  );

/** What the use cases write into the ticket row after a decision (the parts `decide` reads back). */
export function apply(t: TicketSnapshot, input: ActionInput, to: TicketState, now: Date): TicketSnapshot {
  const next: TicketSnapshot = { ...t, state: to };
  switch (input.action) {
    case 'dispatch':
    case 'reopen': {
      if (input.action === 'dispatch') {
        next.mainUnitId = input.mainUnitId;
        next.coUnitIds = [...(input.coUnitIds ?? [])];
      }
      next.dispatchedAt = now;
      next.returnDueAt = new Date(now.getTime() + 24 * HOUR);
      next.replyDueAt = new Date(now.getTime() + 7 * 24 * HOUR);
      next.extensionRequestedUntil = null;
      next.closedAt = null;
      break;
    }
    case 'approve_return':
      Object.assign(next, {
        mainUnitId: null,
        coUnitIds: [],
        returnDueAt: null,
        replyDueAt: null,
        extensionRequestedUntil: null,
      });
      break;
    case 'request_extension':
      next.extensionRequestedUntil = input.until;
      break;
    case 'approve_extension':
      next.replyDueAt = input.until ?? t.extensionRequestedUntil;
      next.extensionRequestedUntil = null;
      break;
    case 'reject_extension':
    case 'reply':
      next.extensionRequestedUntil = null;
      break;
    case 'add_co_unit':
      next.coUnitIds = [...t.coUnitIds, ...input.unitIds];
      break;
    case 'callback':
      next.lastCallbackResolved = input.reached ? (input.resolved ?? null) : null;
      next.closedAt = now;
      break;
    case 'answer':
      next.closedAt = now;
      break;
    case 'supervise':
    case 'unsupervise':
      next.supervised = input.action === 'supervise';
      break;
    case 'exempt':
    case 'unexempt':
      next.exempt = input.action === 'exempt';
      break;
    default:
      break;
  }
  return next;
}
