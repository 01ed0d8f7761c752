/** 申请延期 The main unit asks for a later reply deadline; the dispatcher decides. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface RequestExtensionOptions {
  ticketId: number;
  actor: Actor;
  until: Date;
  reason: string;
  expectedVersion?: number;
}

export async function requestExtension(
  ctx: ServiceContext,
  o: RequestExtensionOptions,
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'request_extension', until: o.until, reason: o.reason },
    effects: ({ ticket }) => ({
      update: { extension_requested_until: o.until },
      notify: [
        {
          channel: 'inapp',
          recipient: 'role:dispatcher',
          template: 'extension_requested',
          payload: {
            ticketId: ticket.id,
            number: ticket.number,
            until: o.until.toISOString(),
            reason: o.reason,
          },
        },
      ],
    }),
  });
}
