/** 无效工单 The dispatcher marks a malicious or harassing repeat request invalid. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface InvalidateTicketOptions {
  ticketId: number;
  actor: Actor;
  reason: string;
  expectedVersion?: number;
}

export async function invalidateTicket(
  ctx: ServiceContext,
  o: InvalidateTicketOptions,
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'invalidate', reason: o.reason },
  });
}
