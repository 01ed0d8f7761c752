/**
 * What an incident looks like on the wire: the board's item (what the
 * situation board polls) and the detail with notices, acknowledgements,
 * linked tickets and the actions the caller may take. Labels come in both
 * languages; no citizen's personal data is ever part of an incident.
 */
import type { LinkedTicket } from '../../db/repositories/incidents.js';
import type { IncidentNoticeRow, IncidentRow } from '../../db/schema-emergency.js';
import { FACT_LABELS, type FactKey } from '../../domain/emergency/severity.js';
import { INCIDENT_ACTION_LABELS } from '../../domain/emergency/transitions.js';
import {
  INCIDENT_LEVEL_LABELS,
  INCIDENT_SOURCE_LABELS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_TYPE_LABELS,
  type IncidentStatus,
  LINK_TARGET_LABELS,
} from '../../domain/emergency/vocabulary.js';
import { availableIncidentActions, type IncidentViewer } from '../../domain/policies/incident-policy.js';
import type { Label } from '../../domain/vocabulary.js';
import { STATE_LABELS } from '../../domain/vocabulary.js';
import { accessFactsOf, centreUnitId } from '../../services/emergency/incident-actors.js';
import type { IncidentExtras } from '../../services/emergency/incident-views.js';
import type { ReferenceData } from '../../services/reference-cache.js';

export interface IncidentPresentOptions {
  ref: ReferenceData;
  viewer: IncidentViewer;
  extras: IncidentExtras;
  now: Date;
}

export function labelOf(map: Record<string, Label>, code: string): Label {
  return Object.hasOwn(map, code) ? (map[code] as Label) : { zh: code, en: code };
}

function unitRef(ref: ReferenceData, id: number | null) {
  if (id === null) return null;
  const u = ref.units.get(id);
  return u
    ? { id: u.id, code: u.code, name: u.name, nameEn: u.name_en }
    : { id, code: '', name: '', nameEn: '' };
}

function minutes(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}

function person(o: IncidentPresentOptions, id: number) {
  return { id, name: o.extras.users.get(id) ?? String(id) };
}

export function presentNotice(n: IncidentNoticeRow, o: IncidentPresentOptions) {
  return {
    id: n.id,
    round: n.round,
    linkIndex: n.link_index,
    target: n.target,
    targetLabel: labelOf(LINK_TARGET_LABELS, n.target),
    unit: unitRef(o.ref, n.unit_id),
    via: n.via,
    recipients: n.recipient_user_ids.map((id) => person(o, id)),
    dueAt: n.due_at,
    notifiedAt: n.notified_at,
    ackDueAt: n.ack_due_at,
    acknowledgedAt: n.acknowledged_at,
    acknowledgedBy: n.acknowledged_by === null ? null : person(o, n.acknowledged_by),
    drill: n.drill,
  };
}

/** One incident as the situation board shows it. */
export function presentIncidentSummary(i: IncidentRow, o: IncidentPresentOptions) {
  const notices = (o.extras.notices.get(i.id) ?? []).filter((n) => n.round === i.escalation_round);
  const waiting = [...notices].reverse().find((n) => n.recipient_user_ids.length > 0) ?? null;
  const acks = (o.extras.acks.get(i.id) ?? []).filter((a) => notices.some((n) => n.id === a.noticeId));
  const township = i.township_code ? o.ref.areas.get(i.township_code) : undefined;
  const area = i.area_code ? o.ref.areas.get(i.area_code) : undefined;
  const acknowledged = acks.length > 0;
  return {
    id: i.id,
    number: i.number,
    type: i.type,
    typeLabel: labelOf(INCIDENT_TYPE_LABELS, i.type),
    level: i.level,
    levelLabel: labelOf(INCIDENT_LEVEL_LABELS, i.level),
    status: i.status,
    statusLabel: labelOf(INCIDENT_STATUS_LABELS, i.status),
    drill: i.drill,
    title: i.title,
    place: {
      areaCode: i.area_code,
      areaName: area?.name ?? null,
      townshipCode: i.township_code,
      townshipName: township?.name ?? null,
      address: i.address,
      lat: i.lat,
      lng: i.lng,
    },
    leadUnit: unitRef(o.ref, i.lead_unit_id),
    reportedAt: i.reported_at,
    minutesSinceReport: minutes(i.reported_at, i.closed_at ?? o.now),
    linkedTickets: i.linked_ticket_count,
    acknowledged,
    acknowledgedBy: acks.map((a) => ({ ...person(o, a.userId), at: a.at })),
    firstAcknowledgedAt: i.first_ack_at,
    escalation: {
      round: i.escalation_round,
      link:
        waiting && !acknowledged
          ? {
              index: waiting.link_index,
              target: waiting.target,
              targetLabel: labelOf(LINK_TARGET_LABELS, waiting.target),
              recipients: waiting.recipient_user_ids.map((id) => person(o, id)),
              notifiedAt: waiting.notified_at,
              ackDueAt: waiting.ack_due_at,
            }
          : null,
      overdue: !acknowledged && waiting !== null && waiting.ack_due_at.getTime() < o.now.getTime(),
      exhausted: i.chain_exhausted_round === i.escalation_round,
      nextAt: i.next_escalation_at,
    },
    version: i.event_count,
  };
}

export function presentIncident(i: IncidentRow, o: IncidentPresentOptions, linked: readonly LinkedTicket[]) {
  const notices = o.extras.notices.get(i.id) ?? [];
  const acks = o.extras.acks.get(i.id) ?? [];
  const pending =
    o.viewer.userId !== null &&
    notices.some(
      (n) =>
        n.recipient_user_ids.includes(o.viewer.userId ?? -1) &&
        !acks.some((a) => a.noticeId === n.id && a.userId === o.viewer.userId),
    );
  const actions = availableIncidentActions(
    o.viewer,
    {
      ...accessFactsOf(i),
      status: i.status as IncidentStatus,
      drill: i.drill,
      pendingNoticeForViewer: pending,
    },
    centreUnitId(o.ref),
  );
  const facts = Object.entries(i.facts ?? {}).map(([key, value]) => ({
    key,
    label: labelOf(FACT_LABELS as Record<FactKey, Label>, key),
    value,
  }));
  return {
    ...presentIncidentSummary(i, o),
    description: i.description,
    source: i.source,
    sourceLabel: labelOf(INCIDENT_SOURCE_LABELS, i.source),
    sourceTicketId: i.source_ticket_id,
    facts,
    reportingUnit: unitRef(o.ref, i.reporting_unit_id),
    times: {
      reportedAt: i.reported_at,
      confirmedAt: i.confirmed_at,
      respondingAt: i.responding_at,
      containedAt: i.contained_at,
      closedAt: i.closed_at,
      firstAcknowledgedAt: i.first_ack_at,
    },
    notices: notices.map((n) => presentNotice(n, o)),
    acknowledgements: acks.map((a) => ({
      noticeId: a.noticeId,
      ...person(o, a.userId),
      at: a.at,
      note: a.note,
    })),
    tickets: linked.map((t) => ({
      id: t.id,
      number: t.number,
      title: t.title,
      state: t.state,
      stateLabel: labelOf(STATE_LABELS, t.state),
      receivedAt: t.receivedAt,
      linkedAt: t.linkedAt,
    })),
    availableActions: actions,
    actionLabels: Object.fromEntries(actions.map((a) => [a, INCIDENT_ACTION_LABELS[a]])),
  };
}
