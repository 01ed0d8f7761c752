/**
 * 重办 After an unresolved callback the dispatcher sends the ticket back to
 * the same main unit: a new dispatch round with fresh clocks.
 */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';
import { dispatchColumns } from './ticket-deadlines.js';

export interface ReopenTicketOptions {
  ticketId: number;
  actor: Actor;
  reason: string;
  expectedVersion?: number;
}

export async function reopenTicket(ctx: ServiceContext, o: ReopenTicketOptions): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'reopen', reason: o.reason },
    effects: ({ ticket, ref, now }) => {
      const round = ticket.dispatch_round + 1;
      const mainUnitId = ticket.main_unit_id;
      return {
        data: { round },
        update: {
          ...dispatchColumns(ref, ticket, now, ticket.policy_code),
          dispatch_round: round,
          reopen_count: ticket.reopen_count + 1,
          closed_at: null,
          callback_at: null,
          callback_reached: null,
          callback_resolved: null,
          callback_satisfaction: null,
        },
        after: async (trx, updated) => {
          if (mainUnitId === null) return;
          await trx
            .insertInto('ticket_units')
            .values({ ticket_id: updated.id, unit_id: mainUnitId, round, role: 'main', assigned_at: now })
            .execute();
        },
        notify: mainUnitId
          ? [
              {
                channel: 'inapp',
                recipient: `unit:${mainUnitId}`,
                template: 'ticket_reopened',
                payload: { ticketId: ticket.id, number: ticket.number, reason: o.reason },
                dedupeKey: `dispatch:${ticket.id}:${round}:${mainUnitId}`,
              },
            ]
          : [],
      };
    },
  });
}
