/** Reading incidents 突发事件, their notices and linked tickets; writes live in the use cases. */
import type { Executor } from '../database.js';
import type { DutyShiftRow, IncidentNoticeRow, IncidentRow } from '../schema-emergency.js';

export async function findIncident(db: Executor, id: number): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockIncident(db: Executor, id: number): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function noticesOf(
  db: Executor,
  incidentId: number,
  round?: number,
): Promise<IncidentNoticeRow[]> {
  let q = db.selectFrom('incident_notices').selectAll().where('incident_id', '=', incidentId);
  if (round !== undefined) q = q.where('round', '=', round);
  return q.orderBy('round').orderBy('link_index').execute();
}

export async function noticesOfMany(
  db: Executor,
  incidentIds: readonly number[],
): Promise<IncidentNoticeRow[]> {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom('incident_notices')
    .selectAll()
    .where('incident_id', 'in', incidentIds)
    .orderBy('incident_id')
    .orderBy('round')
    .orderBy('link_index')
    .execute();
}

/** The incident a ticket belongs to, if any. */
export async function incidentOfTicket(
  db: Executor,
  ticketId: number,
): Promise<{ id: number; number: string | null } | undefined> {
  return db
    .selectFrom('incident_tickets')
    .innerJoin('incidents', 'incidents.id', 'incident_tickets.incident_id')
    .select(['incidents.id', 'incidents.number'])
    .where('incident_tickets.ticket_id', '=', ticketId)
    .executeTakeFirst();
}

export interface LinkedTicket {
  id: number;
  number: string;
  title: string;
  state: string;
  receivedAt: Date;
  linkedAt: Date;
  mainUnitId: number | null;
}

export async function linkedTickets(db: Executor, incidentId: number): Promise<LinkedTicket[]> {
  const rows = await db
    .selectFrom('incident_tickets')
    .innerJoin('tickets', 'tickets.id', 'incident_tickets.ticket_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.title',
      'tickets.state',
      'tickets.received_at',
      'tickets.main_unit_id',
      'incident_tickets.linked_at',
    ])
    .where('incident_tickets.incident_id', '=', incidentId)
    .orderBy('incident_tickets.linked_at')
    .orderBy('tickets.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    state: r.state,
    receivedAt: r.received_at,
    linkedAt: r.linked_at,
    mainUnitId: r.main_unit_id,
  }));
}

/** Shifts of the units touching [from, to): what roster resolution and reports read. */
export async function shiftsBetween(
  db: Executor,
  unitIds: readonly number[],
  from: Date,
  to: Date,
): Promise<DutyShiftRow[]> {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('duty_shifts')
    .selectAll()
    .where('unit_id', 'in', unitIds)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('unit_id')
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}
