/**
 * Kysely types of the assessment 考核 aggregates and the district profile,
 * in step with migration 2026-11-27T0200-assessment. Spread into `Database`
 * in ./schema.ts.
 */
import type { ColumnType, Generated } from 'kysely';

type DateString = ColumnType<string, string, string>;
type Count = ColumnType<number, number | undefined, number>;

export interface AssessmentQueueTable {
  seq: Generated<number>;
  ticket_id: number;
}

/** A ticket's current contribution to every cube. */
export interface AssessmentFactsTable {
  ticket_id: number;
  received_day: DateString;
  received_hour: number;
  type: string;
  channel: string;
  /** 0 when the ticket has no category */
  category_id: number;
  /** '' when unknown */
  township_code: string;
  area_code: string;
  unit_id: number | null;
  /** Beijing day of the callback; null while the ticket has none (or no main unit) */
  callback_day: DateString | null;
  exempt: boolean;
  responded: boolean;
  reached: boolean;
  resolved: boolean | null;
  satisfaction: string | null;
  late_reply: boolean;
  sign_s: number | null;
  contact_s: number | null;
  reply_s: number | null;
}

export interface AssessmentCardFactsTable {
  ticket_id: number;
  day: DateString;
  unit_id: number;
  clock: string;
  colour: string;
}

export interface AssessmentMeasureColumns {
  tickets: Count;
  exempt: Count;
  responded: Count;
  reached: Count;
  resolved: Count;
  unresolved: Count;
  satisfied: Count;
  basically_satisfied: Count;
  unsatisfied: Count;
}

export interface AssessmentUnitDaysTable extends AssessmentMeasureColumns {
  day: DateString;
  unit_id: number;
  late_reply: Count;
  sign_n: Count;
  sign_s: Count;
  contact_n: Count;
  contact_s: Count;
  reply_n: Count;
  reply_s: Count;
}

export interface AssessmentUnitMonthsTable extends Omit<AssessmentUnitDaysTable, 'day'> {
  month: DateString;
}

export interface AssessmentAreaMonthsTable extends AssessmentMeasureColumns {
  month: DateString;
  township_code: string;
}

export interface AssessmentCardDaysTable {
  day: DateString;
  unit_id: number;
  clock: string;
  colour: string;
  n: Count;
}

export interface AssessmentVolumeDaysTable {
  dim: string;
  day: DateString;
  key: string;
  n: Count;
}

/** 区情指标 A published indicator of the district profile (open data). */
export interface ProfileIndicatorsTable {
  code: string;
  name_zh: string;
  name_en: string;
  value: number;
  unit_zh: string;
  unit_en: string;
  source: string;
  source_url: string | null;
  as_of: DateString;
  sort: Count;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AssessmentTables {
  assessment_queue: AssessmentQueueTable;
  assessment_facts: AssessmentFactsTable;
  assessment_card_facts: AssessmentCardFactsTable;
  assessment_unit_days: AssessmentUnitDaysTable;
  assessment_unit_months: AssessmentUnitMonthsTable;
  assessment_area_months: AssessmentAreaMonthsTable;
  assessment_card_days: AssessmentCardDaysTable;
  assessment_volume_days: AssessmentVolumeDaysTable;
  profile_indicators: ProfileIndicatorsTable;
}
