/**
 * 回访 The centre (or the citizen through a one-time link) records whether the
 * matter was resolved and how satisfied the citizen is; the ticket closes. A
 * citizen who cannot be reached is recorded as such and counts for the
 * response rate only.
 */
import type { Actor } from '../../domain/decide.js';
import type { Satisfaction } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface RecordCallbackOptions {
  ticketId: number;
  actor: Actor;
  reached: boolean;
  resolved?: boolean;
  satisfaction?: Satisfaction;
  comment?: string;
  via?: 'phone' | 'link' | 'import';
  expectedVersion?: number;
}

export async function recordCallback(
  ctx: ServiceContext,
  o: RecordCallbackOptions,
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: {
      action: 'callback',
      reached: o.reached,
      resolved: o.resolved,
      satisfaction: o.satisfaction,
      reason: o.comment,
    },
    effects: ({ now }) => ({
      update: {
        closed_at: now,
        callback_at: now,
        callback_reached: o.reached,
        callback_resolved: o.reached ? (o.resolved ?? null) : null,
        callback_satisfaction: o.reached ? (o.satisfaction ?? null) : null,
      },
      data: { via: o.via ?? 'phone' },
      after: async (trx, updated) => {
        await trx
          .insertInto('callbacks')
          .values({
            ticket_id: updated.id,
            round: updated.dispatch_round,
            at: now,
            by_user_id: o.actor.userId,
            via: o.via ?? 'phone',
            reached: o.reached,
            resolved: o.reached ? (o.resolved ?? null) : null,
            satisfaction: o.reached ? (o.satisfaction ?? null) : null,
            comment: o.comment?.trim() || null,
          })
          .execute();
      },
    }),
  });
}
