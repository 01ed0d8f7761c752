/**
 * The rows of an import batch per table and column (shared with
 * copy-write.ts, the PostgreSQL path), and the PGlite path: writing one
 * batch — tickets, events, ticket_units, callbacks, cards, number counters
 * and the run's progress — in ONE statement: each table gets
 * an `insert … select … from unnest($1::type[], …)` with one array per
 * column, chained as data-modifying CTEs (the demo seed's technique, whose
 * array encoder it reuses). One statement is one round trip and atomic on its
 * own, so a batch is in entirely or not at all, together with the offset a
 * resume continues from; and the same SQL runs on PGlite and PostgreSQL.
 * Foreign keys are checked at the end of the statement, when every CTE ran.
 */
import { type CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { TicketRow } from '../db/schema.js';
import { indexText, indexWords } from '../nlp/search-terms.js';
import { arrayLiteral } from '../seed/demo/bulk-insert.js';
import type { ReplayedTicket } from './replay.js';

type PgType = 'bigint' | 'int' | 'text' | 'bool' | 'float8' | 'timestamptz' | 'jsonb';
/** a column's type as COPY's binary format sends it (copy-binary.ts) */
export type BinaryType = PgType | 'text[]' | 'tsvector';

export interface Column<T> {
  name: string;
  type: PgType;
  get: (row: T) => unknown;
  /** applied to the unnested value, for types unnest cannot carry (arrays of arrays) */
  cast?: string;
  /** for a column that travels as text and is cast: its value for binary COPY, in the column's own type */
  binary?: { type: BinaryType; get: (row: T) => unknown };
}

function col<T>(
  name: string,
  type: PgType,
  get: (row: T) => unknown,
  cast?: string,
  binary?: Column<T>['binary'],
): Column<T> {
  return { name, type, get, cast, binary };
}

/** A text[] value as an array literal, to travel as one text element and be cast back. */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export const TICKET_COLUMNS: readonly Column<TicketRow>[] = [
  col('id', 'bigint', (t) => t.id),
  col('number', 'text', (t) => t.number),
  col('channel', 'text', (t) => t.channel),
  col('type', 'text', (t) => t.type),
  col('urgency', 'text', (t) => t.urgency),
  col('complex', 'bool', (t) => t.complex),
  col('state', 'text', (t) => t.state),
  col('title', 'text', (t) => t.title),
  col('description', 'text', (t) => t.description),
  col('category_id', 'int', (t) => t.category_id),
  col('area_code', 'text', (t) => t.area_code),
  col('township_code', 'text', (t) => t.township_code),
  col('address', 'text', (t) => t.address),
  col('lat', 'float8', (t) => t.lat),
  col('lng', 'float8', (t) => t.lng),
  col('attributes', 'jsonb', (t) => JSON.stringify(t.attributes)),
  col('media_urls', 'text', (t) => textArray(t.media_urls), 'text[]', {
    type: 'text[]',
    get: (t) => t.media_urls,
  }),
  col('anonymous', 'bool', (t) => t.anonymous),
  col('citizen_name_enc', 'text', (t) => t.citizen_name_enc),
  col('citizen_name_masked', 'text', (t) => t.citizen_name_masked),
  col('citizen_phone_enc', 'text', (t) => t.citizen_phone_enc),
  col('citizen_phone_hash', 'text', (t) => t.citizen_phone_hash),
  col('citizen_phone_masked', 'text', (t) => t.citizen_phone_masked),
  col('citizen_phone_last4', 'text', (t) => t.citizen_phone_last4),
  col('suggested_unit_id', 'int', (t) => t.suggested_unit_id),
  col('main_unit_id', 'int', (t) => t.main_unit_id),
  col('policy_code', 'text', (t) => t.policy_code),
  col('dispatch_round', 'int', (t) => t.dispatch_round),
  col('received_at', 'timestamptz', (t) => t.received_at),
  col('dispatched_at', 'timestamptz', (t) => t.dispatched_at),
  col('sign_due_at', 'timestamptz', (t) => t.sign_due_at),
  col('signed_at', 'timestamptz', (t) => t.signed_at),
  col('response_due_at', 'timestamptz', (t) => t.response_due_at),
  col('first_contact_at', 'timestamptz', (t) => t.first_contact_at),
  col('reply_due_at', 'timestamptz', (t) => t.reply_due_at),
  col('replied_at', 'timestamptz', (t) => t.replied_at),
  col('return_due_at', 'timestamptz', (t) => t.return_due_at),
  col('callback_due_at', 'timestamptz', (t) => t.callback_due_at),
  col('closed_at', 'timestamptz', (t) => t.closed_at),
  col('extension_requested_until', 'timestamptz', (t) => t.extension_requested_until),
  col('supervised', 'bool', (t) => t.supervised),
  col('exempt', 'bool', (t) => t.exempt),
  col('merged_into_id', 'bigint', (t) => t.merged_into_id),
  col('card', 'text', (t) => t.card),
  col('reply_text', 'text', (t) => t.reply_text),
  col('callback_at', 'timestamptz', (t) => t.callback_at),
  col('callback_reached', 'bool', (t) => t.callback_reached),
  col('callback_resolved', 'bool', (t) => t.callback_resolved),
  col('callback_satisfaction', 'text', (t) => t.callback_satisfaction),
  col('reopen_count', 'int', (t) => t.reopen_count),
  col('event_count', 'int', (t) => t.event_count),
  col('last_event_hash', 'text', (t) => t.last_event_hash),
  col('search_text', 'text', (t) => t.search_text),
  // the word index a live intake writes: an imported ticket is found by words at once
  col('search_vector', 'text', (t) => indexText(t.title, t.description).searchVector, 'tsvector', {
    type: 'tsvector',
    get: (t) => indexWords(t.title, t.description),
  }),
  col('next_check_at', 'timestamptz', (t) => t.next_check_at),
  col('created_at', 'timestamptz', (t) => t.created_at),
  col('updated_at', 'timestamptz', (t) => t.updated_at),
];

type Owned<T> = T & { ticketId: number };
type EventOf = ReplayedTicket['events'][number];
type UnitOf = Owned<ReplayedTicket['units'][number]>;
type CallbackOf = Owned<ReplayedTicket['callbacks'][number]>;
type CardOf = Owned<ReplayedTicket['cards'][number]>;

/** A batch's rows per table, the child rows carrying their ticket's id. */
export interface BatchRows {
  tickets: TicketRow[];
  events: EventOf[];
  units: UnitOf[];
  callbacks: CallbackOf[];
  cards: CardOf[];
}

export function batchRows(tickets: readonly ReplayedTicket[]): BatchRows {
  const out: BatchRows = { tickets: [], events: [], units: [], callbacks: [], cards: [] };
  for (const t of tickets) {
    const ticketId = t.row.id;
    out.tickets.push(t.row);
    for (const e of t.events) out.events.push(e);
    for (const u of t.units) out.units.push({ ...u, ticketId });
    for (const c of t.callbacks) out.callbacks.push({ ...c, ticketId });
    for (const c of t.cards) out.cards.push({ ...c, ticketId });
  }
  return out;
}

export const EVENT_COLUMNS: readonly Column<EventOf>[] = [
  col('ticket_id', 'bigint', (e) => e.ticketId),
  col('seq', 'int', (e) => e.seq),
  col('action', 'text', (e) => e.action),
  col('from_state', 'text', (e) => e.fromState),
  col('to_state', 'text', (e) => e.toState),
  col('actor_user_id', 'int', (e) => e.actorUserId),
  col('actor_role', 'text', (e) => e.actorRole),
  col('actor_unit_id', 'int', (e) => e.actorUnitId),
  col('at', 'timestamptz', (e) => e.at),
  col('reason', 'text', (e) => e.reason),
  col('data', 'jsonb', (e) => JSON.stringify(e.data)),
  col('public', 'bool', (e) => e.public),
  col('hash', 'text', (e) => e.hash),
];

export const UNIT_COLUMNS: readonly Column<UnitOf>[] = [
  col('ticket_id', 'bigint', (u) => u.ticketId),
  col('unit_id', 'int', (u) => u.unitId),
  col('round', 'int', (u) => u.round),
  col('role', 'text', (u) => u.role),
  col('assigned_at', 'timestamptz', (u) => u.assignedAt),
  col('signed_at', 'timestamptz', (u) => u.signedAt),
  col('replied_at', 'timestamptz', (u) => u.repliedAt),
  col('reply_text', 'text', (u) => u.replyText),
  col('active', 'bool', (u) => u.active),
];

export const CALLBACK_COLUMNS: readonly Column<CallbackOf>[] = [
  col('ticket_id', 'bigint', (c) => c.ticketId),
  col('round', 'int', (c) => c.round),
  col('at', 'timestamptz', (c) => c.at),
  col('via', 'text', (c) => c.via),
  col('reached', 'bool', (c) => c.reached),
  col('resolved', 'bool', (c) => c.resolved),
  col('satisfaction', 'text', (c) => c.satisfaction),
  col('comment', 'text', (c) => c.comment),
];

export const CARD_COLUMNS: readonly Column<CardOf>[] = [
  col('ticket_id', 'bigint', (c) => c.ticketId),
  col('round', 'int', (c) => c.round),
  col('clock', 'text', (c) => c.clock),
  col('colour', 'text', (c) => c.colour),
  col('issued_at', 'timestamptz', (c) => c.issuedAt),
  col('unit_id', 'int', (c) => c.unitId),
];

function insertFrom<T>(
  table: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
): RawBuilder<unknown> {
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  const arrays = sql.join(
    columns.map((c) => sql`${arrayLiteral(rows.map(c.get), c.type)}::${sql.raw(c.type)}[]`),
  );
  const aliases = sql.raw(columns.map((_, i) => `c${i}`).join(', '));
  const picks = sql.raw(columns.map((c, i) => (c.cast ? `c${i}::${c.cast}` : `c${i}`)).join(', '));
  return sql`insert into ${sql.table(table)} (${names}) select ${picks} from unnest(${arrays}) as x(${aliases})`;
}

export interface BatchProgress {
  runId: number;
  /** the offset the batch before this one committed: the batch commits only after it */
  after: number;
  /** byte offset and line after the batch's last record */
  offset: number;
  line: number;
  imported: number;
  rejected: number;
  rejectsSize: number;
  at: Date;
}

/**
 * The statement for one batch. `counters` is the highest daily sequence the
 * batch used per Beijing day, so generated numbers never collide with them.
 */
export function batchStatement(
  tickets: readonly ReplayedTicket[],
  prefix: string,
  counters: ReadonlyMap<string, number>,
  progress: BatchProgress,
): RawBuilder<unknown> {
  const { events, units, callbacks, cards } = batchRows(tickets);
  const days = [...counters.keys()];
  const lasts = days.map((d) => counters.get(d));
  const p = progress;
  return sql`
    with t as (${insertFrom(
      'tickets',
      TICKET_COLUMNS,
      tickets.map((x) => x.row),
    )}),
    e as (${insertFrom('ticket_events', EVENT_COLUMNS, events)}),
    u as (${insertFrom('ticket_units', UNIT_COLUMNS, units)}),
    c as (${insertFrom('callbacks', CALLBACK_COLUMNS, callbacks)}),
    k as (${insertFrom('ticket_cards', CARD_COLUMNS, cards)}),
    n as (
      insert into ticket_number_counters (prefix, day, last)
      select ${prefix}, d::date, l
      from unnest(${arrayLiteral(days, 'text')}::text[], ${arrayLiteral(lasts, 'int')}::int[]) as x(d, l)
      on conflict (prefix, day) do update set last = greatest(ticket_number_counters.last, excluded.last)
    ),
    r as (
      update import_runs set
        committed_offset = ${p.offset}, committed_line = ${p.line},
        imported = imported + ${p.imported}, rejected = rejected + ${p.rejected},
        rejects_size = ${p.rejectsSize}, updated_at = ${p.at}
      where id = ${p.runId} and committed_offset = ${p.after}
      returning 1
    )
    select 1 / (select count(*)::int from r) as committed_in_order`;
}

/** The error a batch fails with when the one before it did not commit. */
export function outOfOrder(runId: number): Error {
  return new Error(
    `import run ${runId}: the batch before this one did not commit; nothing of this batch was written`,
  );
}

/**
 * Inserts the batch (one statement: atomic on its own, one round trip). The
 * statement divides by zero, and so writes nothing, unless the run's offset
 * is still where the batch before this one left it: a batch never commits
 * after a failed predecessor, so a resume never skips rows. The statement is
 * compiled by the caller (`batchStatement(…).compile(db)`), so that encoding
 * a batch can overlap the write of the one before.
 */
export async function sendBatch(db: Executor, statement: CompiledQuery, runId: number): Promise<void> {
  try {
    await db.executeQuery(statement);
  } catch (err) {
    if ((err as { code?: unknown }).code === '22012') throw outOfOrder(runId);
    throw err;
  }
}
