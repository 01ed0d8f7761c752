/**
 * 逐级上报 The rules of escalation, pure: given an incident's chain for the
 * current round, the notices already recorded in that round and the time,
 * say which link is due to be notified now, whether the chain has run out,
 * and the next instant at which something will be due — which the sweep
 * stores in the indexed `next_escalation_at` so it never looks earlier.
 *
 * A link is due when the link before it has had its minutes without an
 * acknowledgement; a link with nobody on duty (a roster gap, no deputy)
 * passes at once to the next link. One acknowledgement in the round stops
 * the climb. Instants are computed from when each link was due, not from
 * when a late sweep got to it, so a climb keeps the configured minutes.
 */
import type { ChainLink, EscalationChain } from './chains.js';

const MINUTE_MS = 60_000;

/** A notice recorded for a link of the current round. */
export interface NoticeState {
  linkIndex: number;
  /** the instant the link was due (not when the sweep wrote it) */
  dueAt: Date;
  /** someone was notified; false for a link nobody covered */
  filled: boolean;
  acknowledgedAt: Date | null;
}

export interface EscalationPlan {
  /** the next link to notify now; the service records it and asks again */
  due: { linkIndex: number; dueAt: Date } | null;
  /** someone acknowledged in this round: the climb is over */
  acknowledged: boolean;
  /** every link was told, the last one's minutes are up, and nobody acknowledged */
  exhausted: boolean;
  /** when something will be due; null when nothing ever will */
  nextAt: Date | null;
}

/** The instant a notified link's minutes run out; an unfilled link passes at once. */
export function ackDeadline(link: ChainLink, dueAt: Date, filled: boolean): Date {
  return filled ? new Date(dueAt.getTime() + link.ackMinutes * MINUTE_MS) : dueAt;
}

/**
 * `exhaustedRecorded`: the exhaustion was already recorded, so nothing more
 * is ever due in the round.
 */
export function escalationPlan(
  chain: EscalationChain,
  roundStartedAt: Date,
  notices: readonly NoticeState[],
  now: Date,
  exhaustedRecorded = false,
): EscalationPlan {
  if (notices.some((n) => n.acknowledgedAt !== null)) {
    return { due: null, acknowledged: true, exhausted: false, nextAt: null };
  }
  const byLink = new Map(notices.map((n) => [n.linkIndex, n]));
  let dueAt = roundStartedAt;
  for (const [index, link] of chain.entries()) {
    const notice = byLink.get(index);
    if (!notice) {
      const isDue = dueAt.getTime() <= now.getTime();
      return {
        due: isDue ? { linkIndex: index, dueAt } : null,
        acknowledged: false,
        exhausted: false,
        nextAt: dueAt,
      };
    }
    dueAt = ackDeadline(link, notice.dueAt, notice.filled);
  }
  if (chain.length === 0) return { due: null, acknowledged: false, exhausted: false, nextAt: null };
  const exhausted = dueAt.getTime() <= now.getTime();
  return {
    due: null,
    acknowledged: false,
    exhausted,
    nextAt: exhausted && exhaustedRecorded ? null : dueAt,
  };
}

/** The link waiting for an acknowledgement now (the last one notified), for the board. */
export function currentLink(notices: readonly NoticeState[]): NoticeState | null {
  let last: NoticeState | null = null;
  for (const n of notices) if (n.filled && (last === null || n.linkIndex > last.linkIndex)) last = n;
  return last;
}
