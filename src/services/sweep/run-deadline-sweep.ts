/**
 * 到期巡检 The deadline sweep: finds the tickets whose `next_check_at` has
 * come (through its partial index, never by scanning open tickets), and for
 * each issues the yellow 黄牌 and red 红牌 cards, raises supervision 督办 and
 * reminds the centre of callbacks 回访 that are due, then sets the ticket's
 * next check instant.
 *
 * At most once: a card, reminder or automatic supervision is first recorded
 * in `ticket_cards` (primary key ticket, round, clock, colour) with ON
 * CONFLICT DO NOTHING; only the process whose row went in appends the event
 * and writes the notifications, in the same transaction.
 *
 * Several processes: each batch claims its tickets with FOR UPDATE SKIP
 * LOCKED, so two sweeps (or a sweep and a user's action) never work on the
 * same ticket at once; a row another sweep has just moved on is re-checked
 * by PostgreSQL against the new `next_check_at` and skipped.
 */
import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import type { TicketRow } from '../../db/schema.js';
import type { ActionInput, Actor } from '../../domain/decide.js';
import { type CardKind, dueChecks, type UnitClock } from '../../domain/sweep.js';
import { OPEN_STATES } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import type { OutboxMessage } from '../outbox.js';
import type { ReferenceData } from '../reference-cache.js';
import { applyLocked } from '../tickets/run-ticket-action.js';
import { inTransaction } from '../transaction.js';
import {
  clockColumns,
  clocksOf,
  issuedCards,
  type SweepSettings,
  sweepRulesFor,
  sweepSettings,
} from './ticket-clocks.js';

export interface RunDeadlineSweepOptions {
  /** tickets per transaction; defaults to the `sweep.batchSize` setting */
  batchSize?: number;
  /** upper bound on transactions in one run, so one run cannot go on forever */
  maxBatches?: number;
  /** told about a ticket that could not be swept; it is retried an hour later */
  onError?: (ticketId: number, error: unknown) => void;
}

export interface DeadlineSweepResult {
  /** tickets looked at */
  checked: number;
  yellow: number;
  red: number;
  supervised: number;
  callbackReminders: number;
}

const SYSTEM: Actor = { role: 'system', userId: null, unitIds: [] };
const RETRY_BROKEN_MS = 3_600_000;
const RETRY_BATCH = new Set(['40001', '40P01']);
/** a ticket whose next check came out not in the future is looked at again after this long */
const MIN_RECHECK_MS = 60_000;

type Tally = Omit<DeadlineSweepResult, 'checked'>;
const zero = (): Tally => ({ yellow: 0, red: 0, supervised: 0, callbackReminders: 0 });

export async function runDeadlineSweep(
  ctx: ServiceContext,
  options: RunDeadlineSweepOptions = {},
): Promise<DeadlineSweepResult> {
  // One instant for the whole run: a ticket moved to a later check is never claimed twice.
  const now = ctx.clock();
  const maxBatches = options.maxBatches ?? 100;
  const onError = options.onError ?? defaultOnError;
  const result: DeadlineSweepResult = { checked: 0, ...zero() };
  let wroteOutbox = false;
  for (let batch = 0; batch < maxBatches; batch++) {
    // Read before the transaction: on PGlite the pool's one connection is then busy.
    const ref = await ctx.reference.get();
    const settings = await sweepSettings(ctx.db, ctx.reference);
    const size = Math.max(1, Math.floor(options.batchSize ?? settings.batchSize));
    const done = await inTransaction(ctx.db, (trx) =>
      sweepBatch({ trx, ctx, ref, settings, now, size, onError }),
    );
    result.checked += done.checked;
    for (const key of Object.keys(done.tally) as (keyof Tally)[]) result[key] += done.tally[key];
    wroteOutbox ||= done.wroteOutbox;
    // Fewer than a full batch: nothing due is left, except rows another process holds right now.
    if (done.checked < size) break;
  }
  if (wroteOutbox) ctx.afterCommit('outbox');
  return result;
}

function defaultOnError(ticketId: number, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.emitWarning(`deadline sweep: ticket ${ticketId} skipped for an hour: ${message}`);
}

