/**
 * The pure heart of the ticket lifecycle: given a ticket, an action with its
 * input, an actor and the time, say what happens — the next state and the
 * event to append — or throw a typed AppError. No I/O; the use cases in
 * src/services lock the row, call this, and persist the outcome.
 */
import { AppError } from './errors.js';
import { ruleFor, type TicketAction, type TransitionRule } from './transitions.js';
import type { Role, Satisfaction, TicketState } from './vocabulary.js';

/** What the domain needs to know about a ticket to judge an action. */
export interface TicketSnapshot {
  id: number;
  state: TicketState;
  mainUnitId: number | null;
  coUnitIds: readonly number[];
  dispatchedAt: Date | null;
  returnDueAt: Date | null;
  replyDueAt: Date | null;
  closedAt: Date | null;
  /** the deadline a pending extension request asks for; null when none is pending */
  extensionRequestedUntil: Date | null;
  /** outcome of the latest callback, null when there was none */
  lastCallbackResolved: boolean | null;
  supervised: boolean;
  exempt: boolean;
}

export interface Actor {
  role: Role;
  userId: number | null;
  /** units the actor acts for: its own unit, or for a unit lead the unit's subtree */
  unitIds: readonly number[];
}

export type Clock = 'sign' | 'response' | 'reply' | 'callback';

export type ActionInput =
  | { action: 'intake'; reason?: string }
  | { action: 'answer'; reason: string }
  | { action: 'dispatch'; mainUnitId: number; coUnitIds?: readonly number[]; reason?: string }
  | { action: 'sign'; reason?: string }
  | { action: 'return'; reason: string }
  | { action: 'approve_return'; reason?: string }
  | { action: 'reject_return'; reason: string }
  | { action: 'contact'; reason?: string }
  | { action: 'note'; reason: string }
  | { action: 'request_extension'; reason: string; until: Date }
  | { action: 'approve_extension'; reason?: string; until?: Date }
  | { action: 'reject_extension'; reason: string }
  | { action: 'request_co_unit'; reason: string; unitIds?: readonly number[] }
  | { action: 'add_co_unit'; unitIds: readonly number[]; reason?: string }
  | { action: 'co_reply'; reason: string }
  | { action: 'reply'; reason: string }
  | {
      action: 'callback';
      reached: boolean;
      resolved?: boolean;
      satisfaction?: Satisfaction;
      reason?: string;
    }
  | { action: 'reopen'; reason: string }
  | { action: 'merge'; targetId: number; targetState: TicketState; reason?: string }
  | { action: 'invalidate'; reason: string }
  | { action: 'supervise'; reason: string }
  | { action: 'unsupervise'; reason: string }
  | { action: 'exempt'; reason: string }
  | { action: 'unexempt'; reason: string }
  | { action: 'yellow_card'; clock: Clock; reason?: string }
  | { action: 'red_card'; clock: Clock; reason?: string };

export type EventData = Record<string, string | number | boolean | null | readonly number[]>;

/** An event to append to the ticket's log. */
export interface DomainEvent {
  action: TicketAction;
  fromState: TicketState | null;
  toState: TicketState;
  reason: string | null;
  public: boolean;
  data: EventData;
}

export interface DecideOptions {
  /** how long a closed ticket may still be reopened (重办), in days */
  reopenWindowDays: number;
  /** return (退单) is allowed until this many hours after dispatch when the ticket carries no return deadline */
  returnWindowHours: number;
}

export const DEFAULT_DECIDE_OPTIONS: DecideOptions = { reopenWindowDays: 30, returnWindowHours: 24 };

export interface Decision {
  rule: TransitionRule;
  to: TicketState;
  event: DomainEvent;
}

const DAY_MS = 86_400_000;

/**
 * Judge `input` on `ticket` by `actor` at `now`. For intake pass `ticket = null`.
 * Checks run in a fixed order so the error a client gets is predictable:
 * role, state, unit scope, reason, then the action's own guards.
 */
export function decide(
  ticket: TicketSnapshot | null,
  input: ActionInput,
  actor: Actor,
  now: Date,
  options: DecideOptions = DEFAULT_DECIDE_OPTIONS,
): Decision {
  const rule = ruleFor(input.action);
  if (!rule.roles.includes(actor.role)) {
    throw new AppError('ROLE_NOT_ALLOWED', { role: actor.role, action: input.action });
  }
  const from = ticket?.state ?? null;
  if (rule.from === null) {
    if (ticket !== null)
      throw new AppError('TRANSITION_NOT_ALLOWED', { state: ticket.state, action: input.action });
  } else if (from === null || !rule.from.includes(from)) {
    throw new AppError('TRANSITION_NOT_ALLOWED', { state: from ?? 'none', action: input.action });
  }
  if (ticket && rule.scope === 'main_unit') {
    if (ticket.mainUnitId === null || !actor.unitIds.includes(ticket.mainUnitId)) {
      throw new AppError('NOT_MAIN_UNIT', { action: input.action });
    }
  }
  if (ticket && rule.scope === 'co_unit') {
    if (!ticket.coUnitIds.some((u) => actor.unitIds.includes(u))) throw new AppError('NOT_CO_UNIT');
  }
  const reason = normaliseReason(input.reason);
  if (rule.reasonRequired && reason === null) throw new AppError('REASON_REQUIRED', { action: input.action });

  const data = ticket ? guard(ticket, input, now, options) : {};
  const to = rule.to === 'same' ? (from as TicketState) : rule.to;
  return {
    rule,
    to,
    event: { action: input.action, fromState: from, toState: to, reason, public: rule.public, data },
  };
}

