/**
 * Text search newest first (the default order of the ticket list) without
 * sorting every match. The word index (GIN) answers "which tickets hold
 * these words" in the order tickets lie on disk, so the newest 50 of 10,000
 * matches means reading all 10,000 rows to sort them by date: on a million
 * tickets that is most of a second for a pair of everyday words.
 *
 * So the newest tickets are tried first, in two kinds of window:
 * 1. SCAN_ROWS newest tickets read through the date index, each tested
 *    against the words. Common pairs (物业 楼道: 26,000 of a million) fill a
 *    page within a few hundred rows and never touch the word index.
 * 2. The word index restricted to the tickets received since a date T, where
 *    T is the date of the N-th newest ticket and N is sized from the matches
 *    the previous window found (twice what a page needs, assuming matches
 *    are spread evenly). Only the matches inside the window are read.
 * A window that yields a full page holds exactly the first page of the whole
 * search, whatever T was: every match outside it is older than every ticket
 * inside. Otherwise the caller asks the word index for everything, which is
 * cheap then, because a pair that sparse has few matches.
 */
import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { ticketTextCondition } from './ticket-fulltext.js';
import { type Cursor, LIST_COLUMNS, type TicketListRow, type TicketQuery } from './ticket-search.js';

export interface NewestWindows {
  /** newest tickets tested row by row before the word index is used */
  scanRows: number;
  /** how far a scan that found nearly a page may be extended instead */
  maxScan: number;
  /** the largest date window worth reading through the word index; beyond it the whole index is cheaper */
  maxWindow: number;
}

/**
 * Measured on a million tickets: scanning costs a few microseconds a ticket,
 * so a scan that finds too little should be short; a date window costs
 * about half a microsecond per ticket in it (the date index range) plus a
 * row read per match inside, against a row read per match anywhere for the
 * whole word index (20–100 µs each, as those rows are seldom in memory).
 */
export const NEWEST_WINDOWS: NewestWindows = { scanRows: 2_000, maxScan: 8_000, maxWindow: 100_000 };

/** The first limit + 1 matches newest first, or null when only the whole word index can tell. */
export async function newestTextRows(
  db: Executor,
  q: TicketQuery,
  text: string,
  after: Cursor | null,
  limit: number,
  windows: NewestWindows = NEWEST_WINDOWS,
): Promise<TicketListRow[] | null> {
  const before = after?.v ? { v: after.v, id: after.id } : null;
  let query = q;
  if (before)
    query = query.where(sql<boolean>`(t.received_at, t.id) < (${before.v}::timestamptz, ${before.id})`);
  const scan = (n: number) =>
    db
      .selectFrom(
        query
          .select([sql<string>`t.search_vector`.as('search_vector'), 't.search_text'])
          .orderBy('t.received_at', 'desc')
          .orderBy('t.id', 'desc')
          .limit(n)
          .as('t'),
      )
      .select(LIST_COLUMNS)
      .where(ticketTextCondition(text))
      .orderBy('t.received_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit + 1)
      .execute();
  let rows: TicketListRow[] = await scan(windows.scanRows);
  let window = windows.scanRows;
  while (rows.length <= limit) {
    if (rows.length === 0) return null;
    const next = Math.ceil((window * (limit + 1) * 2) / rows.length);
    window = next;
    // Nearly a page already (物业 楼道: 42 of 51): scanning a little further beats the word index of two common words.
    if (next <= windows.maxScan) {
      rows = await scan(next);
      continue;
    }
    if (next > windows.maxWindow) return null;
    const since = await windowStart(db, before?.v ?? null, next);
    // Fewer tickets than that are left: the whole word index reads the same ones.
    if (!since) return null;
    rows = await query
      .where('t.received_at', '>=', since)
      .where(ticketTextCondition(text, { opaque: true }))
      .orderBy('t.received_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit + 1)
      .execute();
  }
  return rows;
}

/** The date of the n-th newest ticket (received no later than `before`), from the date index alone. */
async function windowStart(db: Executor, before: string | null, n: number): Promise<Date | null> {
  let q = db.selectFrom('tickets as t').select('t.received_at');
  if (before) q = q.where(sql<boolean>`t.received_at <= ${before}::timestamptz`);
  const row = await q
    .orderBy('t.received_at', 'desc')
    .offset(n - 1)
    .limit(1)
    .executeTakeFirst();
  return row?.received_at ?? null;
}