interface BatchArgs {
  trx: Trx;
  ctx: ServiceContext;
  ref: ReferenceData;
  settings: SweepSettings;
  now: Date;
  size: number;
  onError: (ticketId: number, error: unknown) => void;
}

async function sweepBatch(a: BatchArgs): Promise<{ checked: number; tally: Tally; wroteOutbox: boolean }> {
  const rows = await a.trx
    .selectFrom('tickets')
    .selectAll()
    .where('next_check_at', '<=', a.now)
    .where('state', 'in', OPEN_STATES)
    .orderBy('next_check_at')
    .limit(a.size)
    .forUpdate()
    .skipLocked()
    .execute();
  const tally = zero();
  let wroteOutbox = false;
  for (const row of rows) {
    // A savepoint per ticket: one ticket that cannot be swept must not hold back the batch.
    await sql`savepoint sweep_ticket`.execute(a.trx);
    try {
      const done = await sweepTicket(a, row);
      await sql`release savepoint sweep_ticket`.execute(a.trx);
      for (const key of Object.keys(done.tally) as (keyof Tally)[]) tally[key] += done.tally[key];
      wroteOutbox ||= done.wroteOutbox;
    } catch (err) {
      // A deadlock or serialization failure is the whole batch's: inTransaction runs it again.
      if (RETRY_BATCH.has(String((err as { code?: unknown }).code))) throw err;
      await sql`rollback to savepoint sweep_ticket`.execute(a.trx);
      await a.trx
        .updateTable('tickets')
        .set({ next_check_at: new Date(a.now.getTime() + RETRY_BROKEN_MS) })
        .where('id', '=', row.id)
        .execute();
      a.onError(row.id, err);
    }
  }
  return { checked: rows.length, tally, wroteOutbox };
}

