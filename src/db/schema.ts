/**
 * Kysely table types, by hand, in step with the migrations. Column types say
 * what a SELECT returns and what an INSERT/UPDATE accepts.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AssessmentTables } from './schema-assessment.js';
import type { EmergencyTables } from './schema-emergency.js';
import type { ImportTables } from './schema-import.js';
import type { IntakeTables } from './schema-intake.js';
import type { ServiceTables } from './schema-services.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: node-postgres parses it on read; we always write JSON text. */
type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
/** `date` columns are returned as 'YYYY-MM-DD' strings (see the type parser in database.ts). */
type DateString = ColumnType<string, string, string>;

export interface AreasTable {
  code: string;
  name: string;
  short_name: string;
  level: string;
  parent_code: string | null;
  township_code: string | null;
  lat: number | null;
  lng: number | null;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
}

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  short_name: string;
  peer_group: string;
  parent_id: number | null;
  path: string;
  phone: string | null;
  active: Generated<boolean>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface UnitAreasTable {
  unit_id: number;
  area_code: string;
}

export interface DeadlinePoliciesTable {
  code: string;
  name: string;
  name_en: string;
  mode: string;
  sign: string;
  response: string;
  reply: string;
  reply_complex: string | null;
  return_window: string;
  callback: string;
  yellow_at: Generated<number>;
  updated_at: TimestampDefault;
}

export interface CategoriesTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  parent_id: number | null;
  level: number;
  description: Generated<string>;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  policy_code: string | null;
  utility_outage: Generated<boolean>;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface AttributeValue {
  key: string;
  name: string;
}

export interface CategoryAttributesTable {
  id: Generated<number>;
  category_id: number;
  code: string;
  datatype: string;
  required: Generated<boolean>;
  variable: Generated<boolean>;
  description: string;
  description_en: Generated<string>;
  datatype_description: string | null;
  sort: Generated<number>;
  values: JsonDefault<AttributeValue[]>;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  category_id: number | null;
  area_code: string | null;
  unit_id: number | null;
  to_township: Generated<boolean>;
  priority: Generated<number>;
  note: string | null;
}

export interface CalendarDaysTable {
  date: DateString;
  kind: string;
  name: Generated<string>;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: TimestampDefault;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_id: number | null;
  phone_enc: string | null;
  email: string | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
  password_changed_at: TimestampDefault;
  last_login_at: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: TimestampDefault;
  last_seen_at: TimestampDefault;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_by: number | null;
  created_at: TimestampDefault;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  resource_type: string | null;
  resource_id: number | null;
  status_code: number | null;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: TimestampDefault;
}

export interface TicketNumberCountersTable {
  prefix: string;
  day: DateString;
  last: number;
}