function normaliseReason(reason: string | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** The action's own guards; returns the event data worth recording. */
function guard(ticket: TicketSnapshot, input: ActionInput, now: Date, options: DecideOptions): EventData {
  switch (input.action) {
    case 'dispatch':
      return dispatchData(input.mainUnitId, input.coUnitIds ?? []);
    case 'return': {
      const due =
        ticket.returnDueAt ??
        (ticket.dispatchedAt
          ? new Date(ticket.dispatchedAt.getTime() + options.returnWindowHours * 3_600_000)
          : null);
      if (due !== null && now.getTime() > due.getTime()) {
        throw new AppError('RETURN_WINDOW_CLOSED', { hours: options.returnWindowHours });
      }
      return {};
    }
    case 'request_extension':
      if (ticket.extensionRequestedUntil !== null) throw new AppError('EXTENSION_PENDING');
      if (ticket.replyDueAt !== null && input.until.getTime() <= ticket.replyDueAt.getTime()) {
        throw new AppError('EXTENSION_NOT_LATER');
      }
      return { until: input.until.toISOString() };
    case 'approve_extension': {
      if (ticket.extensionRequestedUntil === null) throw new AppError('NO_EXTENSION_PENDING');
      const until = input.until ?? ticket.extensionRequestedUntil;
      if (ticket.replyDueAt !== null && until.getTime() <= ticket.replyDueAt.getTime()) {
        throw new AppError('EXTENSION_NOT_LATER');
      }
      return { until: until.toISOString() };
    }
    case 'reject_extension':
      if (ticket.extensionRequestedUntil === null) throw new AppError('NO_EXTENSION_PENDING');
      return {};
    case 'request_co_unit':
      return { unitIds: input.unitIds ?? [] };
    case 'add_co_unit':
      return coUnitData(ticket, input.unitIds);
    case 'callback':
      return callbackData(input);
    case 'reopen':
      return reopenData(ticket, now, options);
    case 'merge':
      return mergeData(ticket, input.targetId, input.targetState);
    case 'supervise':
    case 'unsupervise':
      if (ticket.supervised === (input.action === 'supervise')) {
        throw new AppError('FLAG_UNCHANGED', { flag: 'supervised' });
      }
      return {};
    case 'exempt':
    case 'unexempt':
      if (ticket.exempt === (input.action === 'exempt'))
        throw new AppError('FLAG_UNCHANGED', { flag: 'exempt' });
      return {};
    case 'yellow_card':
    case 'red_card':
      return { clock: input.clock };
    default:
      return {};
  }
}

function dispatchData(mainUnitId: number, coUnitIds: readonly number[]): EventData {
  if (!Number.isInteger(mainUnitId) || mainUnitId <= 0) throw new AppError('UNIT_REQUIRED');
  const unique = new Set(coUnitIds);
  if (unique.size !== coUnitIds.length || unique.has(mainUnitId)) throw new AppError('CO_UNIT_INVALID');
  return { mainUnitId, coUnitIds: [...coUnitIds] };
}

function coUnitData(ticket: TicketSnapshot, unitIds: readonly number[]): EventData {
  const unique = new Set(unitIds);
  const clash =
    unitIds.length === 0 ||
    unique.size !== unitIds.length ||
    unitIds.some((u) => u === ticket.mainUnitId || ticket.coUnitIds.includes(u));
  if (clash) throw new AppError('CO_UNIT_INVALID');
  return { unitIds: [...unitIds] };
}

function callbackData(input: Extract<ActionInput, { action: 'callback' }>): EventData {
  if (!input.reached) return { reached: false, resolved: null, satisfaction: null };
  if (input.resolved === undefined || input.satisfaction === undefined) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: 'resolved', code: 'required', message: 'resolved and satisfaction are required when reached' },
    ]);
  }
  return { reached: true, resolved: input.resolved, satisfaction: input.satisfaction };
}

function reopenData(ticket: TicketSnapshot, now: Date, options: DecideOptions): EventData {
  if (ticket.state === 'closed') {
    if (ticket.lastCallbackResolved !== false) throw new AppError('REOPEN_REQUIRES_UNRESOLVED');
    const closedAt = ticket.closedAt?.getTime() ?? now.getTime();
    if (now.getTime() - closedAt > options.reopenWindowDays * DAY_MS) {
      throw new AppError('REOPEN_WINDOW_CLOSED', { days: options.reopenWindowDays });
    }
  }
  return { mainUnitId: ticket.mainUnitId };
}

function mergeData(ticket: TicketSnapshot, targetId: number, targetState: TicketState): EventData {
  if (targetId === ticket.id) {
    throw new AppError('MERGE_TARGET_INVALID', { target: targetId, reason: 'same ticket / 同一工单' });
  }
  if (targetState === 'merged' || targetState === 'invalid') {
    throw new AppError('MERGE_TARGET_INVALID', { target: targetId, reason: `target is ${targetState}` });
  }
  return { targetId };
}