async function sweepTicket(a: BatchArgs, row: TicketRow): Promise<{ tally: Tally; wroteOutbox: boolean }> {
  const { trx, ctx, ref, now } = a;
  const rules = sweepRulesFor(ref, row, a.settings);
  const issued = await issuedCards(trx, row.id, row.dispatch_round);
  const checks = dueChecks(clocksOf(row), issued, rules, now);
  const tally = zero();
  let current = row;
  let applied = false;
  let wroteOutbox = false;

  const apply = async (
    input: ActionInput,
    effects: { notify: OutboxMessage[]; data?: Record<string, unknown>; supervised?: boolean },
  ) => {
    const done = await applyLocked(trx, ctx, ref, current, {
      actor: SYSTEM,
      input,
      now,
      effects: () => ({
        notify: effects.notify,
        data: effects.data,
        update: effects.supervised ? { supervised: true } : undefined,
      }),
    });
    current = done.ticket;
    applied = true;
    wroteOutbox ||= done.wroteOutbox;
  };

  for (const card of checks.cards) {
    if (!(await recordCard(trx, current, card.clock, card.colour, now))) continue;
    const dueAt = dueOf(current, card.clock);
    await apply(
      { action: card.colour === 'red' ? 'red_card' : 'yellow_card', clock: card.clock },
      { notify: cardNotices(current, card.clock, card.colour, dueAt), data: { dueAt } },
    );
    tally[card.colour]++;
  }
  for (const colour of checks.callbackReminders) {
    if (!(await recordCard(trx, current, 'callback', colour, now))) continue;
    const dueAt = current.callback_due_at?.toISOString() ?? null;
    await apply(
      { action: colour === 'red' ? 'red_card' : 'yellow_card', clock: 'callback' },
      { notify: [callbackReminder(current, colour, dueAt)], data: { dueAt } },
    );
    tally.callbackReminders++;
  }
  if (checks.supervise && (await recordCard(trx, current, 'supervision', 'red', now))) {
    const hours = a.settings.superviseAfterOverdueHours;
    const reason = `办结时限已超期 ${hours} 小时，系统自动督办 / reply overdue by ${hours} h: supervised automatically`;
    await apply(
      { action: 'supervise', reason },
      { notify: supervisionNotices(current, reason), data: { automatic: true }, supervised: true },
    );
    tally.supervised++;
  }

  // With no event applied (another process got there first, or only the shown card changes)
  // the columns are still set here: the row was claimed because its check was due.
  if (!applied) {
    const columns = clockColumns(
      current,
      await issuedCards(trx, current.id, current.dispatch_round),
      rules,
      now,
    );
    current = await trx
      .updateTable('tickets')
      .set(columns)
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  if (current.next_check_at !== null && current.next_check_at.getTime() <= now.getTime()) {
    // Never expected; if the rules ever disagree with themselves, look again later rather than spin.
    await trx
      .updateTable('tickets')
      .set({ next_check_at: new Date(now.getTime() + MIN_RECHECK_MS) })
      .where('id', '=', current.id)
      .execute();
  }
  return { tally, wroteOutbox };
}

/** Records the card; false when it was already there (issued before, or by another process). */
async function recordCard(
  trx: Trx,
  ticket: TicketRow,
  clock: UnitClock | 'callback' | 'supervision',
  colour: CardKind,
  now: Date,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('ticket_cards')
    .values({
      ticket_id: ticket.id,
      round: ticket.dispatch_round,
      clock,
      colour,
      issued_at: now,
      // The callback clock is the centre's: its reminders are nobody's card.
      unit_id: clock === 'callback' ? null : ticket.main_unit_id,
    })
    .onConflict((oc) => oc.columns(['ticket_id', 'round', 'clock', 'colour']).doNothing())
    .returning('ticket_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

function dueOf(ticket: TicketRow, clock: UnitClock): string | null {
  const due = { sign: ticket.sign_due_at, response: ticket.response_due_at, reply: ticket.reply_due_at }[
    clock
  ];
  return due?.toISOString() ?? null;
}

function facts(ticket: TicketRow): Record<string, unknown> {
  return { ticketId: ticket.id, number: ticket.number, title: ticket.title };
}

/** Yellow: the main unit. Red: the main unit and the centre's dispatchers. */
function cardNotices(
  ticket: TicketRow,
  clock: UnitClock,
  colour: CardKind,
  dueAt: string | null,
): OutboxMessage[] {
  const template = colour === 'red' ? 'card_red' : 'card_yellow';
  const payload = { ...facts(ticket), clock, dueAt };
  const key = `card:${ticket.id}:${ticket.dispatch_round}:${clock}:${colour}`;
  const messages: OutboxMessage[] = [];
  if (ticket.main_unit_id !== null) {
    messages.push({
      channel: 'inapp',
      recipient: `unit:${ticket.main_unit_id}`,
      template,
      payload,
      dedupeKey: `${key}:unit`,
    });
  }
  if (colour === 'red') {
    messages.push({
      channel: 'inapp',
      recipient: 'role:dispatcher',
      template,
      payload,
      dedupeKey: `${key}:dispatcher`,
    });
  }
  return messages;
}

function callbackReminder(ticket: TicketRow, colour: CardKind, dueAt: string | null): OutboxMessage {
  return {
    channel: 'inapp',
    recipient: 'role:dispatcher',
    template: 'callback_reminder',
    payload: { ...facts(ticket), dueAt, overdue: colour === 'red' },
    dedupeKey: `callback_reminder:${ticket.id}:${ticket.dispatch_round}:${colour}`,
  };
}

function supervisionNotices(ticket: TicketRow, reason: string): OutboxMessage[] {
  const payload = { ...facts(ticket), reason, automatic: true };
  const key = `supervise:${ticket.id}:${ticket.dispatch_round}`;
  const messages: OutboxMessage[] = [
    {
      channel: 'inapp',
      recipient: 'role:dispatcher',
      template: 'ticket_supervised',
      payload,
      dedupeKey: `${key}:dispatcher`,
    },
  ];
  if (ticket.main_unit_id !== null) {
    messages.unshift({
      channel: 'inapp',
      recipient: `unit:${ticket.main_unit_id}`,
      template: 'ticket_supervised',
      payload,
      dedupeKey: `${key}:unit`,
    });
  }
  return messages;
}