export interface TicketsTable {
  id: Generated<number>;
  number: string;
  channel: string;
  type: string;
  urgency: Generated<string>;
  complex: Generated<boolean>;
  state: string;
  title: string;
  description: string;
  category_id: number | null;
  area_code: string | null;
  township_code: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  attributes: JsonDefault<Record<string, string | string[]>>;
  media_urls: ColumnType<string[], string[] | undefined, string[]>;
  anonymous: Generated<boolean>;
  citizen_name_enc: string | null;
  citizen_name_masked: string | null;
  citizen_phone_enc: string | null;
  citizen_phone_hash: string | null;
  citizen_phone_masked: string | null;
  citizen_phone_last4: string | null;
  citizen_user_id: number | null;
  main_unit_id: number | null;
  suggested_unit_id: ColumnType<number | null, number | null | undefined, number | null>;
  policy_code: string | null;
  dispatch_round: Generated<number>;
  received_at: Timestamp;
  dispatched_at: Timestamp | null;
  sign_due_at: Timestamp | null;
  signed_at: Timestamp | null;
  response_due_at: Timestamp | null;
  first_contact_at: Timestamp | null;
  reply_due_at: Timestamp | null;
  replied_at: Timestamp | null;
  return_due_at: Timestamp | null;
  callback_due_at: Timestamp | null;
  closed_at: Timestamp | null;
  extension_requested_until: Timestamp | null;
  supervised: Generated<boolean>;
  exempt: Generated<boolean>;
  merged_into_id: number | null;
  card: Generated<string>;
  reply_text: string | null;
  callback_at: Timestamp | null;
  callback_reached: boolean | null;
  callback_resolved: boolean | null;
  callback_satisfaction: string | null;
  reopen_count: Generated<number>;
  event_count: Generated<number>;
  last_event_hash: string | null;
  search_text: Generated<string>;
  /** when the deadline sweep must look at the ticket next; null while no clock runs */
  next_check_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface TicketUnitsTable {
  ticket_id: number;
  unit_id: number;
  round: number;
  role: string;
  assigned_at: Timestamp;
  signed_at: Timestamp | null;
  replied_at: Timestamp | null;
  reply_text: string | null;
  active: Generated<boolean>;
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: number;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: number | null;
  actor_role: string;
  actor_unit_id: number | null;
  at: Timestamp;
  reason: string | null;
  data: JsonDefault<Record<string, unknown>>;
  public: Generated<boolean>;
  hash: string;
}

export interface TicketCardsTable {
  ticket_id: number;
  round: number;
  clock: string;
  colour: string;
  issued_at: Timestamp;
  unit_id: number | null;
}

export interface CallbacksTable {
  id: Generated<number>;
  ticket_id: number;
  round: number;
  at: Timestamp;
  by_user_id: number | null;
  via: string;
  reached: boolean;
  resolved: boolean | null;
  satisfaction: string | null;
  comment: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: string;
  recipient: string;
  template: string;
  payload: JsonDefault<Record<string, unknown>>;
  dedupe_key: string | null;
  created_at: TimestampDefault;
  available_at: TimestampDefault;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Timestamp | null;
  failed_at: Timestamp | null;
  /** what the transport reported, or why nothing was sent */
  result: ColumnType<string | null, string | null | undefined, string | null>;
}

/** In-app messages 站内消息 for a unit, a role or a user. */
export interface NotificationsTable {
  id: Generated<number>;
  /** the outbox idempotency key: a message delivered twice is stored once */
  key: string;
  /** `unit:<id>`, `role:<role>` or `user:<id>` */
  recipient: string;
  template: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  payload: JsonDefault<Record<string, unknown>>;
  ticket_id: number | null;
  created_at: TimestampDefault;
  read_at: Timestamp | null;
}

/** One-time callback links 回访链接: only the SHA-256 of the token is stored. */
export interface CallbackLinksTable {
  token_hash: string;
  ticket_id: number;
  round: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: TimestampDefault;
  actor_user_id: number | null;
  actor_role: string;
  action: string;
  subject_type: string;
  subject_id: string;
  detail: JsonDefault<Record<string, unknown>>;
  ip: string | null;
}

/** What an Open311 POST carries beyond the ticket: key, batch token, account/device ids, e-mail (encrypted). */
export interface Open311RequestsTable {
  ticket_id: number;
  api_key_id: number | null;
  token: string | null;
  service_code: string;
  account_id: string | null;
  device_id: string | null;
  email_enc: string | null;
  created_at: TimestampDefault;
}

export interface Database
  extends AssessmentTables,
    ImportTables,
    ServiceTables,
    IntakeTables,
    EmergencyTables {
  areas: AreasTable;
  units: UnitsTable;
  unit_areas: UnitAreasTable;
  deadline_policies: DeadlinePoliciesTable;
  categories: CategoriesTable;
  category_attributes: CategoryAttributesTable;
  routing_rules: RoutingRulesTable;
  calendar_days: CalendarDaysTable;
  settings: SettingsTable;
  users: UsersTable;
  ticket_number_counters: TicketNumberCountersTable;
  tickets: TicketsTable;
  ticket_units: TicketUnitsTable;
  ticket_events: TicketEventsTable;
  ticket_cards: TicketCardsTable;
  callbacks: CallbacksTable;
  outbox: OutboxTable;
  notifications: NotificationsTable;
  callback_links: CallbackLinksTable;
  audit_log: AuditLogTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  open311_requests: Open311RequestsTable;
}

export type TicketRow = Selectable<TicketsTable>;
export type NewTicket = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type AreaRow = Selectable<AreasTable>;
export type PolicyRow = Selectable<DeadlinePoliciesTable>;
export type EventRow = Selectable<TicketEventsTable>;
export type UserRow = Selectable<UsersTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type CallbackLinkRow = Selectable<CallbackLinksTable>;
