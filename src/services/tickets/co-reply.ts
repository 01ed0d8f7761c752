/** 协办反馈 A co-handling unit reports its part to the main unit. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface CoReplyOptions {
  ticketId: number;
  actor: Actor;
  reply: string;
  expectedVersion?: number;
}

export async function coReply(ctx: ServiceContext, o: CoReplyOptions): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'co_reply', reason: o.reply },
    effects: ({ ticket, snapshot, now }) => {
      const unitId = snapshot.coUnitIds.find((u) => o.actor.unitIds.includes(u)) ?? null;
      return {
        data: { unitId },
        after: async (trx, updated) => {
          if (unitId === null) return;
          await trx
            .updateTable('ticket_units')
            .set({ replied_at: now, reply_text: o.reply })
            .where('ticket_id', '=', updated.id)
            .where('round', '=', updated.dispatch_round)
            .where('unit_id', '=', unitId)
            .execute();
        },
        notify: ticket.main_unit_id
          ? [
              {
                channel: 'inapp',
                recipient: `unit:${ticket.main_unit_id}`,
                template: 'co_replied',
                payload: { ticketId: ticket.id, number: ticket.number, unitId },
              },
            ]
          : [],
      };
    },
  });
}
