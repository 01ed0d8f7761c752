/**
 * 派单 Dispatch: the centre sends a received ticket to its main unit (主办)
 * and any co-handling units (协办); the clocks start now.
 */
import type { Actor } from '../../domain/decide.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import type { ReferenceData } from '../reference-cache.js';
import { resolvePlace } from './intake-ticket.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';
import { dispatchColumns } from './ticket-deadlines.js';

export interface DispatchTicketOptions {
  ticketId: number;
  actor: Actor;
  mainUnitId: number;
  coUnitIds?: number[];
  reason?: string;
  /** the dispatcher may correct the classification while dispatching */
  categoryId?: number;
  areaCode?: string;
  urgency?: 'normal' | 'urgent';
  complex?: boolean;
  expectedVersion?: number;
}

export function requireActiveUnits(ref: ReferenceData, unitIds: readonly number[]): void {
  for (const id of unitIds) {
    const unit = ref.units.get(id);
    if (!unit?.active) throw new AppError('UNIT_NOT_FOUND', { unit: id });
  }
}

export async function dispatchTicket(
  ctx: ServiceContext,
  o: DispatchTicketOptions,
): Promise<TicketActionResult> {
  const coUnitIds = o.coUnitIds ?? [];
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'dispatch', mainUnitId: o.mainUnitId, coUnitIds, reason: o.reason },
    effects: ({ ticket, ref, now }) => {
      requireActiveUnits(ref, [o.mainUnitId, ...coUnitIds]);
      const categoryId = o.categoryId ?? ticket.category_id;
      const areaCode = o.areaCode ?? ticket.area_code;
      const townshipCode = resolvePlace(ref, categoryId, areaCode);
      const classified = {
        category_id: categoryId,
        urgency: o.urgency ?? ticket.urgency,
        complex: o.complex ?? ticket.complex,
        policy_code: null,
      };
      const round = ticket.dispatch_round + 1;
      return {
        update: {
          ...classified,
          area_code: areaCode,
          township_code: townshipCode,
          main_unit_id: o.mainUnitId,
          dispatch_round: round,
          ...dispatchColumns(ref, classified, now),
        },
        data: { round, categoryId },
        after: async (trx, updated) => {
          await trx
            .insertInto('ticket_units')
            .values([
              { ticket_id: updated.id, unit_id: o.mainUnitId, round, role: 'main', assigned_at: now },
              ...coUnitIds.map((u) => ({
                ticket_id: updated.id,
                unit_id: u,
                round,
                role: 'co',
                assigned_at: now,
              })),
            ])
            .execute();
        },
        notify: [o.mainUnitId, ...coUnitIds].map((unitId) => ({
          channel: 'inapp' as const,
          recipient: `unit:${unitId}`,
          template: unitId === o.mainUnitId ? 'ticket_dispatched' : 'ticket_co_dispatched',
          payload: { ticketId: ticket.id, number: ticket.number, title: ticket.title },
          dedupeKey: `dispatch:${ticket.id}:${round}:${unitId}`,
        })),
      };
    },
  });
}
