/**
 * 到期巡检 The rules of the deadline sweep, pure: given a ticket's clocks, the
 * cards already issued in its current round and the time, say which yellow
 * cards 黄牌 (share of time used >= yellowAt), red cards 红牌 (overdue),
 * supervision 督办 (reply overdue for a configured time) and callback
 * reminders 回访提醒 are due now, and the next instant at which one will be.
 *
 * Thresholds are instants computed once, so the sweep can store the next one
 * in an indexed column and never look at a ticket before something is due.
 * They agree with `cardFor` in ./deadlines.ts: exactly in calendar mode, to
 * within a minute in working mode (working time is counted in whole minutes).
 */
import { addDuration, type ClockMode, type WorkingCalendar, workingMinutesBetween } from './calendar.js';
import type { CardColour } from './deadlines.js';
import type { Clock } from './decide.js';
import { isOpen, type TicketState } from './vocabulary.js';

/** The clock columns of a ticket, as the sweep reads them. */
export interface TicketClocks {
  state: TicketState;
  dispatchedAt: Date | null;
  signDueAt: Date | null;
  signedAt: Date | null;
  responseDueAt: Date | null;
  firstContactAt: Date | null;
  replyDueAt: Date | null;
  repliedAt: Date | null;
  callbackDueAt: Date | null;
  callbackAt: Date | null;
  supervised: boolean;
  /** the card the ticket shows now (the `card` column) */
  card: CardColour;
}

export interface SweepRules {
  mode: ClockMode;
  /** share of a clock's time that raises a yellow card, e.g. 0.75 */
  yellowAt: number;
  calendar: WorkingCalendar;
  /** hours the reply clock must have been overdue before the sweep raises supervision */
  superviseAfterOverdueHours: number;
}

export type CardKind = 'yellow' | 'red';
/** The unit's clocks: cards on them are warnings to the main unit. */
export const UNIT_CLOCKS = ['sign', 'response', 'reply'] as const;
export type UnitClock = (typeof UNIT_CLOCKS)[number];

/** Keys of the `ticket_cards` rows of one round: `sign:yellow`, `callback:red`, `supervision:red`. */
export type IssuedKey = `${Clock}:${CardKind}` | 'supervision:red';
export const SUPERVISION_KEY: IssuedKey = 'supervision:red';

export function issuedKey(clock: Clock, colour: CardKind): IssuedKey {
  return `${clock}:${colour}`;
}

export interface DueCard {
  clock: UnitClock;
  colour: CardKind;
}

export interface DueChecks {
  /** unit cards to issue now, each clock's yellow before its red */
  cards: DueCard[];
  /** raise supervision now */
  supervise: boolean;
  /** callback reminders to the centre: at yellowAt of the callback time, and when it is overdue */
  callbackReminders: CardKind[];
  /** the card the ticket should show now */
  card: CardColour;
}

interface ClockSpan {
  clock: Clock;
  start: Date;
  due: Date;
  doneAt: Date | null;
}

const HOUR_MS = 3_600_000;
const RANK: Record<CardColour, number> = { none: 0, yellow: 1, red: 2 };

function unitSpans(t: TicketClocks): ClockSpan[] {
  if (t.dispatchedAt === null) return [];
  const spans: ClockSpan[] = [];
  const add = (clock: Clock, due: Date | null, doneAt: Date | null) => {
    if (due !== null && t.dispatchedAt !== null) spans.push({ clock, start: t.dispatchedAt, due, doneAt });
  };
  add('sign', t.signDueAt, t.signedAt);
  add('response', t.responseDueAt, t.firstContactAt);
  add('reply', t.replyDueAt, t.repliedAt);
  return spans;
}

/** The callback clock runs from the reply until the callback, while the ticket waits for it. */
function callbackSpan(t: TicketClocks): ClockSpan | null {
  if (t.state !== 'replied' || t.repliedAt === null || t.callbackDueAt === null || t.callbackAt !== null) {
    return null;
  }
  return { clock: 'callback', start: t.repliedAt, due: t.callbackDueAt, doneAt: null };
}

/** A clock runs until it is done; nothing runs on a closed, merged or invalid ticket. */
function running(t: TicketClocks, span: ClockSpan): boolean {
  return isOpen(t.state) && span.doneAt === null;
}

/**
 * The first instant at which the share of the clock used reaches `yellowAt`.
 * Working mode counts whole working minutes, so the instant may be up to a
 * minute after the exact share; it never lies after the due instant.
 */
export function yellowInstant(start: Date, due: Date, rules: SweepRules): Date {
  const total = due.getTime() - start.getTime();
  if (total <= 0) return due;
  if (rules.mode === 'working') {
    const minutes = workingMinutesBetween(rules.calendar, start, due);
    if (minutes > 0) {
      // The small epsilon keeps 0.75 * 120 = 90.00000000000001 from becoming 91.
      const amount = Math.ceil(minutes * rules.yellowAt - 1e-9);
      if (amount <= 0) return start;
      const at = addDuration(start, { amount, unit: 'minute' }, 'working', rules.calendar);
      return at.getTime() < due.getTime() ? at : due;
    }
  }
  return new Date(start.getTime() + Math.ceil(total * rules.yellowAt - 1e-9));
}

