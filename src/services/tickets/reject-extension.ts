/** 驳回延期 The dispatcher refuses an extension; the deadline stays. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface RejectExtensionOptions {
  ticketId: number;
  actor: Actor;
  reason: string;
  expectedVersion?: number;
}

export async function rejectExtension(
  ctx: ServiceContext,
  o: RejectExtensionOptions,
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'reject_extension', reason: o.reason },
    effects: ({ ticket }) => ({
      data: { requestedUntil: ticket.extension_requested_until?.toISOString() ?? null },
      update: { extension_requested_until: null },
      notify: ticket.main_unit_id
        ? [
            {
              channel: 'inapp',
              recipient: `unit:${ticket.main_unit_id}`,
              template: 'extension_rejected',
              payload: { ticketId: ticket.id, number: ticket.number, reason: o.reason },
            },
          ]
        : [],
    }),
  });
}
