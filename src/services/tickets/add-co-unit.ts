/** 增派协办 The dispatcher adds co-handling units to the current dispatch round. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { requireActiveUnits } from './dispatch-ticket.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface AddCoUnitOptions {
  ticketId: number;
  actor: Actor;
  unitIds: number[];
  reason?: string;
  expectedVersion?: number;
}

export async function addCoUnit(ctx: ServiceContext, o: AddCoUnitOptions): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'add_co_unit', unitIds: o.unitIds, reason: o.reason },
    effects: ({ ticket, ref, now }) => {
      requireActiveUnits(ref, o.unitIds);
      return {
        after: async (trx, updated) => {
          await trx
            .insertInto('ticket_units')
            .values(
              o.unitIds.map((u) => ({
                ticket_id: updated.id,
                unit_id: u,
                round: updated.dispatch_round,
                role: 'co',
                assigned_at: now,
              })),
            )
            .onConflict((oc) => oc.columns(['ticket_id', 'unit_id', 'round']).doUpdateSet({ active: true }))
            .execute();
        },
        notify: o.unitIds.map((unitId) => ({
          channel: 'inapp' as const,
          recipient: `unit:${unitId}`,
          template: 'ticket_co_dispatched',
          payload: { ticketId: ticket.id, number: ticket.number, title: ticket.title },
          dedupeKey: `dispatch:${ticket.id}:${ticket.dispatch_round}:${unitId}`,
        })),
      };
    },
  });
}