/** A clock is overdue once its due instant has passed: exactly at `due` it is still yellow. */
export function redInstant(due: Date): Date {
  return new Date(due.getTime() + 1);
}

/** Supervision comes once the reply clock has been red for the configured hours. */
export function superviseInstant(replyDue: Date, rules: SweepRules): Date {
  const after = Math.max(1, Math.round(rules.superviseAfterOverdueHours * HOUR_MS));
  return new Date(replyDue.getTime() + after);
}

function colourAt(span: ClockSpan, rules: SweepRules, now: Date): CardColour {
  if (span.doneAt !== null && span.doneAt.getTime() <= now.getTime()) {
    return span.doneAt.getTime() <= span.due.getTime() ? 'none' : 'red';
  }
  if (now.getTime() >= redInstant(span.due).getTime()) return 'red';
  return now.getTime() >= yellowInstant(span.start, span.due, rules).getTime() ? 'yellow' : 'none';
}

/**
 * The card a ticket shows at `now`: the worst colour of the unit's clocks
 * (sign, response, reply). A clock done late stays red; one done in time
 * shows nothing. The callback clock is the centre's and never colours the
 * unit's card.
 */
export function currentCard(t: TicketClocks, rules: SweepRules, now: Date): CardColour {
  let worst: CardColour = 'none';
  for (const span of unitSpans(t)) {
    const colour = colourAt(span, rules, now);
    if (RANK[colour] > RANK[worst]) worst = colour;
  }
  return worst;
}

/**
 * What the sweep must do for the ticket at `now`, given the keys already
 * issued in the current round. A red card whose yellow was never issued (the
 * sweep was down, or the clock is short) brings the yellow too.
 */
export function dueChecks(
  t: TicketClocks,
  issued: ReadonlySet<string>,
  rules: SweepRules,
  now: Date,
): DueChecks {
  const result: DueChecks = { cards: [], supervise: false, callbackReminders: [], card: t.card };
  if (!isOpen(t.state)) return result;
  for (const span of unitSpans(t)) {
    if (!running(t, span)) continue;
    const colour = colourAt(span, rules, now);
    if (colour === 'none') continue;
    const clock = span.clock as UnitClock;
    if (!issued.has(issuedKey(clock, 'yellow'))) result.cards.push({ clock, colour: 'yellow' });
    if (colour === 'red' && !issued.has(issuedKey(clock, 'red'))) result.cards.push({ clock, colour: 'red' });
  }
  const reply = unitSpans(t).find((s) => s.clock === 'reply');
  result.supervise =
    reply !== undefined &&
    running(t, reply) &&
    !t.supervised &&
    !issued.has(SUPERVISION_KEY) &&
    now.getTime() >= superviseInstant(reply.due, rules).getTime();
  const callback = callbackSpan(t);
  if (callback) {
    const colour = colourAt(callback, rules, now);
    if (colour !== 'none' && !issued.has(issuedKey('callback', 'yellow'))) {
      result.callbackReminders.push('yellow');
    }
    if (colour === 'red' && !issued.has(issuedKey('callback', 'red'))) result.callbackReminders.push('red');
  }
  result.card = currentCard(t, rules, now);
  return result;
}

/**
 * The earliest instant at which `dueChecks` will find something to do — a
 * card or reminder not yet issued, supervision not yet raised, or the
 * ticket's card turning worse than it shows — or null when nothing ever
 * will (no clock runs). It may lie in the past when the caller has not
 * applied what is due yet; the sweep then takes the ticket at once.
 */
export function nextCheckAt(t: TicketClocks, issued: ReadonlySet<string>, rules: SweepRules): Date | null {
  if (!isOpen(t.state)) return null;
  let next: number | null = null;
  const consider = (at: Date) => {
    if (next === null || at.getTime() < next) next = at.getTime();
  };
  const shown = RANK[t.card];
  for (const span of unitSpans(t)) {
    if (!running(t, span)) continue;
    if (!issued.has(issuedKey(span.clock, 'yellow')) || shown < RANK.yellow) {
      consider(yellowInstant(span.start, span.due, rules));
    }
    if (!issued.has(issuedKey(span.clock, 'red')) || shown < RANK.red) consider(redInstant(span.due));
    if (span.clock === 'reply' && !t.supervised && !issued.has(SUPERVISION_KEY)) {
      consider(superviseInstant(span.due, rules));
    }
  }
  const callback = callbackSpan(t);
  if (callback) {
    if (!issued.has(issuedKey('callback', 'yellow')))
      consider(yellowInstant(callback.start, callback.due, rules));
    if (!issued.has(issuedKey('callback', 'red'))) consider(redInstant(callback.due));
  }
  return next === null ? null : new Date(next);
}
