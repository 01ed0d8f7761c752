/**
 * The emergency API as the web app reads it (src/http/presenters/incident.ts
 * and the board, timeline routes); dates are ISO strings on the wire.
 */
import type { IncidentAction } from '@domain/emergency/transitions';
import type { DutyPost, IncidentLevel, IncidentStatus } from '@domain/emergency/vocabulary';
import type { Label, UnitRef } from './types';

export type { DutyPost, IncidentAction, IncidentLevel, IncidentStatus };

export interface Person {
  id: number;
  name: string;
}

export interface IncidentItem {
  id: number;
  number: string;
  type: string;
  typeLabel: Label;
  level: IncidentLevel;
  levelLabel: Label;
  status: IncidentStatus;
  statusLabel: Label;
  drill: boolean;
  title: string;
  place: {
    areaCode: string | null;
    areaName: string | null;
    townshipCode: string | null;
    townshipName: string | null;
    address: string | null;
    lat: number | null;
    lng: number | null;
  };
  leadUnit: UnitRef | null;
  reportedAt: string;
  minutesSinceReport: number;
  linkedTickets: number;
  acknowledged: boolean;
  acknowledgedBy: (Person & { at: string })[];
  firstAcknowledgedAt: string | null;
  escalation: {
    round: number;
    link: {
      index: number;
      target: string;
      targetLabel: Label;
      recipients: Person[];
      notifiedAt: string;
      ackDueAt: string;
    } | null;
    overdue: boolean;
    exhausted: boolean;
    nextAt: string | null;
  };
  version: number;
}

export interface BoardFeed {
  asOf: string;
  pollSeconds: number;
  scope: 'all' | 'units';
  counts: { open: number; unacknowledged: number; byLevel: Record<IncidentLevel, number> };
  items: IncidentItem[];
}

export interface IncidentNotice {
  id: number;
  round: number;
  linkIndex: number;
  target: string;
  targetLabel: Label;
  unit: UnitRef | null;
  via: string | null;
  recipients: Person[];
  dueAt: string;
  notifiedAt: string | null;
  ackDueAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: Person | null;
  drill: boolean;
}

export interface IncidentDetail extends IncidentItem {
  description: string | null;
  source: string;
  sourceLabel: Label;
  sourceTicketId: number | null;
  facts: { key: string; label: Label; value: number }[];
  reportingUnit: UnitRef | null;
  times: {
    reportedAt: string;
    confirmedAt: string | null;
    respondingAt: string | null;
    containedAt: string | null;
    closedAt: string | null;
    firstAcknowledgedAt: string | null;
  };
  notices: IncidentNotice[];
  acknowledgements: (Person & { noticeId: number; at: string; note: string | null })[];
  tickets: {
    id: number;
    number: string;
    title: string;
    state: string;
    stateLabel: Label;
    receivedAt: string;
    linkedAt: string;
  }[];
  availableActions: IncidentAction[];
  actionLabels: Partial<Record<IncidentAction, Label>>;
}

export interface IncidentTimelineItem {
  seq: number;
  action: string;
  actionLabel: Label;
  fromStatus: string | null;
  toStatus: string | null;
  at: string;
  actor: { role: string; name: string | null; unit: UnitRef | null };
  reason: string | null;
  data: Record<string, unknown>;
}

export interface IncidentReference {
  levels: { code: IncidentLevel; label: Label }[];
}

/** GET /api/duty/now (src/http/routes/emergency-duty.ts) */
export interface DutyHolder {
  shiftId: number;
  user: { id: number; name: string; username: string };
  startsAt: string;
  endsAt: string;
}

export interface DutyNow {
  unit: UnitRef;
  at: string;
  primary: DutyHolder | null;
  deputy: DutyHolder | null;
  leader: DutyHolder | null;
  onDuty: (DutyHolder & { via: 'primary' | 'deputy' }) | null;
  /** no officer on the primary post now */
  gap: boolean;
}

export interface RosterShift {
  id: number;
  unit: UnitRef;
  post: DutyPost;
  postLabel: Label;
  user: Person;
  startsAt: string;
  endsAt: string;
  note: string | null;
}

/** GET /api/duty/shifts: the shifts of the range with its gaps and overlaps */
export interface RosterFeed {
  from: string;
  to: string;
  items: RosterShift[];
  gaps: {
    unit: UnitRef;
    post: DutyPost;
    from: string;
    to: string;
    fallback: 'deputy' | 'deputy_partly' | 'next_link';
  }[];
  overlaps: { unit: UnitRef; post: DutyPost; shiftIds: [number, number]; from: string; to: string }[];
}
