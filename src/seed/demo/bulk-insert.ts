/**
 * Writes a batch of generated tickets with everything that belongs to them
 * (events, ticket_units, callbacks, cards, number counters) in ONE statement:
 * each table gets an `insert … select * from unnest($1::type[], …)` with one
 * array parameter per column, chained as data-modifying CTEs. One statement
 * is one round trip and atomic on its own, and the same SQL runs on PGlite
 * and PostgreSQL. Foreign keys hold because PostgreSQL checks them at the
 * end of the statement, when all the CTEs have run.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { TicketRow } from '../../db/schema.js';
import { indexText } from '../../nlp/search-terms.js';
import type { DemoCallback, DemoEvent, DemoTicketUnit, TicketHistory } from './history.js';
import type { DemoCard } from './sweep-mirror.js';

type PgType = 'bigint' | 'int' | 'text' | 'bool' | 'float8' | 'timestamptz' | 'jsonb' | 'date' | 'tsvector';

interface Column<T> {
  name: string;
  type: PgType;
  get: (row: T) => unknown;
}

/**
 * A PostgreSQL array literal of the values: text and jsonb elements quoted
 * (backslash-escaped only when they hold a quote or backslash), numbers,
 * booleans and ISO timestamps bare, null as NULL. Built by concatenation in
 * one pass: it runs for every value of every batch.
 */
export function arrayLiteral(values: readonly unknown[], type: PgType): string {
  const quoted = type === 'text' || type === 'jsonb' || type === 'tsvector';
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (quoted) {
      const s = typeof v === 'string' ? v : JSON.stringify(v);
      out += s.indexOf('"') < 0 && s.indexOf('\\') < 0 ? `"${s}"` : `"${s.replace(/["\\]/g, '\\$&')}"`;
    } else if (v instanceof Date) out += v.toISOString();
    else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else out += String(v);
  }
  return `${out}}`;
}

function col<T>(name: string, type: PgType, get: (row: T) => unknown): Column<T> {
  return { name, type, get };
}

/** Every ticket column a use case may set; media_urls and attributes keep their defaults. */
const TICKET_COLUMNS: readonly Column<TicketRow>[] = [
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
  // the word index a live intake writes, so a search finds demo tickets by words from the start
  col('search_vector', 'tsvector', (t) => indexText(t.title, t.description).searchVector),
  col('next_check_at', 'timestamptz', (t) => t.next_check_at),
  col('created_at', 'timestamptz', (t) => t.created_at),
  col('updated_at', 'timestamptz', (t) => t.updated_at),
];

const EVENT_COLUMNS: readonly Column<DemoEvent>[] = [
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

type Owned<T> = T & { ticketId: number };

const UNIT_COLUMNS: readonly Column<Owned<DemoTicketUnit>>[] = [
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

const CALLBACK_COLUMNS: readonly Column<Owned<DemoCallback>>[] = [
  col('ticket_id', 'bigint', (c) => c.ticketId),
  col('round', 'int', (c) => c.round),
  col('at', 'timestamptz', (c) => c.at),
  col('via', 'text', (c) => c.via),
  col('reached', 'bool', (c) => c.reached),
  col('resolved', 'bool', (c) => c.resolved),
  col('satisfaction', 'text', (c) => c.satisfaction),
  col('comment', 'text', (c) => c.comment),
];

const CARD_COLUMNS: readonly Column<Owned<DemoCard>>[] = [
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
  return sql`insert into ${sql.table(table)} (${names}) select * from unnest(${arrays})`;
}

export interface BatchCounts {
  tickets: number;
  events: number;
}

/** The one statement that inserts the batch; `counters` is the highest number used per Beijing day. */
export function batchStatement(
  histories: readonly TicketHistory[],
  prefix: string,
  counters: ReadonlyMap<string, number>,
): { statement: RawBuilder<unknown>; counts: BatchCounts } {
  const events: DemoEvent[] = [];
  const units: Owned<DemoTicketUnit>[] = [];
  const callbacks: Owned<DemoCallback>[] = [];
  const cards: Owned<DemoCard>[] = [];
  for (const h of histories) {
    const ticketId = h.row.id;
    for (const e of h.events) events.push(e);
    for (const u of h.units) units.push({ ...u, ticketId });
    for (const c of h.callbacks) callbacks.push({ ...c, ticketId });
    for (const c of h.cards) cards.push({ ...c, ticketId });
  }
  const days = [...counters.keys()];
  const lasts = days.map((d) => counters.get(d));
  const statement = sql`
    with t as (${insertFrom(
      'tickets',
      TICKET_COLUMNS,
      histories.map((h) => h.row),
    )}),
    e as (${insertFrom('ticket_events', EVENT_COLUMNS, events)}),
    u as (${insertFrom('ticket_units', UNIT_COLUMNS, units)}),
    c as (${insertFrom('callbacks', CALLBACK_COLUMNS, callbacks)}),
    k as (${insertFrom('ticket_cards', CARD_COLUMNS, cards)}),
    n as (
      insert into ticket_number_counters (prefix, day, last)
      select ${prefix}, d, l
      from unnest(${arrayLiteral(days, 'date')}::date[], ${arrayLiteral(lasts, 'int')}::int[]) as x(d, l)
      on conflict (prefix, day) do update set last = greatest(ticket_number_counters.last, excluded.last)
    )
    select 1`;
  return { statement, counts: { tickets: histories.length, events: events.length } };
}

/** Inserts the batch in one statement (atomic on its own, one round trip). */
export async function insertBatch(
  db: Executor,
  histories: readonly TicketHistory[],
  prefix: string,
  counters: ReadonlyMap<string, number>,
): Promise<BatchCounts> {
  const { statement, counts } = batchStatement(histories, prefix, counters);
  await statement.execute(db);
  return counts;
}

/**
 * Runs `work` the way pg_restore loads a dump: the foreign keys and plain
 * secondary indexes of `tables` set aside, the rows written, then the
 * indexes rebuilt and the foreign keys added back from their own
 * definitions (pg_get_indexdef, pg_get_constraintdef). Adding a foreign key
 * checks every row in one join, far cheaper than a trigger per inserted row;
 * building an index from all rows is far cheaper than inserting into it row
 * by row (the trigram index above all). Only inside a transaction, so a
 * failure leaves the schema exactly as it was; primary keys and unique
 * indexes stay, as other constraints rest on them.
 */
export async function bulkLoad<T>(
  trx: Executor,
  tables: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  if (!trx.isTransaction) throw new Error('bulkLoad needs a transaction');
  const relations = sql.join(tables.map((t) => sql`${t}::regclass`));
  const foreignKeys = await sql<{ name: string; relation: string; definition: string }>`
    select quote_ident(conname) as name, conrelid::regclass::text as relation, pg_get_constraintdef(oid) as definition
    from pg_constraint where contype = 'f' and conrelid in (${relations})
    order by conrelid::regclass::text, conname`.execute(trx);
  const indexes = await sql<{ name: string; definition: string }>`
    select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where i.indrelid in (${relations}) and not i.indisunique and not i.indisprimary
    order by c.relname`.execute(trx);
  for (const fk of foreignKeys.rows) {
    await sql.raw(`alter table ${fk.relation} drop constraint ${fk.name}`).execute(trx);
  }
  for (const index of indexes.rows) await sql.raw(`drop index ${index.name}`).execute(trx);
  const result = await work();
  for (const index of indexes.rows) await sql.raw(index.definition).execute(trx);
  for (const fk of foreignKeys.rows) {
    await sql.raw(`alter table ${fk.relation} add constraint ${fk.name} ${fk.definition}`).execute(trx);
  }
  return result;
}
