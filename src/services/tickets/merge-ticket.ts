/**
 * 合并 A duplicate is merged into the ticket that carries the matter; it
 * leaves the queues and points at its target.
 */

import { lockTicket } from '../../db/repositories/tickets.js';
import type { Actor } from '../../domain/decide.js';
import { AppError } from '../../domain/errors.js';
import type { TicketState } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface MergeTicketOptions {
  ticketId: number;
  targetId: number;
  actor: Actor;
  reason?: string;
  expectedVersion?: number;
}

export async function mergeTicket(ctx: ServiceContext, o: MergeTicketOptions): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'merge', targetId: o.targetId, targetState: 'received', reason: o.reason },
    prepare: async (trx, ticket) => {
      const target = o.targetId === ticket.id ? ticket : await lockTicket(trx, o.targetId);
      if (!target)
        throw new AppError('MERGE_TARGET_INVALID', { target: o.targetId, reason: 'not found / 不存在' });
      return {
        action: 'merge',
        targetId: target.id,
        targetState: target.state as TicketState,
        reason: o.reason,
      };
    },
    effects: () => ({ update: { merged_into_id: o.targetId } }),
  });
}
