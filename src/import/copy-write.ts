/**
 * Writes one import batch on PostgreSQL with COPY FROM STDIN: the same rows
 * and columns as bulk-write.ts's statement, in one transaction per batch —
 * COPY into tickets, ticket_events, ticket_units, callbacks and
 * ticket_cards, then the number counters and the run's progress, then
 * COMMIT. COPY is PostgreSQL's cheapest way in: no giant array parameters
 * to parse and unnest. Keys, checks and triggers (the assessment queue's
 * change capture) fire as for any insert, and the transaction keeps a batch
 * all-or-nothing together with the offset a resume continues from.
 * PGlite has no COPY FROM STDIN through its node-postgres adapter; it keeps
 * the single INSERT … SELECT statement.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  type BatchProgress,
  batchRows,
  CALLBACK_COLUMNS,
  CARD_COLUMNS,
  type Column,
  EVENT_COLUMNS,
  outOfOrder,
  TICKET_COLUMNS,
  UNIT_COLUMNS,
} from './bulk-write.js';
import type { ReplayedTicket } from './replay.js';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;

/** Backslash escapes for COPY's separators; most text has none and is returned as is. */
function escapeText(v: string): string {
  return HAS_SPECIAL.test(v) ? v.replace(SPECIAL, (c) => ESCAPES[c] ?? c) : v;
}

/** A value in COPY's text format: \N for null, backslash escapes for the separators. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return copyValue(JSON.stringify(v));
}

type Encode = (v: unknown) => string;

/**
 * copyValue for a column of a known type: the usual value takes one test
 * instead of the chain (a batch is ~70 values a ticket), anything else falls
 * back to copyValue.
 */
const ENCODERS: Record<Column<unknown>['type'], Encode> = {
  text: (v) => (typeof v === 'string' ? escapeText(v) : copyValue(v)),
  jsonb: (v) => copyValue(v),
  timestamptz: (v) => (v instanceof Date ? v.toISOString() : copyValue(v)),
  bool: (v) => (v === true ? 't' : v === false ? 'f' : copyValue(v)),
  int: (v) => (typeof v === 'number' ? String(v) : copyValue(v)),
  bigint: (v) => (typeof v === 'number' ? String(v) : copyValue(v)),
  float8: (v) => (typeof v === 'number' ? String(v) : copyValue(v)),
};

/**
 * The rows as COPY text, one line each; the columns' casts are what COPY's
 * input functions do anyway. On the importing thread it pauses every few
 * hundred lines (`pause`): the batch before is being written meanwhile, and
 * each of its commands waits for a turn of the event loop to be sent.
 */
export async function copyText<T>(
  columns: readonly Column<T>[],
  rows: readonly T[],
  pause?: () => Promise<void>,
): Promise<string> {
  const gets = columns.map((c) => c.get);
  const encoders = columns.map((c) => ENCODERS[c.type]);
  const width = columns.length;
  const cells: string[] = new Array(width);
  let text = '';
  for (let r = 0; r < rows.length; r++) {
    if (pause && r > 0 && r % ENCODE_SLICE === 0) await pause();
    const row = rows[r] as T;
    for (let i = 0; i < width; i++) cells[i] = (encoders[i] as Encode)((gets[i] as Column<T>['get'])(row));
    text += `${cells.join('\t')}\n`;
  }
  return text;
}

/** lines encoded between two pauses */
const ENCODE_SLICE = 500;

/** One table's COPY of a batch. */
export interface TableCopy {
  statement: string;
  /**
   * The COPY text as UTF-8, in a buffer of its own: a worker thread hands it
   * over without a copy (a string crossing threads is copied, and was a
   * tenth of the importing thread's work), and it goes to the socket as is.
   */
  data: Uint8Array;
}

const utf8 = new TextEncoder();

/** One batch, encoded and ready to send. */
export interface CopyBatch {
  tables: TableCopy[];
  prefix: string;
  days: string[];
  lasts: number[];
  progress: BatchProgress;
}

