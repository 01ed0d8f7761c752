/** 签收 Sign: the main unit acknowledges the ticket. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface SignTicketOptions {
  ticketId: number;
  actor: Actor;
  expectedVersion?: number;
}

export async function signTicket(ctx: ServiceContext, o: SignTicketOptions): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'sign' },
    effects: ({ ticket, now }) => ({
      update: { signed_at: ticket.signed_at ?? now },
      after: async (trx, updated) => {
        await trx
          .updateTable('ticket_units')
          .set({ signed_at: now })
          .where('ticket_id', '=', updated.id)
          .where('round', '=', updated.dispatch_round)
          .where('role', '=', 'main')
          .where('signed_at', 'is', null)
          .execute();
      },
    }),
  });
}
