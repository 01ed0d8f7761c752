/**
 * Appends one event to an incident's hash-chained log and writes the row's
 * other changes with it, in the caller's transaction, on a row the caller
 * has locked (or just inserted).
 */
import type { Updateable } from 'kysely';
import type { Trx } from '../../db/database.js';
import { appendIncidentEvent } from '../../db/repositories/incident-events.js';
import type { IncidentRow, IncidentsTable } from '../../db/schema-emergency.js';
import type { Actor } from '../../domain/decide.js';
import type { IncidentEvent } from '../../domain/emergency/transitions.js';
import { actingUnitOf } from './incident-actors.js';

export interface IncidentEventInput {
  /** the decision's event; its `toStatus` becomes the incident's status */
  event: IncidentEvent;
  actor: Actor;
  now: Date;
  /** more facts for the event's data */
  data?: Record<string, unknown>;
  /** columns to set besides status and the event bookkeeping */
  update?: Updateable<IncidentsTable>;
}

export async function recordIncidentEvent(
  trx: Trx,
  incident: IncidentRow,
  e: IncidentEventInput,
): Promise<IncidentRow> {
  const seq = incident.event_count + 1;
  const hash = await appendIncidentEvent(trx, incident.last_event_hash, {
    incidentId: incident.id,
    seq,
    action: e.event.action,
    fromStatus: e.event.fromStatus,
    toStatus: e.event.toStatus,
    actorUserId: e.actor.userId,
    actorRole: e.actor.role,
    actorUnitId: actingUnitOf(e.actor, incident),
    at: e.now,
    reason: e.event.reason,
    data: { ...e.event.data, ...e.data },
  });
  return trx
    .updateTable('incidents')
    .set({
      ...e.update,
      status: e.event.toStatus,
      event_count: seq,
      last_event_hash: hash,
      updated_at: e.now,
    })
    .where('id', '=', incident.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
