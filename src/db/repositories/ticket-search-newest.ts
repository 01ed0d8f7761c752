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
 *    T is about the date of the N-th newest ticket and N is sized from the
 *    matches the previous window found (a quarter more than a page needs,
 *    assuming matches are spread evenly). Only the matches inside the window
 *    are read.
 *    T is extrapolated from how long the newest SCAN_ROWS tickets took to
 *    come in: finding the N-th newest date by counting down the date index
 *    cost a third of the window itself (7 ms for 68,000 tickets), and a T
 *    that is off only makes the window larger or smaller.
 * A window that yields a full page holds exactly the first page of the whole
 * search, whatever T was: every match outside it is older than every ticket
 * inside. Otherwise the caller asks the word index for everything, which is
 * cheap then, because a pair that sparse has few matches; so does a pair
 * the first scan found only once.
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
  /** a pair found in at most this share of the scanned tickets is rare enough to read the whole index at once */
  rareShare: number;
  /** the next window holds this many times the matches a page needs, at the density seen so far */
  headroom: number;
  /** and is at least this many times the last one, so that a window just short of a page does not creep */
  minGrowth: number;
}

/**
 * Measured on a million tickets: scanning costs a few microseconds a ticket,
 * so a scan that finds too little should be short; a date window costs
 * about 0.2 µs per ticket in it (the date index range) plus a row read per
 * match inside, against a row read per match anywhere for the whole word
 * index: 3–7 µs each when the rows are in PostgreSQL's buffers, 10–20 µs
 * from the OS cache, 20–100 µs or far more from disk. So windows stay the
 * rule up to 100,000 tickets (a whole-index limit of 50,000 made pages of 50
 * slower, p95 32 → 60 ms, once other searches had evicted the matches), and
 * only a pair seen once in the newest 2,000 tickets (about 500–800 matches
 * in a million) goes straight to the whole index: 雁栖 噪音 at 20 a page
 * took 30–42 ms through a window of 84,000 tickets and 6–15 ms alone.
 * The date range is most of a window's cost (17 ms of 21 for the 68,000
 * tickets of 油烟 饭馆, which held 173 matches for a page of 51), so windows
 * are sized with a quarter to spare rather than twice, and a window that
 * falls short costs one more, at least half again as large.
 */
export const NEWEST_WINDOWS: NewestWindows = {
  scanRows: 2_000,
  maxScan: 8_000,
  maxWindow: 100_000,
  rareShare: 1 / 2_000,
  headroom: 1.25,
  minGrowth: 1.5,
};

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
  let pace: Pace | null | undefined;
  while (rows.length <= limit) {
    if (rows.length === 0 || rows.length <= window * windows.rareShare) return null;
    const next = Math.ceil(
      Math.max((window * (limit + 1) * windows.headroom) / rows.length, window * windows.minGrowth),
    );
    window = next;
    // Nearly a page already (物业 楼道: 42 of 51): scanning a little further beats the word index of two common words.
    if (next <= windows.maxScan) {
      rows = await scan(next);
      continue;
    }
    if (next > windows.maxWindow) return null;
    pace ??= await intakePace(db, before?.v ?? null, windows.scanRows);
    // Fewer tickets than that are left: the whole word index reads the same ones.
    if (!pace) return null;
    const since =
      pace.span > 0
        ? new Date(pace.newest - (pace.span * next) / pace.tickets)
        : await windowStart(db, before?.v ?? null, next);
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

interface Pace {
  /** the newest ticket's date (received no later than `before`), in ms */
  newest: number;
  /** how many ms the `tickets` newest tickets span */
  span: number;
  tickets: number;
}

/** How fast the newest n tickets (received no later than `before`) came in; null when there are fewer. From the date index alone. */
async function intakePace(db: Executor, before: string | null, n: number): Promise<Pace | null> {
  let q = db.selectFrom('tickets as t').select('t.received_at');
  if (before) q = q.where(sql<boolean>`t.received_at <= ${before}::timestamptz`);
  const newest = q.orderBy('t.received_at', 'desc').limit(n).as('n');
  const row = await db
    .selectFrom(newest)
    .select((eb) => [
      eb.fn.max('n.received_at').as('newest'),
      eb.fn.min('n.received_at').as('oldest'),
      eb.fn.countAll<string>().as('tickets'),
    ])
    .executeTakeFirst();
  if (!row || Number(row.tickets) < n) return null;
  const [first, last] = [new Date(row.newest).getTime(), new Date(row.oldest).getTime()];
  return { newest: first, span: first - last, tickets: n };
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
