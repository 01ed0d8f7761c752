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
import { setImmediate as nextTurn } from 'node:timers/promises';
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

/** A value in COPY's text format: \N for null, backslash escapes for the separators. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') {
    return v.indexOf('\\') < 0 && v.indexOf('\t') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0
      ? v
      : v.replace(SPECIAL, (c) => ESCAPES[c] ?? c);
  }
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return copyValue(JSON.stringify(v));
}

/** lines encoded between two turns of the event loop */
const ENCODE_SLICE = 500;

/**
 * The rows as COPY text, one line each; the columns' casts are what COPY's
 * input functions do anyway. It yields to the event loop every few hundred
 * lines: the batch before is being written meanwhile, and each of its
 * commands waits for a turn of the loop to be sent.
 */
export async function copyText<T>(columns: readonly Column<T>[], rows: readonly T[]): Promise<string> {
  const gets = columns.map((c) => c.get);
  const lines: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    if (r > 0 && r % ENCODE_SLICE === 0) await nextTurn();
    const row = rows[r] as T;
    let line = copyValue((gets[0] as Column<T>['get'])(row));
    for (let i = 1; i < gets.length; i++) line += `\t${copyValue((gets[i] as Column<T>['get'])(row))}`;
    lines[r] = line;
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

interface TableCopy {
  statement: string;
  text: string;
}

/** One batch, encoded and ready to send. */
export interface CopyBatch {
  tables: TableCopy[];
  prefix: string;
  days: string[];
  lasts: number[];
  progress: BatchProgress;
}

async function tableCopy<T>(
  table: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
): Promise<TableCopy> {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  return { statement: `copy ${table} (${names}) from stdin`, text: await copyText(columns, rows) };
}

export async function encodeCopyBatch(
  tickets: readonly ReplayedTicket[],
  prefix: string,
  counters: ReadonlyMap<string, number>,
  progress: BatchProgress,
): Promise<CopyBatch> {
  const rows = batchRows(tickets);
  const days = [...counters.keys()];
  const tables = [
    await tableCopy('tickets', TICKET_COLUMNS, rows.tickets),
    await tableCopy('ticket_events', EVENT_COLUMNS, rows.events),
    await tableCopy('ticket_units', UNIT_COLUMNS, rows.units),
    await tableCopy('callbacks', CALLBACK_COLUMNS, rows.callbacks),
    await tableCopy('ticket_cards', CARD_COLUMNS, rows.cards),
  ];
  return {
    tables: tables.filter((t) => t.text !== ''),
    prefix,
    days,
    lasts: days.map((d) => counters.get(d) ?? 0),
    progress,
  };
}

async function copyInto(client: pg.PoolClient, t: TableCopy): Promise<void> {
  await pipeline(Readable.from([t.text]), client.query(copyFrom(t.statement)));
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
