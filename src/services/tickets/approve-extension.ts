/** 同意延期 The dispatcher moves the reply deadline (to the requested date or another later one). */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface ApproveExtensionOptions {
  ticketId: number;
  actor: Actor;
  until?: Date;
  reason?: string;
  expectedVersion?: number;
}

export async function approveExtension(
  ctx: ServiceContext,
  o: ApproveExtensionOptions,
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'approve_extension', until: o.until, reason: o.reason },
    effects: ({ ticket, decision }) => {
      const until = new Date(String(decision.event.data.until));
      return {
        data: { previousDueAt: ticket.reply_due_at?.toISOString() ?? null },
        update: {
          reply_due_at: until,
          extension_requested_until: null,
          card: ticket.card === 'red' && until > (ticket.reply_due_at ?? until) ? 'none' : ticket.card,
        },
        notify: ticket.main_unit_id
          ? [
              {
                channel: 'inapp',
                recipient: `unit:${ticket.main_unit_id}`,
                template: 'extension_approved',
                payload: { ticketId: ticket.id, number: ticket.number, until: until.toISOString() },
              },
            ]
          : [],
      };
    },
  });
}
