/** 督办 Supervision is a flag with events, raised by the centre, leadership or the deadline sweep. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface SetSupervisionOptions {
  ticketId: number;
  actor: Actor;
  supervised: boolean;
  reason: string;
  expectedVersion?: number;
}

export async function setSupervision(
  ctx: ServiceContext,
  o: SetSupervisionOptions,
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: o.supervised ? 'supervise' : 'unsupervise', reason: o.reason },
    effects: ({ ticket }) => ({
      update: { supervised: o.supervised },
      notify:
        o.supervised && ticket.main_unit_id
          ? [
              {
                channel: 'inapp',
                recipient: `unit:${ticket.main_unit_id}`,
                template: 'ticket_supervised',
                payload: { ticketId: ticket.id, number: ticket.number, reason: o.reason },
              },
            ]
          : [],
    }),
  });
}
