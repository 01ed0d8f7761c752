/**
 * Kysely types of emergency response 应急, in step with migration
 * 2026-11-30T0900-emergency. Spread into `Database` in ./schema.ts.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
type Json<T> = ColumnType<T, string, string>;
type IntArray = ColumnType<number[], number[] | undefined, number[]>;

export interface StoredChainLink {
  target: string;
  ackMinutes: number;
}

export interface EscalationPoliciesTable {
  level: string;
  links: Json<StoredChainLink[]>;
  updated_at: TimestampDefault;
  updated_by: number | null;
}

export interface IncidentsTable {
  id: Generated<number>;
  number: string | null;
  type: string;
  level: string;
  status: string;
  drill: Generated<boolean>;
  source: string;
  source_ticket_id: number | null;
  title: string;
  description: Generated<string>;
  facts: JsonDefault<Record<string, number>>;
  area_code: string | null;
  township_code: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  lead_unit_id: number | null;
  reporting_unit_id: number | null;
  involved_unit_ids: IntArray;
  notified_user_ids: IntArray;
  reported_by: number | null;
  reported_at: Timestamp;
  confirmed_at: Timestamp | null;
  responding_at: Timestamp | null;
  contained_at: Timestamp | null;
  closed_at: Timestamp | null;
  first_ack_at: Timestamp | null;
  first_ack_user_id: number | null;
  escalation_round: Generated<number>;
  round_started_at: Timestamp;
  escalation_chain: Json<StoredChainLink[]>;
  chain_exhausted_round: number | null;
  /** when the escalation sweep must look next; null once acknowledged, exhausted or closed */
  next_escalation_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  linked_ticket_count: Generated<number>;
  event_count: Generated<number>;
  last_event_hash: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface IncidentEventsTable {
  id: Generated<number>;
  incident_id: number;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: number | null;
  actor_role: string;
  actor_unit_id: number | null;
  at: Timestamp;
  reason: string | null;
  data: JsonDefault<Record<string, unknown>>;
  hash: string;
}

export interface IncidentTicketsTable {
  incident_id: number;
  ticket_id: number;
  linked_at: Timestamp;
  linked_by: number | null;
}

export interface DutyShiftsTable {
  id: Generated<number>;
  unit_id: number;
  post: string;
  user_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  note: string | null;
  created_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface IncidentNoticesTable {
  id: Generated<number>;
  incident_id: number;
  round: number;
  link_index: number;
  target: string;
  unit_id: number | null;
  recipient_user_ids: IntArray;
  /** how the recipients were found: primary, deputy, leader, unit_lead, supervisor, or none (a gap) */
  via: string;
  drill: Generated<boolean>;
  due_at: Timestamp;
  notified_at: Timestamp;
  ack_due_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: number | null;
}

export interface IncidentAcknowledgementsTable {
  id: Generated<number>;
  incident_id: number;
  notice_id: number;
  user_id: number;
  at: Timestamp;
  note: string | null;
}

export interface EmergencyTables {
  escalation_policies: EscalationPoliciesTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  incident_tickets: IncidentTicketsTable;
  duty_shifts: DutyShiftsTable;
  incident_notices: IncidentNoticesTable;
  incident_acknowledgements: IncidentAcknowledgementsTable;
}

export type IncidentRow = Selectable<IncidentsTable>;
export type IncidentEventRow = Selectable<IncidentEventsTable>;
export type IncidentNoticeRow = Selectable<IncidentNoticesTable>;
export type DutyShiftRow = Selectable<DutyShiftsTable>;
