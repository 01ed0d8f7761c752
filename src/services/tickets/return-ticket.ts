/** 退单 Return: the main unit says the ticket is not theirs, with a reason, within the return window. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface ReturnTicketOptions {
  ticketId: number;
  actor: Actor;
  reason: string;
  /** the unit the handler believes is responsible, as a hint for the dispatcher */
  suggestedUnitId?: number;
  expectedVersion?: number;
}

export async function returnTicket(ctx: ServiceContext, o: ReturnTicketOptions): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'return', reason: o.reason },
    effects: ({ ticket }) => ({
      data: o.suggestedUnitId ? { suggestedUnitId: o.suggestedUnitId } : {},
      notify: [
        {
          channel: 'inapp',
          recipient: 'role:dispatcher',
          template: 'return_requested',
          payload: { ticketId: ticket.id, number: ticket.number, reason: o.reason },
        },
      ],
    }),
  });
}
