/**
 * 事件建议 What smart intake's urgency hint 紧急提示 says about a ticket, put
 * to emergency use: is it urgent, which incident type its words point to,
 * the level the type's criteria give with no facts yet, and open incidents
 * of that type in the same town — so the agent links the tenth caller about
 * one gas leak to the incident the first caller raised, instead of raising
 * ten incidents.
 */
import type { Executor } from '../../db/database.js';
import { incidentOfTicket } from '../../db/repositories/incidents.js';
import type { TicketRow } from '../../db/schema.js';
import {
  type LevelSuggestion,
  suggestIncidentType,
  suggestLevel,
  type TypeSuggestion,
} from '../../domain/emergency/severity.js';
import { OPEN_INCIDENT_STATUSES } from '../../domain/emergency/vocabulary.js';
import { type UrgencyHint, urgencyHint } from '../../nlp/intake-hints.js';

export interface IncidentSuggestion {
  urgency: UrgencyHint;
  type: TypeSuggestion | null;
  level: LevelSuggestion | null;
  /** the incident the ticket already belongs to */
  linkedTo: { id: number; number: string | null } | null;
  /** open incidents of the suggested type in the ticket's town, newest first */
  nearby: {
    id: number;
    number: string | null;
    title: string;
    level: string;
    status: string;
    reportedAt: Date;
  }[];
}

/** Open incidents nearby are looked for this far back. */
const NEARBY_HOURS = 72;

export async function suggestIncident(
  db: Executor,
  ticket: TicketRow,
  now: Date,
): Promise<IncidentSuggestion> {
  const text = `${ticket.title}\n${ticket.description}`;
  const type = suggestIncidentType(text);
  const linked = await incidentOfTicket(db, ticket.id);
  let nearby: IncidentSuggestion['nearby'] = [];
  if (type) {
    let q = db
      .selectFrom('incidents')
      .select(['id', 'number', 'title', 'level', 'status', 'reported_at'])
      .where('type', '=', type.type)
      .where('drill', '=', false)
      .where('status', 'in', OPEN_INCIDENT_STATUSES)
      .where('reported_at', '>=', new Date(now.getTime() - NEARBY_HOURS * 3_600_000));
    if (ticket.township_code) q = q.where('township_code', '=', ticket.township_code);
    nearby = (await q.orderBy('reported_at', 'desc').limit(5).execute()).map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      level: r.level,
      status: r.status,
      reportedAt: r.reported_at,
    }));
  }
  return {
    urgency: urgencyHint(text),
    type,
    level: type ? suggestLevel(type.type, {}) : null,
    linkedTo: linked ?? null,
    nearby,
  };
}