const statement = (table: string, columns: readonly Column<never>[]) =>
  `copy ${table} (${columns.map((c) => `"${c.name}"`).join(', ')}) from stdin`;

/** The tables a batch fills, in the order they are written (tickets before the rows that point at them). */
const STATEMENTS = [
  statement('tickets', TICKET_COLUMNS),
  statement('ticket_events', EVENT_COLUMNS),
  statement('ticket_units', UNIT_COLUMNS),
  statement('callbacks', CALLBACK_COLUMNS),
  statement('ticket_cards', CARD_COLUMNS),
];

/**
 * The COPY text of some tickets, per table (in STATEMENTS' order). A worker
 * encodes a batch a slice at a time, as it replays it: the replayed rows die
 * young instead of living through the whole batch into the old generation.
 */
export async function copyTexts(
  tickets: readonly ReplayedTicket[],
  pause?: () => Promise<void>,
): Promise<string[]> {
  const rows = batchRows(tickets);
  return [
    await copyText(TICKET_COLUMNS, rows.tickets, pause),
    await copyText(EVENT_COLUMNS, rows.events, pause),
    await copyText(UNIT_COLUMNS, rows.units, pause),
    await copyText(CALLBACK_COLUMNS, rows.callbacks, pause),
    await copyText(CARD_COLUMNS, rows.cards, pause),
  ];
}

/** The COPY of each table from its texts (slices of a batch, in order); tables without rows left out. */
export function tableCopies(texts: readonly (readonly string[])[]): TableCopy[] {
  return STATEMENTS.map((st, i) => ({ statement: st, data: utf8.encode((texts[i] ?? []).join('')) })).filter(
    (t) => t.data.length > 0,
  );
}

export function copyBatch(
  tables: TableCopy[],
  prefix: string,
  counters: ReadonlyMap<string, number>,
  progress: BatchProgress,
): CopyBatch {
  const days = [...counters.keys()];
  return { tables, prefix, days, lasts: days.map((d) => counters.get(d) ?? 0), progress };
}

async function copyInto(client: pg.PoolClient, t: TableCopy): Promise<void> {
  const chunk = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.length);
  await pipeline(Readable.from([chunk]), client.query(copyFrom(t.statement)));
}

/**
 * Writes the batch's rows, number counters and run progress on a connection
 * already in a transaction (the batch's own, or an initial load's). The
 * progress update matches only if the run's offset is still where the batch
 * before this one left it (as bulk-write.ts's statement), so a batch never
 * lands after a failed predecessor.
 */
export async function writeCopyBatch(client: pg.PoolClient, b: CopyBatch): Promise<void> {
  for (const t of b.tables) await copyInto(client, t);
  if (b.days.length > 0) {
    await client.query(
      `insert into ticket_number_counters (prefix, day, last)
       select $1, d::date, l from unnest($2::text[], $3::int[]) as x(d, l)
       on conflict (prefix, day) do update set last = greatest(ticket_number_counters.last, excluded.last)`,
      [b.prefix, b.days, b.lasts],
    );
  }
  const p = b.progress;
  const r = await client.query(
    `update import_runs set committed_offset = $1, committed_line = $2, imported = imported + $3,
       rejected = rejected + $4, rejects_size = $5, updated_at = $6
     where id = $7 and committed_offset = $8`,
    [p.offset, p.line, p.imported, p.rejected, p.rejectsSize, p.at, p.runId, p.after],
  );
  if (r.rowCount !== 1) throw outOfOrder(p.runId);
}

/** Sends the batch in a transaction of its own, committed with the run's new offset. */
export async function sendCopyBatch(pool: pg.Pool, b: CopyBatch): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    try {
      await writeCopyBatch(client, b);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch((e: unknown) => {
        broken = e as Error;
      });
      throw err;
    }
  } finally {
    // A connection that could not even roll back is not handed to anyone else.
    client.release(broken);
  }
}
