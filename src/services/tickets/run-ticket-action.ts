/**
 * The one way a ticket changes after intake: lock the row, ask the domain
 * whether the action is allowed, update the row (keeping its card and the
 * sweep's next check instant right), append the event (hash chained), write
 * the notifications to the outbox — all in one transaction — and wake the
 * outbox worker after commit.
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
import { ReferenceCache, type ReferenceData } from '../reference-cache.js';
import {
  afterUpdate,
  clockColumns,
  issuedCards,
  sweepRulesFor,
  sweepSettings,
} from '../sweep/ticket-clocks.js';
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
  const work = async (trx: Trx): Promise<TicketActionResult> => {
    const ticket = await lockTicket(trx, options.ticketId);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', { ticket: options.ticketId });
    if (options.expectedVersion !== undefined && options.expectedVersion !== ticket.event_count) {
      throw new AppError('CONFLICT');
    }
    const now = ctx.clock();
    const input = options.prepare ? await options.prepare(trx, ticket) : options.input;
    const applied = await applyLocked(trx, ctx, ref, ticket, {
      actor: options.actor,
      input,
      now,
      effects: options.effects,
    });
    wroteOutbox = applied.wroteOutbox;
    return { ticket: applied.ticket, decision: applied.decision };
  };
  // A context whose db is already a transaction (see withinTransaction) runs the action inside
  // it: the caller commits, and its afterCommit fires once it has.
  const result = ctx.db.isTransaction ? await work(ctx.db as Trx) : await inTransaction(ctx.db, work);
  if (wroteOutbox) ctx.afterCommit('outbox');
  return result;
}

export interface ApplyLockedOptions {
  actor: Actor;
  input: ActionInput;
  now: Date;
  effects?: RunTicketActionOptions['effects'];
}

export interface AppliedAction extends TicketActionResult {
  /** whether outbox rows were written; the caller wakes the outbox after its commit */
  wroteOutbox: boolean;
}

/**
 * Applies an action to a ticket row the caller has already locked in `trx`:
 * decide, effects, hash-chained event, row update (with the `card` and
 * `next_check_at` the new clocks call for), other writes, outbox. The
 * deadline sweep calls it for cards and supervision on the rows it claimed.
 * `ref` is passed in so nothing here reads through the pool while `trx`
 * holds a connection.
 */
export async function applyLocked(
  trx: Trx,
  ctx: ServiceContext,
  ref: ReferenceData,
  ticket: TicketRow,
  options: ApplyLockedOptions,
): Promise<AppliedAction> {
  const { actor, input, now } = options;
  const coUnitIds = (await currentUnits(trx, ticket.id, ticket.dispatch_round))
    .filter((u) => u.role === 'co')
    .map((u) => u.unitId);
  const snapshot = snapshotOf(ticket, coUnitIds);
  const decision = decide(snapshot, input, actor, now, ref.decide);
  const effects = options.effects
    ? await options.effects({ trx, ticket, snapshot, decision, now, ref, actor })
    : {};
  const seq = ticket.event_count + 1;
  const hash = await appendEvent(trx, ticket.last_event_hash, {
    ticketId: ticket.id,
    seq,
    action: decision.event.action,
    fromState: decision.event.fromState,
    toState: decision.event.toState,
    actorUserId: actor.userId,
    actorRole: actor.role,
    actorUnitId: actingUnit(actor, ticket),
    at: now,
    reason: decision.event.reason,
    data: { ...decision.event.data, ...effects.data },
    public: decision.event.public,
  });
  const clocks = await deadlineColumns(trx, ctx, ref, ticket, { ...effects.update, state: decision.to }, now);
  const updated = await trx
    .updateTable('tickets')
    .set({
      ...effects.update,
      ...clocks,
      state: decision.to,
      event_count: seq,
      last_event_hash: hash,
      updated_at: now,
    })
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (effects.after) await effects.after(trx, updated);
  let wroteOutbox = false;
  if (effects.notify && effects.notify.length > 0) {
    wroteOutbox = (await enqueue(trx, effects.notify)) > 0;
  }
  return { ticket: updated, decision, wroteOutbox };
}

/**
 * The card 黄牌/红牌 and next sweep instant of the row once `update` is
 * written. Cards are counted per dispatch round, so a new round (dispatch,
 * reopen) starts with none issued.
 */
async function deadlineColumns(
  trx: Trx,
  ctx: ServiceContext,
  ref: ReferenceData,
  ticket: TicketRow,
  update: TicketUpdate,
  now: Date,
): Promise<Pick<TicketUpdate, 'card' | 'next_check_at'>> {
  const row = afterUpdate(ticket, update);
  const settings = await sweepSettings(trx, ctx.reference);
  const issued = await issuedCards(trx, ticket.id, row.dispatch_round);
  return clockColumns(row, issued, sweepRulesFor(ref, row, settings), now);
}

/**
 * A context whose database is the open transaction `trx`, so that use cases
 * built on runTicketAction join it instead of opening their own (one-time
 * callback links mark the link used and close the ticket in one commit).
 * Reference data is the snapshot `ref`, never reloaded through the pool, and
 * outbox wake-ups are held until `flush()` is called after the commit.
 */
export function withinTransaction(
  ctx: ServiceContext,
  trx: Trx,
  ref: ReferenceData,
): { ctx: ServiceContext; flush: () => void } {
  let wake = false;
  const inner: ServiceContext = {
    ...ctx,
    db: trx,
    reference: new FixedReference(trx, ref),
    afterCommit: () => {
      wake = true;
    },
  };
  return {
    ctx: inner,
    flush: () => {
      if (wake) ctx.afterCommit('outbox');
    },
  };
}

/** Reference data frozen for the length of one transaction. */
class FixedReference extends ReferenceCache {
  constructor(
    db: Trx,
    private readonly data: ReferenceData,
  ) {
    super(db);
  }

  override async get(): Promise<ReferenceData> {
    return this.data;
  }

  override invalidate(): void {
    // a snapshot: the owning context's cache is the one to invalidate
  }
}

/** The unit on whose behalf the actor acted, for the event log. */
function actingUnit(actor: Actor, ticket: TicketRow): number | null {
  if (ticket.main_unit_id !== null && actor.unitIds.includes(ticket.main_unit_id)) return ticket.main_unit_id;
  return actor.unitIds[0] ?? null;
}
