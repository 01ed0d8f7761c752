/**
 * 办结反馈 The main unit replies with the outcome; the callback clock starts
 * and the citizen is told by SMS.
 */

import { computeCallbackDue } from '../../domain/deadlines.js';
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';
import { policyFor } from './ticket-deadlines.js';

export interface ReplyTicketOptions {
  ticketId: number;
  actor: Actor;
  reply: string;
  expectedVersion?: number;
}

export async function replyTicket(ctx: ServiceContext, o: ReplyTicketOptions): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'reply', reason: o.reply },
    effects: ({ ticket, ref, now }) => {
      const policy = (ticket.policy_code && ref.policies.get(ticket.policy_code)) || policyFor(ref, ticket);
      return {
        update: {
          replied_at: now,
          reply_text: o.reply.trim(),
          callback_due_at: computeCallbackDue(policy, now, ref.calendar),
          extension_requested_until: null,
        },
        after: async (trx, updated) => {
          await trx
            .updateTable('ticket_units')
            .set({ replied_at: now, reply_text: o.reply.trim() })
            .where('ticket_id', '=', updated.id)
            .where('round', '=', updated.dispatch_round)
            .where('role', '=', 'main')
            .execute();
        },
        notify: ticket.citizen_phone_enc
          ? [
              {
                channel: 'sms',
                recipient: `ticket:${ticket.id}`,
                template: 'ticket_replied',
                payload: { ticketId: ticket.id, number: ticket.number, round: ticket.dispatch_round },
                dedupeKey: `ticket_replied:${ticket.id}:${ticket.dispatch_round}`,
              },
            ]
          : [],
      };
    },
  });
}
