/**
 * Loading a ticket for a caller: whatever the policy does not let the caller
 * see is reported exactly like a ticket that does not exist (404).
 */
import type { FastifyRequest } from 'fastify';
import { loadTicketUnitFacts, type TicketUnitFacts } from '../../db/repositories/ticket-unit-facts.js';
import { findTicket } from '../../db/repositories/tickets.js';
import type { TicketRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { canView } from '../../domain/policies/ticket-policy.js';
import type { ServiceContext } from '../../services/context.js';
import { presentTicket } from '../presenters/ticket.js';

export async function loadVisibleTicket(
  ctx: ServiceContext,
  req: FastifyRequest,
  ticketId: number,
): Promise<{ ticket: TicketRow; units: TicketUnitFacts }> {
  const ticket = await findTicket(ctx.db, ticketId);
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', { ticket: ticketId });
  const units = (await loadTicketUnitFacts(ctx.db, [ticket])).get(ticket.id) ?? { involved: [], co: [] };
  if (!canView(req.principal, { involvedUnitIds: units.involved, citizenUserId: ticket.citizen_user_id })) {
    throw new AppError('TICKET_NOT_FOUND', { ticket: ticketId });
  }
  return { ticket, units };
}

/** `fresh`: the ticket was just taken in, so no unit has it yet and there is nothing to read. */
export async function presentForCaller(
  ctx: ServiceContext,
  req: FastifyRequest,
  ticket: TicketRow,
  options: { fresh?: boolean } = {},
) {
  const ref = await ctx.reference.get();
  const units = options.fresh
    ? { involved: [], co: [] }
    : ((await loadTicketUnitFacts(ctx.db, [ticket])).get(ticket.id) ?? { involved: [], co: [] });
  return presentTicket(ticket, { ref, viewer: req.principal, units, now: ctx.clock() });
}
