/** 驳回退单 Reject a return: the ticket goes back to the same unit, which must sign again. */
import type { ServiceContext } from '../context.js';
import type { ReviewReturnOptions } from './approve-return.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export async function rejectReturn(
  ctx: ServiceContext,
  o: ReviewReturnOptions & { reason: string },
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'reject_return', reason: o.reason },
    effects: ({ ticket }) => ({
      notify: ticket.main_unit_id
        ? [
            {
              channel: 'inapp',
              recipient: `unit:${ticket.main_unit_id}`,
              template: 'return_rejected',
              payload: { ticketId: ticket.id, number: ticket.number, reason: o.reason },
            },
          ]
        : [],
    }),
  });
}
