/** 申请协办 The main unit asks the centre to add co-handling units. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface RequestCoUnitOptions {
  ticketId: number;
  actor: Actor;
  reason: string;
  unitIds?: number[];
  expectedVersion?: number;
}

export async function requestCoUnit(
  ctx: ServiceContext,
  o: RequestCoUnitOptions,
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'request_co_unit', reason: o.reason, unitIds: o.unitIds },
    effects: ({ ticket }) => ({
      notify: [
        {
          channel: 'inapp',
          recipient: 'role:dispatcher',
          template: 'co_unit_requested',
          payload: { ticketId: ticket.id, number: ticket.number, reason: o.reason, unitIds: o.unitIds ?? [] },
        },
      ],
    }),
  });
}
