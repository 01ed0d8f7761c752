/**
 * The deadline sweep (src/services/sweep/run-deadline-sweep.ts) replayed in
 * memory on one demo ticket: the same rules (dueChecks, clockColumns from
 * src/domain/sweep.ts and ticket-clocks.ts), the same events, ticket_cards
 * rows and reasons, at the minute a sweep running every minute would have
 * found the ticket's `next_check_at` due.
 */

import type { TicketRow, TicketUpdate } from '../../db/schema.js';
import type { ActionInput } from '../../domain/decide.js';
import { type CardKind, dueChecks, type UnitClock } from '../../domain/sweep.js';
import { isOpen, type TicketState } from '../../domain/vocabulary.js';
import type { ReferenceData } from '../../services/reference-cache.js';
import {
  clockColumns,
  clocksOf,
  type SweepSettings,
  sweepRulesFor,
} from '../../services/sweep/ticket-clocks.js';

export type CardClock = UnitClock | 'callback' | 'supervision';

export interface DemoCard {
  round: number;
  clock: CardClock;
  colour: CardKind;
  issuedAt: Date;
  unitId: number | null;
}

/** What the sweep needs of the ticket being replayed. */
export interface SweepTarget {
  readonly row: TicketRow;
  readonly lastAt: number;
  /** ticket_cards keys (`sign:yellow`, `supervision:red` …) issued in `round` */
  issuedIn(round: number): Set<string>;
  /** appends an event by the system actor, as applyLocked does */
  applySystem(now: Date, input: ActionInput, data: Record<string, unknown>, update?: TicketUpdate): void;
  addCard(card: DemoCard): void;
}

const MINUTE = 60_000;
/** as run-deadline-sweep: a next check not in the future is looked at again after a minute */
const MIN_RECHECK_MS = 60_000;

export class SweepMirror {
  constructor(
    private readonly ref: ReferenceData,
    readonly settings: SweepSettings,
  ) {}

  /** The `card` and `next_check_at` every action leaves on the row (run-ticket-action's deadlineColumns). */
  columns(row: TicketRow, issued: ReadonlySet<string>, now: Date): Pick<TicketRow, 'card' | 'next_check_at'> {
    return clockColumns(row, issued, sweepRulesFor(this.ref, row, this.settings), now);
  }

  /** Runs every sweep of the ticket that comes before `limit` (epoch ms, exclusive). */
  catchUp(t: SweepTarget, limit: number): void {
    for (;;) {
      const row = t.row;
      if (!isOpen(row.state as TicketState) || row.next_check_at === null) return;
      // The sweep runs on the minute; it cannot see a ticket before its last change.
      const at = Math.ceil(Math.max(row.next_check_at.getTime(), t.lastAt + 1) / MINUTE) * MINUTE;
      if (at >= limit) return;
      this.sweepTicket(t, new Date(at));
    }
  }

  /** run-deadline-sweep's sweepTicket, for one ticket at `now`. */
  private sweepTicket(t: SweepTarget, now: Date): void {
    const start = t.row;
    const rules = sweepRulesFor(this.ref, start, this.settings);
    const checks = dueChecks(clocksOf(start), t.issuedIn(start.dispatch_round), rules, now);
    let applied = false;
    const record = (clock: CardClock, colour: CardKind): boolean => {
      const row = t.row;
      const issued = t.issuedIn(row.dispatch_round);
      const key = `${clock}:${colour}`;
      if (issued.has(key)) return false;
      issued.add(key);
      const unitId = clock === 'callback' ? null : row.main_unit_id;
      t.addCard({ round: row.dispatch_round, clock, colour, issuedAt: now, unitId });
      return true;
    };
    for (const card of checks.cards) {
      if (!record(card.clock, card.colour)) continue;
      const due = { sign: t.row.sign_due_at, response: t.row.response_due_at, reply: t.row.reply_due_at }[
        card.clock
      ];
      const action = card.colour === 'red' ? 'red_card' : 'yellow_card';
      t.applySystem(now, { action, clock: card.clock }, { dueAt: due?.toISOString() ?? null });
      applied = true;
    }
    for (const colour of checks.callbackReminders) {
      if (!record('callback', colour)) continue;
      const action = colour === 'red' ? 'red_card' : 'yellow_card';
      t.applySystem(
        now,
        { action, clock: 'callback' },
        { dueAt: t.row.callback_due_at?.toISOString() ?? null },
      );
      applied = true;
    }
    if (checks.supervise && record('supervision', 'red')) {
      const hours = this.settings.superviseAfterOverdueHours;
      const reason = `办结时限已超期 ${hours} 小时，系统自动督办 / reply overdue by ${hours} h: supervised automatically`;
      t.applySystem(now, { action: 'supervise', reason }, { automatic: true }, { supervised: true });
      applied = true;
    }
    const row = t.row;
    if (!applied) Object.assign(row, this.columns(row, t.issuedIn(row.dispatch_round), now));
    if (row.next_check_at !== null && row.next_check_at.getTime() <= now.getTime()) {
      row.next_check_at = new Date(now.getTime() + MIN_RECHECK_MS);
    }
  }
}
