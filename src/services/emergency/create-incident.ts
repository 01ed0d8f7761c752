/**
 * 事件报告 An incident is reported — by the command centre, by a unit, or
 * from urgent tickets — and the first link of its level's chain is notified
 * in the same transaction: the person on duty hears of it at once, not at
 * the next sweep. Linked tickets' callers hear that their call is being
 * handled as an incident, unless it is a drill 演练.
 */
import type { TicketRow } from '../../db/schema.js';
import type { IncidentRow } from '../../db/schema-emergency.js';
import { localDate } from '../../domain/calendar.js';
import type { Actor } from '../../domain/decide.js';
import { type IncidentFacts, suggestLevel } from '../../domain/emergency/severity.js';
import { decideIncident, incidentRuleFor } from '../../domain/emergency/transitions.js';
import {
  type IncidentLevel,
  type IncidentSource,
  type IncidentStatus,
  isIncidentType,
} from '../../domain/emergency/vocabulary.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { enqueue } from '../outbox.js';
import type { ReferenceData } from '../reference-cache.js';
import { inTransaction } from '../transaction.js';
import { advanceEscalation } from './advance-escalation.js';
import { incidentActorOf, TYPE_LEAD_UNITS, unionIds } from './incident-actors.js';
import { attachTickets } from './link-tickets.js';
import { chainJson, loadChains } from './load-chains.js';
import { recordIncidentEvent } from './record-incident-event.js';

export interface CreateIncidentOptions {
  actor: Actor;
  type: string;
  /** omitted: suggested from the facts by the type's criteria (IV when none is met) */
  level?: string | null;
  title: string;
  description?: string | null;
  facts?: IncidentFacts;
  areaCode?: string | null;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  leadUnitId?: number | null;
  drill?: boolean;
  /** the urgent ticket the incident is raised from; linked at once */
  sourceTicket?: TicketRow | null;
  /** more tickets to link at once (many callers, one incident) */
  ticketIds?: readonly number[];
}

function leadUnitFor(
  ref: ReferenceData,
  o: CreateIncidentOptions,
  source: IncidentSource,
  township: string | null,
): number | null {
  if (o.leadUnitId != null) {
    if (!ref.units.get(o.leadUnitId)?.active) throw new AppError('UNIT_NOT_FOUND', { unit: o.leadUnitId });
    return o.leadUnitId;
  }
  const ticket = o.sourceTicket;
  if (ticket?.main_unit_id != null) return ticket.main_unit_id;
  if (ticket?.suggested_unit_id != null) return ticket.suggested_unit_id;
  // A unit reporting leads what it reports, unless it is the centre itself.
  if (source === 'unit_report') return o.actor.unitIds[0] ?? null;
  const byType = isIncidentType(o.type) ? ref.unitsByCode.get(TYPE_LEAD_UNITS[o.type]) : undefined;
  if (byType) return byType.id;
  return township ? (ref.townshipUnits.get(township)?.id ?? null) : null;
}

function sourceOf(o: CreateIncidentOptions, centre: boolean): IncidentSource {
  if (o.sourceTicket) return 'ticket';
  return centre ? 'centre' : 'unit_report';
}

export async function createIncident(ctx: ServiceContext, o: CreateIncidentOptions): Promise<IncidentRow> {
  // Read before the transaction: on PGlite the pool's one connection is then busy.
  const ref = await ctx.reference.get();
  const chains = await loadChains(ctx.db);
  const now = ctx.clock();
  const actor = incidentActorOf(o.actor, ref);
  const facts = o.facts ?? {};
  const level = o.level ?? (isIncidentType(o.type) ? suggestLevel(o.type, facts).level : 'IV');
  const drill = o.drill ?? false;
  const ticketIds = [...(o.sourceTicket ? [o.sourceTicket.id] : []), ...(o.ticketIds ?? [])];
  if (drill && ticketIds.length > 0) throw new AppError('INCIDENT_DRILL_NO_TICKETS');
  const decision = decideIncident(null, { action: 'report', type: o.type, level, drill }, actor);
  // Linking other callers' tickets is the centre's call, as it is after the report.
  if (
    (o.ticketIds ?? []).length > 0 &&
    !actor.centre &&
    !incidentRuleFor('link_ticket').roles.includes(actor.role)
  ) {
    throw new AppError('INCIDENT_ROLE_NOT_ALLOWED', { role: actor.role, action: 'link_ticket' });
  }
  const area = o.areaCode ? ref.areas.get(o.areaCode) : null;
  if (o.areaCode && !area) throw new AppError('AREA_NOT_FOUND', { area: o.areaCode });
  const township = area?.township_code ?? null;
  const spot = area?.lat != null ? area : township ? ref.areas.get(township) : undefined;
  const source = sourceOf(o, actor.centre);
  const leadUnitId = leadUnitFor(ref, o, source, township);
  const reportingUnitId = source === 'unit_report' ? (o.actor.unitIds[0] ?? null) : null;
  const ticket = o.sourceTicket ?? null;

  let wroteOutbox = false;
  const incident = await inTransaction(ctx.db, async (trx) => {
    const inserted = await trx
      .insertInto('incidents')
      .values({
        type: o.type,
        level: level as IncidentLevel,
        status: decision.to,
        drill,
        source,
        source_ticket_id: ticket?.id ?? null,
        title: o.title.trim(),
        description: o.description?.trim() ?? '',
        facts: JSON.stringify(facts),
        area_code: area?.code ?? null,
        township_code: township,
        address: o.address?.trim() || null,
        lat: o.lat ?? spot?.lat ?? null,
        lng: o.lng ?? spot?.lng ?? null,
        lead_unit_id: leadUnitId,
        reporting_unit_id: reportingUnitId,
        involved_unit_ids: unionIds([], [leadUnitId, reportingUnitId, ticket?.main_unit_id]),
        reported_by: o.actor.userId,
        reported_at: now,
        round_started_at: now,
        escalation_chain: chainJson(chains[level as IncidentLevel]),
        next_escalation_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // 事件编号 YJ + Beijing day + id: unique by the id, readable on the phone.
    const number = `YJ${localDate(now).replaceAll('-', '')}-${String(inserted.id).padStart(4, '0')}`;
    const row = await recordIncidentEvent(trx, inserted, {
      event: decision.event,
      actor: o.actor,
      now,
      data: { source, leadUnitId, title: inserted.title, facts },
      update: { number },
    });
    // The report authorised the tickets it is raised from: their links need no second judgement.
    const attached = await attachTickets(trx, row, ticketIds, o.actor, now, (incident, ticketId) => ({
      action: 'link_ticket',
      fromStatus: incident.status as IncidentStatus,
      toStatus: incident.status as IncidentStatus,
      reason: null,
      data: { ticketId },
    }));
    const step = await advanceEscalation(trx, ref, attached.incident, now);
    wroteOutbox = (await enqueue(trx, attached.messages)) > 0 || step.wroteOutbox;
    return step.incident;
  });
  if (wroteOutbox) ctx.afterCommit('outbox');
  return incident;
}
