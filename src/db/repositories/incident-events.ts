/**
 * The append-only event log of an incident, hash chained like a ticket's
 * (see ./ticket-events.ts): each event's hash covers the previous hash and
 * the event's canonical JSON, so an edited or deleted event breaks the chain.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../database.js';
import type { IncidentEventRow } from '../schema-emergency.js';
import { canonicalJson } from './ticket-events.js';

export interface NewIncidentEvent {
  incidentId: number;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorUserId: number | null;
  actorRole: string;
  actorUnitId: number | null;
  at: Date;
  reason: string | null;
  data: Record<string, unknown>;
}

export function incidentEventHash(previous: string | null, e: NewIncidentEvent): string {
  const body = canonicalJson({
    incident: e.incidentId,
    seq: e.seq,
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    user: e.actorUserId,
    role: e.actorRole,
    unit: e.actorUnitId,
    at: e.at.toISOString(),
    reason: e.reason,
    data: e.data,
  });
  return createHash('sha256')
    .update(previous ?? '')
    .update('\n')
    .update(body)
    .digest('hex');
}

/** Inserts the event and returns its hash; the caller stores it as the incident's last_event_hash. */
export async function appendIncidentEvent(
  db: Executor,
  previousHash: string | null,
  e: NewIncidentEvent,
): Promise<string> {
  const hash = incidentEventHash(previousHash, e);
  await db
    .insertInto('incident_events')
    .values({
      incident_id: e.incidentId,
      seq: e.seq,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      actor_user_id: e.actorUserId,
      actor_role: e.actorRole,
      actor_unit_id: e.actorUnitId,
      at: e.at,
      reason: e.reason,
      data: JSON.stringify(e.data),
      hash,
    })
    .execute();
  return hash;
}

export async function listIncidentEvents(db: Executor, incidentId: number): Promise<IncidentEventRow[]> {
  return db
    .selectFrom('incident_events')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('seq')
    .execute();
}

/** The seq of the first event whose hash does not follow from the ones before it; null when intact. */
export function brokenIncidentChainAt(rows: readonly IncidentEventRow[]): number | null {
  let previous: string | null = null;
  for (const row of rows) {
    const expected = incidentEventHash(previous, {
      incidentId: row.incident_id,
      seq: row.seq,
      action: row.action,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      actorUserId: row.actor_user_id,
      actorRole: row.actor_role,
      actorUnitId: row.actor_unit_id,
      at: row.at,
      reason: row.reason,
      data: row.data,
    });
    if (expected !== row.hash) return row.seq;
    previous = row.hash;
  }
  return null;
}
