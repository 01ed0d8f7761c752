/**
 * 关联工单 Many callers, one incident: tickets about the same emergency are
 * linked to it, all or none. A ticket already in another incident is
 * refused (nothing is linked); one already in this incident is left as is.
 * Each newly linked caller hears by SMS that the call is handled as part of
 * the incident. Drill incidents take no tickets at all.
 */
import type { Trx } from '../../db/database.js';
import { lockIncident } from '../../db/repositories/incidents.js';
import type { IncidentRow } from '../../db/schema-emergency.js';
import type { Actor } from '../../domain/decide.js';
import { decideIncident, type IncidentEvent } from '../../domain/emergency/transitions.js';
import type { IncidentLevel, IncidentStatus } from '../../domain/emergency/vocabulary.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { enqueue, type OutboxMessage } from '../outbox.js';
import { inTransaction } from '../transaction.js';
import { incidentActorOf, unionIds } from './incident-actors.js';
import { citizenLinkedMessage } from './incident-messages.js';
import { recordIncidentEvent } from './record-incident-event.js';

export interface LinkTicketsOptions {
  actor: Actor;
  incidentId: number;
  ticketIds: readonly number[];
  reason?: string;
}

export interface LinkTicketsResult {
  incident: IncidentRow;
  linked: number[];
  alreadyLinked: number[];
}

export interface Attached extends LinkTicketsResult {
  /** SMS to the callers; empty for a drill */
  messages: OutboxMessage[];
}

/**
 * Links the tickets to the incident the caller has locked (or just
 * inserted) in `trx`, one event each from `eventFor`. Throws, changing
 * nothing, when a ticket does not exist or belongs to another incident.
 */
export async function attachTickets(
  trx: Trx,
  locked: IncidentRow,
  ticketIds: readonly number[],
  actor: Actor,
  now: Date,
  eventFor: (incident: IncidentRow, ticketId: number) => IncidentEvent,
): Promise<Attached> {
  let incident = locked;
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return { incident, linked: [], alreadyLinked: [], messages: [] };
  if (incident.drill) throw new AppError('INCIDENT_DRILL_NO_TICKETS');
  const tickets = await trx
    .selectFrom('tickets')
    .leftJoin('incident_tickets', 'incident_tickets.ticket_id', 'tickets.id')
    .leftJoin('incidents', 'incidents.id', 'incident_tickets.incident_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.main_unit_id',
      'tickets.citizen_phone_enc',
      'incident_tickets.incident_id',
      'incidents.number as incident_number',
    ])
    .where('tickets.id', 'in', ids)
    .forUpdate('tickets')
    .execute();
  const missing = ids.filter((id) => !tickets.some((t) => t.id === id));
  if (missing.length > 0) throw new AppError('TICKET_NOT_FOUND', { ticket: missing.join(', ') });
  const elsewhere = tickets.find((t) => t.incident_id !== null && t.incident_id !== incident.id);
  if (elsewhere) {
    throw new AppError('TICKET_ALREADY_IN_INCIDENT', {
      ticket: elsewhere.number,
      incident: elsewhere.incident_number ?? String(elsewhere.incident_id),
    });
  }
  const fresh = tickets.filter((t) => t.incident_id === null).sort((a, b) => a.id - b.id);
  const messages: OutboxMessage[] = [];
  for (const t of fresh) {
    const event = eventFor(incident, t.id);
    await trx
      .insertInto('incident_tickets')
      .values({ incident_id: incident.id, ticket_id: t.id, linked_at: now, linked_by: actor.userId })
      .execute();
    incident = await recordIncidentEvent(trx, incident, {
      event,
      actor,
      now,
      data: { number: t.number },
      update: {
        linked_ticket_count: incident.linked_ticket_count + 1,
        involved_unit_ids: unionIds(incident.involved_unit_ids, [t.main_unit_id]),
      },
    });
    if (t.citizen_phone_enc) messages.push(citizenLinkedMessage(incident, t));
  }
  return {
    incident,
    linked: fresh.map((t) => t.id),
    alreadyLinked: tickets.filter((t) => t.incident_id !== null).map((t) => t.id),
    messages,
  };
}

export async function linkTickets(ctx: ServiceContext, o: LinkTicketsOptions): Promise<LinkTicketsResult> {
  const ref = await ctx.reference.get();
  const actor = incidentActorOf(o.actor, ref);
  const now = ctx.clock();
  let wroteOutbox = false;
  const result = await inTransaction(ctx.db, async (trx) => {
    const row = await lockIncident(trx, o.incidentId);
    if (!row) throw new AppError('INCIDENT_NOT_FOUND', { incident: o.incidentId });
    const judge = (incident: IncidentRow, ticketId: number) =>
      decideIncident(
        {
          status: incident.status as IncidentStatus,
          level: incident.level as IncidentLevel,
          leadUnitId: incident.lead_unit_id,
          drill: incident.drill,
        },
        { action: 'link_ticket', ticketId, reason: o.reason },
        actor,
      ).event;
    // Judged once before anything is read: a closed incident or a drill changes nothing.
    judge(row, o.ticketIds[0] ?? 0);
    const attached = await attachTickets(trx, row, o.ticketIds, o.actor, now, judge);
    wroteOutbox = (await enqueue(trx, attached.messages)) > 0;
    return { incident: attached.incident, linked: attached.linked, alreadyLinked: attached.alreadyLinked };
  });
  if (wroteOutbox) ctx.afterCommit('outbox');
  return result;
}
