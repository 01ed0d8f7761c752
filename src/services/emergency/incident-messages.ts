/**
 * The outbox messages of emergency response. Notices go to the person on
 * duty as `user:<id>`, in-app and by SMS; alerts go to the centre's
 * dispatchers in-app. Citizens hear only that their ticket joined a real
 * incident — never of a drill 演练, whose staff messages say 【演练】.
 * Every message has a dedupe key, so a retried transaction or a second
 * sweep process never sends one twice.
 */
import type { IncidentRow } from '../../db/schema-emergency.js';
import type { LinkTarget } from '../../domain/emergency/vocabulary.js';
import type { OutboxMessage } from '../outbox.js';
import type { ReferenceData } from '../reference-cache.js';

function placeOf(ref: ReferenceData, incident: IncidentRow): string {
  const township = incident.township_code ? ref.areas.get(incident.township_code)?.name : undefined;
  const area = incident.area_code ? ref.areas.get(incident.area_code)?.name : undefined;
  return [township, area !== township ? area : undefined, incident.address ?? undefined]
    .filter(Boolean)
    .join(' ');
}

export function incidentFacts(ref: ReferenceData, incident: IncidentRow): Record<string, unknown> {
  return {
    incidentId: incident.id,
    number: incident.number,
    title: incident.title,
    type: incident.type,
    level: incident.level,
    drill: incident.drill,
    place: placeOf(ref, incident),
  };
}

export function noticeMessages(
  ref: ReferenceData,
  incident: IncidentRow,
  n: { round: number; linkIndex: number; target: LinkTarget; userIds: readonly number[]; ackDueAt: Date },
): OutboxMessage[] {
  const payload = {
    ...incidentFacts(ref, incident),
    round: n.round,
    linkIndex: n.linkIndex,
    target: n.target,
    ackDueAt: n.ackDueAt.toISOString(),
  };
  const key = `incident_notice:${incident.id}:${n.round}:${n.linkIndex}`;
  return n.userIds.flatMap((userId) => [
    {
      channel: 'inapp',
      recipient: `user:${userId}`,
      template: 'incident_notice',
      payload,
      dedupeKey: `${key}:${userId}:inapp`,
    },
    {
      channel: 'sms',
      recipient: `user:${userId}`,
      template: 'incident_notice',
      payload,
      dedupeKey: `${key}:${userId}:sms`,
    },
  ]);
}

/** A link nobody covered: the centre must know the roster has a hole now. */
export function unfilledAlert(
  ref: ReferenceData,
  incident: IncidentRow,
  n: { round: number; linkIndex: number; target: LinkTarget; unitId: number | null },
): OutboxMessage {
  const unit = n.unitId === null ? null : ref.units.get(n.unitId);
  return {
    channel: 'inapp',
    recipient: 'role:dispatcher',
    template: 'incident_link_unfilled',
    payload: { ...incidentFacts(ref, incident), target: n.target, unit: unit?.name ?? null, round: n.round },
    dedupeKey: `incident_unfilled:${incident.id}:${n.round}:${n.linkIndex}`,
  };
}

export function exhaustedAlerts(ref: ReferenceData, incident: IncidentRow, round: number): OutboxMessage[] {
  const payload = { ...incidentFacts(ref, incident), round };
  return (['dispatcher', 'supervisor'] as const).map((role) => ({
    channel: 'inapp',
    recipient: `role:${role}`,
    template: 'incident_unacknowledged',
    payload,
    dedupeKey: `incident_exhausted:${incident.id}:${round}:${role}`,
  }));
}

export function acknowledgedAlert(
  ref: ReferenceData,
  incident: IncidentRow,
  by: { userId: number; name: string; minutes: number },
): OutboxMessage {
  return {
    channel: 'inapp',
    recipient: 'role:dispatcher',
    template: 'incident_acknowledged',
    payload: { ...incidentFacts(ref, incident), by: by.name, minutes: by.minutes },
    dedupeKey: `incident_ack:${incident.id}:${by.userId}:${incident.event_count}`,
  };
}

/** Status and level changes, to the centre and the lead unit's inbox. */
export function statusMessages(
  ref: ReferenceData,
  incident: IncidentRow,
  what: { action: string; reason: string | null },
): OutboxMessage[] {
  const payload = {
    ...incidentFacts(ref, incident),
    status: incident.status,
    action: what.action,
    reason: what.reason,
  };
  const key = `incident_status:${incident.id}:${incident.event_count}`;
  const messages: OutboxMessage[] = [
    {
      channel: 'inapp',
      recipient: 'role:dispatcher',
      template: 'incident_status',
      payload,
      dedupeKey: `${key}:centre`,
    },
  ];
  if (incident.lead_unit_id !== null) {
    messages.push({
      channel: 'inapp',
      recipient: `unit:${incident.lead_unit_id}`,
      template: 'incident_status',
      payload,
      dedupeKey: `${key}:unit`,
    });
  }
  return messages;
}

/** The caller whose ticket joined a real incident; never called for a drill. */
export function citizenLinkedMessage(
  incident: IncidentRow,
  ticket: { id: number; number: string },
): OutboxMessage {
  return {
    channel: 'sms',
    recipient: `ticket:${ticket.id}`,
    template: 'incident_ticket_linked',
    payload: { number: ticket.number, incidentNumber: incident.number },
    dedupeKey: `incident_ticket_linked:${ticket.id}`,
  };
}
