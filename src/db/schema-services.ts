/**
 * Kysely types of 全程网办 online services, in step with migration
 * 2026-11-28T0500-online-services. Spread into `Database` in ./schema.ts.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: node-postgres parses it on read; we always write JSON text. */
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** 事项 A service matter; its guide lives in versions. */
export interface ServiceMattersTable {
  id: Generated<number>;
  code: string;
  current_version: number;
  active: Generated<boolean>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

/** 办事指南版本 One immutable version of a matter's guide and form. */
export interface ServiceMatterVersionsTable {
  matter_id: number;
  version: number;
  name: string;
  name_en: string;
  type: string;
  department_id: number;
  legal_days: number;
  promised_days: number;
  accept_days: number;
  visits: number;
  fee_yuan: ColumnType<number, number | undefined, number>;
  guide: Json<unknown>;
  form_schema: Json<unknown>;
  note: Nullable<string>;
  created_by: Nullable<number>;
  created_at: TimestampDefault;
}

/** 代办授权 A villager's authorisation of a village agent for one matter, until a date. */
export interface ServiceAuthorisationsTable {
  id: Generated<number>;
  agent_user_id: number;
  matter_id: number;
  villager_name_enc: string;
  villager_name_masked: string;
  villager_id_enc: Nullable<string>;
  villager_id_masked: Nullable<string>;
  villager_phone_enc: string;
  villager_phone_hash: string;
  villager_phone_masked: string;
  villager_phone_last4: string;
  villager_user_id: Nullable<number>;
  area_code: Nullable<string>;
  consent: string;
  note: Nullable<string>;
  valid_from: Timestamp;
  valid_until: Timestamp;
  created_at: Timestamp;
  withdrawn_at: NullableTimestamp;
  withdrawn_by: Nullable<string>;
  withdraw_reason: Nullable<string>;
}

/** Links sent to the villager by SMS: only the SHA-256 of the token is stored. */
export interface ServiceAuthorisationLinksTable {
  token_hash: string;
  authorisation_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** 办件 An application for a matter, filed by its applicant or by a village agent. */
export interface ServiceApplicationsTable {
  id: Generated<number>;
  number: string;
  matter_id: number;
  matter_version: number;
  department_id: number;
  status: string;
  applicant_user_id: Nullable<number>;
  filed_by_user_id: number;
  filed_by_role: string;
  authorisation_id: Nullable<number>;
  applicant_kind: string;
  applicant_name_enc: string;
  applicant_name_masked: string;
  applicant_id_enc: Nullable<string>;
  applicant_id_masked: Nullable<string>;
  applicant_phone_enc: Nullable<string>;
  applicant_phone_masked: Nullable<string>;
  /** the form's values, encrypted: they hold names, ID and passport numbers */
  form_enc: Nullable<string>;
  review_step: Generated<number>;
  /** 1 at the first submission, +1 at each resubmission after 补正 */
  submission_round: Generated<number>;
  correction: NullableJson<unknown>;
  decision_reason: Nullable<string>;
  first_submitted_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  accept_due_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  decision_due_at: NullableTimestamp;
  legal_due_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  certificate_due_at: NullableTimestamp;
  certified_at: NullableTimestamp;
  withdrawn_at: NullableTimestamp;
  working_days_used: Nullable<number>;
  on_time: Nullable<boolean>;
  card: Generated<string>;
  next_check_at: NullableTimestamp;
  event_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServiceApplicationEventsTable {
  id: Generated<number>;
  application_id: number;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: number | null;
  actor_role: string;
  actor_unit_id: number | null;
  at: Timestamp;
  reason: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  public: Generated<boolean>;
}

/** 申请材料 An uploaded file; its bytes are in the file store under its SHA-256. */
export interface ServiceApplicationFilesTable {
  id: Generated<number>;
  application_id: number;
  material_code: string;
  sha256: string;
  size: number;
  media_type: string;
  file_name: string;
  submission_round: number;
  uploaded_by_user_id: number | null;
  uploaded_at: Timestamp;
}

export interface ServiceApplicationWarningsTable {
  application_id: number;
  round: number;
  clock: string;
  colour: string;
  issued_at: Timestamp;
}

/** 电子证照 An electronic certificate with its verification code. */
export interface ServiceCertificatesTable {
  id: Generated<number>;
  application_id: number;
  number: string;
  code: string;
  department_id: number;
  matter_id: number;
  matter_version: number;
  holder_masked: string;
  content: Json<unknown>;
  pdf_sha256: string;
  pdf_size: number;
  issued_at: Timestamp;
  issued_by_user_id: number | null;
  revoked_at: NullableTimestamp;
}

/** 好差评 A rating of a completed application or a closed ticket. */
export interface ServiceRatingsTable {
  id: Generated<number>;
  subject_type: string;
  application_id: Nullable<number>;
  ticket_id: Nullable<number>;
  rater_key: string;
  rater_user_id: Nullable<number>;
  level: string;
  comment: Nullable<string>;
  unit_id: Nullable<number>;
  matter_id: Nullable<number>;
  rated_at: Timestamp;
  rectification: Generated<string>;
  rectification_ticket_id: Nullable<number>;
}

export interface ServiceTables {
  service_matters: ServiceMattersTable;
  service_matter_versions: ServiceMatterVersionsTable;
  service_authorisations: ServiceAuthorisationsTable;
  service_authorisation_links: ServiceAuthorisationLinksTable;
  service_applications: ServiceApplicationsTable;
  service_application_events: ServiceApplicationEventsTable;
  service_application_files: ServiceApplicationFilesTable;
  service_application_warnings: ServiceApplicationWarningsTable;
  service_certificates: ServiceCertificatesTable;
  service_ratings: ServiceRatingsTable;
}

export type MatterRow = Selectable<ServiceMattersTable>;
export type MatterVersionRow = Selectable<ServiceMatterVersionsTable>;
export type ApplicationRow = Selectable<ServiceApplicationsTable>;
export type ApplicationEventRow = Selectable<ServiceApplicationEventsTable>;
export type ApplicationFileRow = Selectable<ServiceApplicationFilesTable>;
export type AuthorisationRow = Selectable<ServiceAuthorisationsTable>;
export type CertificateRow = Selectable<ServiceCertificatesTable>;
export type RatingRow = Selectable<ServiceRatingsTable>;
