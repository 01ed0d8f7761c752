/**
 * What the emergency use cases share about who acts and which unit leads:
 * the command centre's unit, an actor seen as the centre or not, the
 * default lead unit 牵头单位 of each incident type, and the system actor of
 * the escalation sweep.
 */
import type { IncidentRow } from '../../db/schema-emergency.js';
import type { Actor } from '../../domain/decide.js';
import type { IncidentActor } from '../../domain/emergency/transitions.js';
import type { IncidentType } from '../../domain/emergency/vocabulary.js';
import { type IncidentAccessFacts, isCommandCentre } from '../../domain/policies/incident-policy.js';
import type { ReferenceData } from '../reference-cache.js';

export const CENTRE_UNIT_CODE = 'centre';

export function centreUnitId(ref: ReferenceData): number | null {
  return ref.unitsByCode.get(CENTRE_UNIT_CODE)?.id ?? null;
}

export function incidentActorOf(actor: Actor, ref: ReferenceData): IncidentActor {
  return { ...actor, centre: isCommandCentre(actor, centreUnitId(ref)) };
}

export const SYSTEM_INCIDENT_ACTOR: IncidentActor = {
  role: 'system',
  userId: null,
  unitIds: [],
  centre: true,
};

/**
 * Who leads an incident of each type when nobody says: the department or
 * utility whose trade it is. A ticket's main unit or an explicit choice
 * comes first; the town of the place comes last.
 */
export const TYPE_LEAD_UNITS: Record<IncidentType, string> = {
  flood: 'dept-swj',
  fire: 'dept-yjj',
  gas: 'util-gas',
  geological: 'dept-ghzy',
  traffic: 'dept-gaj-jtzd',
  public_health: 'dept-wjw',
  utility_outage: 'dept-cgw',
  crowd_safety: 'dept-gaj',
  structural: 'dept-zjw',
  lift_entrapment: 'dept-scjgj',
};

export function accessFactsOf(row: IncidentRow): IncidentAccessFacts {
  return {
    leadUnitId: row.lead_unit_id,
    involvedUnitIds: row.involved_unit_ids,
    notifiedUserIds: row.notified_user_ids,
  };
}

/** The unit an event is recorded for: the lead unit when the actor acts for it. */
export function actingUnitOf(actor: Actor, row: Pick<IncidentRow, 'lead_unit_id'> | null): number | null {
  if (row?.lead_unit_id != null && actor.unitIds.includes(row.lead_unit_id)) return row.lead_unit_id;
  return actor.unitIds[0] ?? null;
}

export function unionIds(a: readonly number[], b: readonly (number | null | undefined)[]): number[] {
  const out = new Set(a);
  for (const x of b) if (x !== null && x !== undefined) out.add(x);
  return [...out].sort((x, y) => x - y);
}
