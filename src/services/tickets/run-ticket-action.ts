/**
 * The one way a ticket changes after intake: lock the row, ask the domain
 * whether the action is allowed, update the row, append the event (hash
 * chained), write the notifications to the outbox — all in one transaction —
 * and wake the outbox worker after commit.
 */

import type { Trx } from '../../db/database.js';
import { appendEvent } from '../../db/repositories/ticket-events.js';
import { currentUnits, lockTicket } from '../../db/repositories/tickets.js';
import type { TicketRow, TicketUpdate } from '../../db/schema.js';
import {
  type ActionInput,
  type Actor,
  type Decision,
  decide,
  type TicketSnapshot,
} from '../../domain/decide.js';
import { AppError } from '../../domain/errors.js';
import type { TicketState } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { enqueue, type OutboxMessage } from '../outbox.js';
import type { ReferenceData } from '../reference-cache.js';
import { inTransaction } from '../transaction.js';

export interface ActionContext {
  trx: Trx;
  ticket: TicketRow;
  snapshot: TicketSnapshot;
  decision: Decision;
  now: Date;
  ref: ReferenceData;
  actor: Actor;
}

export interface ActionEffects {
  /** columns to set besides state and the event bookkeeping */
  update?: TicketUpdate;
  /** more facts for the event's data */
  data?: Record<string, unknown>;
  notify?: OutboxMessage[];
  /** writes to other tables, after the ticket row is updated */
  after?: (trx: Trx, ticket: TicketRow) => Promise<void>;
}

export interface TicketActionResult {
  ticket: TicketRow;
  decision: Decision;
}

export interface RunTicketActionOptions {
  ticketId: number;
  actor: Actor;
  input: ActionInput;
  /** the ticket's event count the client saw; a mismatch is a CONFLICT */
  expectedVersion?: number;
  /** extra domain facts the snapshot cannot know (e.g. the merge target's state) */
  prepare?: (trx: Trx, ticket: TicketRow) => Promise<ActionInput>;
  effects?: (c: ActionContext) => ActionEffects | Promise<ActionEffects>;
}

export function snapshotOf(ticket: TicketRow, coUnitIds: readonly number[]): TicketSnapshot {
  return {
    id: ticket.id,
    state: ticket.state as TicketState,
    mainUnitId: ticket.main_unit_id,
    coUnitIds,
    dispatchedAt: ticket.dispatched_at,
    returnDueAt: ticket.return_due_at,
    replyDueAt: ticket.reply_due_at,
    closedAt: ticket.closed_at,
    extensionRequestedUntil: ticket.extension_requested_until,
    lastCallbackResolved: ticket.callback_resolved,
    supervised: ticket.supervised,
    exempt: ticket.exempt,
  };
}

export async function runTicketAction(
  ctx: ServiceContext,
  options: RunTicketActionOptions,
): Promise<TicketActionResult> {
  const ref = await ctx.reference.get();
  let wroteOutbox = false;
  const result = await inTransaction(ctx.db, async (trx) => {
    const ticket = await lockTicket(trx, options.ticketId);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', { ticket: options.ticketId });
    if (options.expectedVersion !== undefined && options.expectedVersion !== ticket.event_count) {
      throw new AppError('CONFLICT');
    }
    const now = ctx.clock();
    const input = options.prepare ? await options.prepare(trx, ticket) : options.input;
    const coUnitIds = (await currentUnits(trx, ticket.id, ticket.dispatch_round))
      .filter((u) => u.role === 'co')
      .map((u) => u.unitId);
    const snapshot = snapshotOf(ticket, coUnitIds);
    const decision = decide(snapshot, input, options.actor, now, ref.decide);
    const effects = options.effects
      ? await options.effects({ trx, ticket, snapshot, decision, now, ref, actor: options.actor })
      : {};
    const seq = ticket.event_count + 1;
    const hash = await appendEvent(trx, ticket.last_event_hash, {
      ticketId: ticket.id,
      seq,
      action: decision.event.action,
      fromState: decision.event.fromState,
      toState: decision.event.toState,
      actorUserId: options.actor.userId,
      actorRole: options.actor.role,
      actorUnitId: actingUnit(options.actor, ticket),
      at: now,
      reason: decision.event.reason,
      data: { ...decision.event.data, ...effects.data },
      public: decision.event.public,
    });
    const updated = await trx
      .updateTable('tickets')
      .set({
        ...effects.update,
        state: decision.to,
        event_count: seq,
        last_event_hash: hash,
        updated_at: now,
      })
      .where('id', '=', ticket.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (effects.after) await effects.after(trx, updated);
    if (effects.notify && effects.notify.length > 0) {
      wroteOutbox = (await enqueue(trx, effects.notify)) > 0;
    }
    return { ticket: updated, decision };
  });
  if (wroteOutbox) ctx.afterCommit('outbox');
  return result;
}

/** The unit on whose behalf the actor acted, for the event log. */
function actingUnit(actor: Actor, ticket: TicketRow): number | null {
  if (ticket.main_unit_id !== null && actor.unitIds.includes(ticket.main_unit_id)) return ticket.main_unit_id;
  return actor.unitIds[0] ?? null;
}
