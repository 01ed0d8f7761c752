/**
 * The legacy interchange format 历史工单交换格式 of `jiesu import` and
 * `jiesu export` (docs/import-format.md): one ticket per JSONL line, or one
 * per CSV row with the same keys as columns. This file holds the field list,
 * the shape a validated row takes, and the rejected-row issue.
 */
import type { Clock } from '../domain/decide.js';
import type { TicketAction } from '../domain/transitions.js';
import type { Channel, RequestType, Role, Satisfaction, TicketState, Urgency } from '../domain/vocabulary.js';

export type ImportFormat = 'jsonl' | 'csv';

/** Every top-level key, in the order export writes them (and the CSV column order). */
export const FIELDS = [
  'number',
  'received_at',
  'channel',
  'type',
  'urgency',
  'complex',
  'title',
  'description',
  'category',
  'area',
  'address',
  'lat',
  'lng',
  'anonymous',
  'citizen_name',
  'citizen_phone',
  'attributes',
  'media_urls',
  'policy',
  'main_unit',
  'co_units',
  'sign_due_at',
  'response_due_at',
  'reply_due_at',
  'return_due_at',
  'callback_due_at',
  'state',
  'history',
] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_SET: ReadonlySet<string> = new Set(FIELDS);

/** The deadlines a row may carry for its last dispatch round instead of the policy's. */
export const DEADLINE_FIELDS = [
  'sign_due_at',
  'response_due_at',
  'reply_due_at',
  'return_due_at',
  'callback_due_at',
] as const;
export type DeadlineField = (typeof DEADLINE_FIELDS)[number];

/** Keys an action object may have. */
export const ACTION_KEYS: ReadonlySet<string> = new Set([
  'action',
  'at',
  'actor_role',
  'unit',
  'reason',
  'data',
]);

/** One step of the handling history, validated and resolved to ids. */
export interface ImportAction {
  /** position in the row's history list, for the rejects report */
  index: number;
  action: TicketAction;
  at: Date;
  role: Role;
  /** the acting unit: a unit id, null for "no unit", undefined for the default of the role */
  unitId: number | null | undefined;
  reason: string | undefined;
  /** dispatch: the units it sends to */
  mainUnitId?: number;
  coUnitIds?: number[];
  /** return: the unit the handler suggests; request/add co-unit: the units */
  suggestedUnitId?: number;
  unitIds?: number[];
  /** request/approve extension */
  until?: Date;
  /** callback */
  reached?: boolean;
  resolved?: boolean;
  satisfaction?: Satisfaction;
  via?: 'phone' | 'link' | 'import';
  /** merge: the ticket number of the target */
  target?: string;
  /** cards */
  clock?: Clock;
  /** supervise by the system (the sweep's automatic supervision) */
  automatic?: boolean;
}

/** A row that passed field validation, with references resolved; the history is checked by replay. */
export interface ImportTicket {
  number: string | null;
  receivedAt: Date;
  channel: Channel;
  type: RequestType;
  urgency: Urgency;
  complex: boolean;
  title: string | null;
  description: string;
  categoryId: number | null;
  areaCode: string | null;
  townshipCode: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  anonymous: boolean;
  citizenName: string | null;
  citizenPhone: string | null;
  attributes: Record<string, string | string[]>;
  mediaUrls: string[];
  policyCode: string | null;
  /** the final main unit and co-units, when the row states them (checked against the replay) */
  mainUnitId: number | null | undefined;
  coUnitIds: number[] | undefined;
  deadlines: Partial<Record<DeadlineField, Date>>;
  state: TicketState;
  /** who took the request (an `intake` entry first in the history); default: the import itself */
  intake: { role: Role; unitId: number | null; at: Date } | null;
  history: ImportAction[];
}

/** Why a row was rejected, in both languages. */
export interface RowIssue {
  /** the field, e.g. `received_at` or `history[3].at` */
  field: string;
  code: string;
  zh: string;
  en: string;
}

/** One line of the rejects report. */
export interface RejectedRow {
  line: number;
  number: string | null;
  reasons: RowIssue[];
  /** the record as read (lossy for bytes that are not UTF-8) */
  raw: string;
}
