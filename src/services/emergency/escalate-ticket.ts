/**
 * 工单转事件 An agent turns an urgent ticket into an incident in one action:
 * the type comes from the request, or from its words (燃气 → gas) when the
 * agent does not say; the level from the facts given, else IV 一般; the
 * place and lead unit from the ticket. The ticket stays in its own
 * lifecycle — the incident is the emergency response beside it.
 */
import { findTicket } from '../../db/repositories/tickets.js';
import type { IncidentRow } from '../../db/schema-emergency.js';
import type { Actor } from '../../domain/decide.js';
import { type IncidentFacts, suggestIncidentType } from '../../domain/emergency/severity.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { createIncident } from './create-incident.js';

export interface EscalateTicketOptions {
  actor: Actor;
  ticketId: number;
  type?: string | null;
  level?: string | null;
  title?: string | null;
  description?: string | null;
  facts?: IncidentFacts;
  leadUnitId?: number | null;
}

export async function escalateTicket(ctx: ServiceContext, o: EscalateTicketOptions): Promise<IncidentRow> {
  const ticket = await findTicket(ctx.db, o.ticketId);
  if (!ticket) throw new AppError('TICKET_NOT_FOUND', { ticket: o.ticketId });
  if (ticket.state === 'merged' || ticket.state === 'invalid') {
    throw new AppError('TRANSITION_NOT_ALLOWED', { state: ticket.state, action: 'escalate_incident' });
  }
  const type = o.type ?? suggestIncidentType(`${ticket.title}\n${ticket.description}`)?.type;
  if (!type) throw new AppError('INCIDENT_TYPE_REQUIRED');
  return createIncident(ctx, {
    actor: o.actor,
    type,
    level: o.level,
    title: o.title?.trim() || ticket.title,
    description: o.description?.trim() || ticket.description,
    facts: o.facts,
    areaCode: ticket.area_code,
    address: ticket.address,
    lat: ticket.lat,
    lng: ticket.lng,
    leadUnitId: o.leadUnitId,
    sourceTicket: ticket,
  });
}
