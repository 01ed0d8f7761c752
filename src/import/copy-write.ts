/**
 * Writes one import batch on PostgreSQL with COPY FROM STDIN, in the binary
 * format (copy-binary.ts): the same rows and columns as bulk-write.ts's
 * statement, in one transaction per batch —
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
import { CopyWriter, type Encode, encodersOf } from './copy-binary.js';
import type { ReplayedTicket } from './replay.js';

/** One table's COPY of a batch. */
export interface TableCopy {
  statement: string;
  /**
   * The COPY data (binary format), in a buffer of its own: a worker thread
   * hands it over without a copy (a string crossing threads is copied, and
   * was a tenth of the importing thread's work), and it goes to the socket
   * as is.
   */
  data: Uint8Array;
}

/** One batch, encoded and ready to send. */
export interface CopyBatch {
  tables: TableCopy[];
  prefix: string;
  days: string[];
  lasts: number[];
  progress: BatchProgress;
}

const statement = (table: string, columns: readonly Column<never>[]) =>
  `copy ${table} (${columns.map((c) => `"${c.name}"`).join(', ')}) from stdin with (format binary)`;

/** The tables a batch fills, in the order they are written (tickets before the rows that point at them). */
const STATEMENTS = [
  statement('tickets', TICKET_COLUMNS),
  statement('ticket_events', EVENT_COLUMNS),
  statement('ticket_units', UNIT_COLUMNS),
  statement('callbacks', CALLBACK_COLUMNS),
  statement('ticket_cards', CARD_COLUMNS),
];

const TABLES = [TICKET_COLUMNS, EVENT_COLUMNS, UNIT_COLUMNS, CALLBACK_COLUMNS, CARD_COLUMNS] as const;
const TABLE_ENCODERS = TABLES.map((columns) => encodersOf(columns as readonly Column<unknown>[]));

/**
 * A batch's COPY data per table, written as its tickets are replayed: a
 * worker adds each slice at once, so the replayed rows die young instead of
 * living through the whole batch into the old generation.
 */
export class BatchCopy {
  private readonly writers = TABLES.map(() => new CopyWriter());

  /** tickets added so far */
  get tickets(): number {
    return this.writers[0]?.rows ?? 0;
  }

  add(tickets: readonly ReplayedTicket[]): void {
    const rows = batchRows(tickets);
    const lists = [rows.tickets, rows.events, rows.units, rows.callbacks, rows.cards] as const;
    lists.forEach((list, t) => {
      const writer = this.writers[t] as CopyWriter;
      const columns = TABLES[t] as readonly Column<unknown>[];
      const encoders = TABLE_ENCODERS[t] as Encode[];
      for (const r of list) writer.row(columns, encoders, r);
    });
  }

  /** The COPY of each table (STATEMENTS' order), tables without rows left out. */
  finish(): TableCopy[] {
    return this.writers.flatMap((w, i) =>
      w.rows > 0 ? [{ statement: STATEMENTS[i] as string, data: w.finish() }] : [],
    );
  }
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
