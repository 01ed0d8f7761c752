/**
 * The handling path of one demo ticket and the times of its steps: dispatch
 * minutes after intake, sign within the sign clock, first contact mostly
 * within the response clock, reply within days, callback a day or three
 * later; with the detours real tickets take (returns 退单, extensions 延期,
 * co-handlers 协办, supervision 督办, exemptions, reopening 重办). What
 * happens is decided by the generator (the Scenario); this file only places
 * the steps in time and plays them on the TicketHistory.
 */

import type { TicketState } from '../../domain/vocabulary.js';
import type { CallbackOutcome, TicketHistory } from './history.js';
import {
  CALLBACK_COMMENTS,
  CO_REPLIES,
  CO_UNIT_REASONS,
  CONTACT_NOTES,
  EXTENSION_REASONS,
  INVALID_REASONS,
  MERGE_REASONS,
  PROGRESS_NOTES,
  REJECT_EXTENSION_REASONS,
  REJECT_RETURN_REASONS,
  REOPEN_REASONS,
  RETURN_REASONS,
  SUPERVISE_REASONS,
} from './phrases.js';
import type { Random } from './random.js';

/** Where a recent ticket is left waiting at `until`, so every queue has content. */
export type Stall =
  | 'received'
  | 'dispatched'
  | 'return_requested'
  | 'accepted'
  | 'in_progress'
  | 'extension_pending'
  | 'supervised'
  | 'replied';

export interface Round {
  signOnTime: boolean;
  responseOnTime: boolean;
  replyOnTime: boolean;
  reply: string;
  outcome: CallbackOutcome;
}

