/** 同意退单 Approve a return: the ticket goes back to the centre to be dispatched again. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface ReviewReturnOptions {
  ticketId: number;
  actor: Actor;
  reason?: string;
  expectedVersion?: number;
}

export async function approveReturn(
  ctx: ServiceContext,
  o: ReviewReturnOptions,
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'approve_return', reason: o.reason },
    effects: ({ ticket }) => ({
      data: { unitId: ticket.main_unit_id },
      update: {
        main_unit_id: null,
        sign_due_at: null,
        response_due_at: null,
        reply_due_at: null,
        return_due_at: null,
        extension_requested_until: null,
        card: 'none',
      },
      after: async (trx, updated) => {
        await trx
          .updateTable('ticket_units')
          .set({ active: false })
          .where('ticket_id', '=', updated.id)
          .where('round', '=', updated.dispatch_round)
          .execute();
      },
      notify: ticket.main_unit_id
        ? [
            {
              channel: 'inapp',
              recipient: `unit:${ticket.main_unit_id}`,
              template: 'return_approved',
              payload: { ticketId: ticket.id, number: ticket.number },
            },
          ]
        : [],
    }),
  });
}