export interface Scenario {
  path: 'handled' | 'answer' | 'merge' | 'invalid';
  /** the answer of 直接办结 */
  answer?: string;
  merge?: { targetId: number; targetState: TicketState };
  mainUnitId: number;
  coUnitIds: number[];
  /** where an approved return goes; null: the return is rejected */
  returnTo: number | null | undefined;
  /** a co-handler asked for during handling (申请协办 → 增派) */
  lateCoUnitId: number | null;
  extension: 'approved' | 'rejected' | null;
  note: boolean;
  supervise: boolean;
  exemptReason: string | null;
  callbackVia: 'phone' | 'link';
  /** urgent and utility-outage policies: a 30-minute sign clock, so staff on duty act at once, day or night */
  shortClock: boolean;
  /** one round, or two when the first callback was unresolved and the ticket is reopened */
  rounds: Round[];
  stall: Stall | null;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const BEIJING = 8 * HOUR;

function localHour(t: number): number {
  return ((((t + BEIJING) % DAY) + DAY) % DAY) / HOUR;
}

/** 08:00–10:30 Beijing time of the morning after (or of the same day when before 08:00). */
function nextMorning(r: Random, t: number): number {
  const midnight = t - ((((t + BEIJING) % DAY) + DAY) % DAY);
  const day = localHour(t) < 8 ? midnight : midnight + DAY;
  return day + 8 * HOUR + Math.round(r.between(0, 2.5 * HOUR));
}

/** Staff work in the daytime: a step falling at night mostly waits for the morning, unless that misses `latest`. */
function daytime(r: Random, t: number, latest?: number): number {
  const h = localHour(t);
  if ((h >= 7.5 && h < 21) || !r.chance(0.8)) return t;
  const morning = nextMorning(r, t);
  return latest === undefined || morning <= latest ? morning : t;
}

function ms(x: number): number {
  return Math.round(x);
}

export function runLifecycle(h: TicketHistory, s: Scenario, r: Random): void {
  run(h, s, r);
  h.finish();
}

function run(h: TicketHistory, s: Scenario, r: Random): void {
  const received = h.row.received_at.getTime();
  if (s.path === 'answer') {
    h.answer(received + ms(r.between(2, 12) * MINUTE), s.answer ?? '');
    return;
  }
  if (s.path === 'merge' && s.merge) {
    const at = received + ms(r.logNormal(25 * MINUTE, 0.8));
    h.merge(at, s.merge.targetId, s.merge.targetState, r.pick(MERGE_REASONS));
    return;
  }
  if (s.path === 'invalid') {
    h.invalidate(daytime(r, received + ms(r.between(0.3, 20) * HOUR)), r.pick(INVALID_REASONS));
    return;
  }
  if (s.stall === 'received') return;
  const dispatchDelay = s.shortClock
    ? r.between(3, 15) * MINUTE
    : Math.min(8 * HOUR, Math.max(3 * MINUTE, r.logNormal(25 * MINUTE, 0.9)));
  if (!h.dispatch(received + ms(dispatchDelay), s.mainUnitId, s.coUnitIds)) return;
  if (!returnDetour(h, s, r)) return;
  if (s.stall === 'dispatched') return;
  const first = s.rounds[0];
  if (!first || !handleRound(h, s, r, first, true)) return;
  const second = s.rounds[1];
  if (!second || first.outcome.resolved !== false) return;
  const reopenAt = daytime(r, h.lastAt + ms(r.between(1, 30) * HOUR));
  if (!h.reopen(reopenAt, r.pick(REOPEN_REASONS))) return;
  handleRound(h, s, r, second, false);
}

/** 退单: the unit sends the ticket back within the return window; the centre approves (re-dispatch) or rejects. */
function returnDetour(h: TicketHistory, s: Scenario, r: Random): boolean {
  if (s.returnTo === undefined) return true;
  const row = h.row;
  const dispatchedAt = (row.dispatched_at as Date).getTime();
  const window = (row.return_due_at as Date).getTime() - dispatchedAt;
  let at = dispatchedAt + ms(r.between(0.05, 0.6) * window);
  if (r.chance(0.4)) {
    const signAt =
      dispatchedAt + ms(r.between(0.02, 0.4) * ((row.sign_due_at as Date).getTime() - dispatchedAt));
    if (!h.sign(signAt)) return false;
    at = Math.max(at, signAt + 10 * MINUTE);
  }
  if (!h.returnTicket(Math.min(at, dispatchedAt + window - MINUTE), r.pick(RETURN_REASONS), s.returnTo))
    return false;
  if (s.stall === 'return_requested') return false;
  const reviewAt = h.lastAt + ms(r.between(0.5, 6) * HOUR);
  if (s.returnTo === null) return h.rejectReturn(reviewAt, r.pick(REJECT_RETURN_REASONS));
  if (!h.approveReturn(reviewAt)) return false;
  return h.dispatch(h.lastAt + ms(r.between(10, 90) * MINUTE), s.returnTo, []);
}

/** Sign, contact, the middle of handling, reply and callback of one dispatch round. */
function handleRound(h: TicketHistory, s: Scenario, r: Random, round: Round, first: boolean): boolean {
  const row = h.row;
  const short = s.shortClock;
  const dispatchedAt = (row.dispatched_at as Date).getTime();
  const signDue = (row.sign_due_at as Date).getTime();
  const responseDue = (row.response_due_at as Date).getTime();
  let replyDue = (row.reply_due_at as Date).getTime();
  const stall = first ? s.stall : null;

  if (h.state === 'dispatched') {
    const window = signDue - dispatchedAt;
    const signAt = round.signOnTime
      ? Math.max(h.lastAt + MINUTE, dispatchedAt + ms(r.between(0.03, 0.7) ** 1.3 * window))
      : signDue + ms(r.exponential(window * 1.5) + MINUTE);
    if (!h.sign(short ? signAt : daytime(r, signAt, round.signOnTime ? signDue : undefined))) return false;
  }
  if (stall === 'accepted') return false;

  const responseWindow = responseDue - dispatchedAt;
  let contactAt = round.responseOnTime
    ? dispatchedAt + ms(r.next() ** 2 * 0.85 * responseWindow)
    : responseDue + ms(r.exponential(Math.max(2 * HOUR, responseWindow / 3)) + MINUTE);
  contactAt = Math.max(contactAt, h.lastAt + ms(r.between(2, 40) * MINUTE));
  if (!short) contactAt = daytime(r, contactAt, round.responseOnTime ? responseDue : undefined);
  if (!h.contact(contactAt, r.chance(0.7) ? r.pick(CONTACT_NOTES) : undefined)) return false;

  // The reply time is drawn first: everything else in the round happens before it.
  const replyWindow = replyDue - dispatchedAt;
  const drawReply = (due: number, onTime: boolean) =>
    onTime
      ? Math.max(h.lastAt + HOUR, dispatchedAt + ms(r.between(0.08, 0.9) ** 1.6 * (due - dispatchedAt)))
      : due + ms(r.logNormal(Math.min(replyWindow / 3, 1.5 * DAY), 0.7));
  let replyAt = drawReply(replyDue, round.replyOnTime);

  if (first && (s.extension || stall === 'extension_pending')) {
    const askAt = Math.max(h.lastAt + HOUR, contactAt + ms((replyDue - contactAt) * r.between(0.3, 0.8)));
    const until = new Date(replyDue + (row.complex ? 15 : 7) * DAY);
    if (!h.requestExtension(askAt, until, r.pick(EXTENSION_REASONS))) return false;
    if (stall === 'extension_pending') return false;
    const decideAt = h.lastAt + ms(r.between(1, 20) * HOUR);
    if (s.extension === 'approved') {
      if (!h.approveExtension(decideAt)) return false;
      replyDue = until.getTime();
      replyAt = Math.max(decideAt + 2 * HOUR, drawReply(replyDue, round.replyOnTime));
    } else {
      if (!h.rejectExtension(decideAt, r.pick(REJECT_EXTENSION_REASONS))) return false;
      replyAt = Math.max(replyAt, decideAt + 2 * HOUR);
    }
  }
  if (!short) replyAt = daytime(r, replyAt, round.replyOnTime ? replyDue : undefined);
  replyAt = Math.max(replyAt, h.lastAt + HOUR);

  if (!middleOfHandling(h, s, r, first, replyAt)) return false;
  if (stall === 'in_progress' || stall === 'supervised') return false;

  if (!h.reply(Math.max(replyAt, h.lastAt + MINUTE), round.reply)) return false;
  if (stall === 'replied') return false;

  const late = r.chance(0.03);
  const callbackAt = daytime(
    r,
    h.lastAt + ms((late ? r.between(3.1, 5) : Math.min(2.7, Math.max(0.2, r.logNormal(1, 0.45)))) * DAY),
  );
  const comment = round.outcome.reached && r.chance(0.3) ? commentFor(r, round.outcome) : undefined;
  return h.callback(callbackAt, round.outcome, s.callbackVia, comment);
}

function commentFor(r: Random, outcome: CallbackOutcome): string {
  if (outcome.resolved) return r.pick(CALLBACK_COMMENTS.slice(0, 2));
  return r.pick(CALLBACK_COMMENTS.slice(2));
}

/** Notes, co-handlers' replies, supervision and exemption, in time order before the reply. */
function middleOfHandling(
  h: TicketHistory,
  s: Scenario,
  r: Random,
  first: boolean,
  replyAt: number,
): boolean {
  const start = h.lastAt;
  const span = Math.max(replyAt - start, 4 * HOUR);
  const at = (from: number, to: number) => start + ms(span * r.between(from, to));
  const steps: { at: number; run: (t: number) => boolean }[] = [];
  if (first) {
    // The units of this round: a return approved and re-dispatched leaves the first round's co-handlers behind.
    const coUnits = h.coUnitIds();
    for (const unitId of coUnits) {
      steps.push({ at: at(0.2, 0.9), run: (t) => h.coReply(t, unitId, r.pick(CO_REPLIES)) });
    }
    const late = s.lateCoUnitId;
    if (late !== null && late !== h.row.main_unit_id && !coUnits.includes(late)) {
      // Asked for, added, then replying: the sort below must keep this order.
      const asked = at(0.05, 0.3);
      const added = asked + ms(r.between(0.5, 4) * HOUR);
      steps.push({ at: asked, run: (t) => h.requestCoUnit(t, r.pick(CO_UNIT_REASONS), [late]) });
      steps.push({ at: added, run: (t) => h.addCoUnit(t, [late]) });
      steps.push({
        at: Math.max(added + HOUR, at(0.55, 0.9)),
        run: (t) => h.coReply(t, late, r.pick(CO_REPLIES)),
      });
    }
    if (s.supervise || s.stall === 'supervised') {
      steps.push({ at: at(0.1, 0.6), run: (t) => h.supervise(t, r.pick(SUPERVISE_REASONS)) });
    }
    const exemptReason = s.exemptReason;
    if (exemptReason) steps.push({ at: at(0.1, 0.9), run: (t) => h.exempt(t, exemptReason) });
  }
  if (s.note || !first) steps.push({ at: at(0.1, 0.8), run: (t) => h.note(t, r.pick(PROGRESS_NOTES)) });
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) {
    if (!step.run(Math.min(step.at, replyAt - MINUTE))) return false;
  }
  return true;
}
