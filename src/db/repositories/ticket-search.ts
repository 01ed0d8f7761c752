/**
 * Lists and search over tickets with filters and keyset (cursor) pagination.
 * Visibility is part of the query, so a caller never pages through tickets
 * it may not see.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { isTicketNumber } from '../../domain/ticket-number.js';
import type { TicketState } from '../../domain/vocabulary.js';
import type { Executor } from '../database.js';
import type { TicketRow } from '../schema.js';
import { ticketRankOf, ticketTextCondition, ticketTextRank } from './ticket-fulltext.js';

export type TicketScope =
  | { kind: 'all' }
  | { kind: 'units'; unitIds: readonly number[] }
  | { kind: 'own'; userId: number };
export type DeadlineFilter = 'yellow' | 'red' | 'overdue' | 'due_24h' | 'extension_pending' | 'supervised';
/** `relevance` ranks by the free-text query `q` (ts_rank); without `q` it is `received_desc`. */
export type TicketSort = 'received_desc' | 'deadline_asc' | 'updated_desc' | 'relevance';

export interface TicketFilter {
  scope: TicketScope;
  states?: readonly TicketState[];
  mainUnitIds?: readonly number[];
  /** a division code: township-level codes match every village inside */
  areaCode?: string;
  categoryIds?: readonly number[];
  types?: readonly string[];
  channels?: readonly string[];
  deadline?: DeadlineFilter;
  receivedFrom?: Date;
  receivedTo?: Date;
  q?: string;
  phoneHash?: string;
  exempt?: boolean;
  sort?: TicketSort;
  cursor?: string;
  limit: number;
  now: Date;
}

export interface TicketPage {
  items: TicketRow[];
  nextCursor: string | null;
}

/** The nearest running clock of a ticket, for queues sorted by urgency. */
export const NEXT_DUE = sql<Date | null>`(case t.state
  when 'dispatched' then least(t.sign_due_at, t.response_due_at, t.reply_due_at)
  when 'accepted' then least(t.response_due_at, t.reply_due_at)
  when 'in_progress' then t.reply_due_at
  when 'return_requested' then t.reply_due_at
  when 'replied' then t.callback_due_at
  else null end)`;

interface Cursor {
  v: string | null;
  id: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.id !== 'number' || (c.v !== null && typeof c.v !== 'string')) throw new Error('shape');
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: 'cursor', code: 'invalid', message: 'bad cursor / 游标无效' },
    ]);
  }
}

export async function searchTickets(db: Executor, f: TicketFilter): Promise<TicketPage> {
  let q = baseQuery(db);
  const scope = f.scope;
  if (scope.kind === 'units') {
    const ids = [...scope.unitIds];
    if (ids.length === 0) return { items: [], nextCursor: null };
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('ticket_units as tu')
          .select(sql`1`.as('one'))
          .whereRef('tu.ticket_id', '=', 't.id')
          .where('tu.unit_id', 'in', ids),
      ),
    );
  } else if (scope.kind === 'own') {
    q = q.where('t.citizen_user_id', '=', scope.userId);
  }
  if (f.states?.length) q = q.where('t.state', 'in', [...f.states]);
  if (f.mainUnitIds) {
    if (f.mainUnitIds.length === 0) return { items: [], nextCursor: null };
    q = q.where('t.main_unit_id', 'in', [...f.mainUnitIds]);
  }
  if (f.areaCode) {
    const code = f.areaCode;
    q = code.length === 9 ? q.where('t.township_code', '=', code) : q.where('t.area_code', '=', code);
  }
  if (f.categoryIds?.length) q = q.where('t.category_id', 'in', [...f.categoryIds]);
  if (f.types?.length) q = q.where('t.type', 'in', [...f.types]);
  if (f.channels?.length) q = q.where('t.channel', 'in', [...f.channels]);
  if (f.receivedFrom) q = q.where('t.received_at', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('t.received_at', '<', f.receivedTo);
  if (f.phoneHash) q = q.where('t.citizen_phone_hash', '=', f.phoneHash);
  if (f.exempt !== undefined) q = q.where('t.exempt', '=', f.exempt);
  if (f.deadline) q = q.where(deadlineCondition(f.deadline, f.now));
  const text = f.q?.trim();
  const byText = text && !isTicketNumber(text) ? text : null;
  const sort = f.sort === 'relevance' && !byText ? 'received_desc' : (f.sort ?? 'received_desc');
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  if (byText && sort === 'received_desc') {
    const page = await newestWindow(db, q, byText, after, f.limit);
    if (page) return page;
  }
  if (text) {
    q = byText ? q.where(ticketTextCondition(byText)) : q.where('t.number', '=', text.toUpperCase());
  }
  if (sort === 'deadline_asc') {
    // Tickets without a running clock come last; ties by id.
    const key = sql<Date>`coalesce(${NEXT_DUE}, 'infinity'::timestamptz)`;
    if (after) {
      const v = after.v ?? 'infinity';
      q = q.where(sql<boolean>`(${key}, t.id) > (${v}::timestamptz, ${after.id})`);
    }
    q = q.orderBy(key, 'asc').orderBy('t.id', 'asc');
  } else if (sort === 'relevance' && byText) {
    const key = ticketTextRank(byText);
    if (after?.v) q = q.where(sql<boolean>`(${key}, t.id) < (${after.v}::real, ${after.id})`);
    q = q.orderBy(key, 'desc').orderBy('t.id', 'desc');
  } else {
    const col = sort === 'updated_desc' ? sql.ref('t.updated_at') : sql.ref('t.received_at');
    if (after?.v) q = q.where(sql<boolean>`(${col}, t.id) < (${after.v}::timestamptz, ${after.id})`);
    q = q.orderBy(col, 'desc').orderBy('t.id', 'desc');
  }
  const rows = await q.limit(f.limit + 1).execute();
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > f.limit && last) {
    const v =
      sort === 'deadline_asc'
        ? (nextDue(last)?.toISOString() ?? null)
        : sort === 'relevance' && byText
          ? String(await ticketRankOf(db, last.id, byText))
          : (sort === 'updated_desc' ? last.updated_at : last.received_at).toISOString();
    nextCursor = encodeCursor({ v, id: last.id });
  }
  return { items, nextCursor };
}

/**
 * Rows the newest-first text search reads through the date index before it
 * falls back to the word index. A common pair of words (物业 楼道: 26,000 of a
 * million tickets) fills a page within the newest few thousand tickets, while
 * the word index would fetch and sort all 26,000 matches (300 ms); a rare pair
 * fails the window after a few milliseconds and the word index, which then
 * holds few matches, answers fast. The planner cannot tell the two apart: it
 * multiplies the words' frequencies as if they were independent.
 */
const NEWEST_WINDOW = 5_000;

type TicketQuery = ReturnType<typeof baseQuery>;
function baseQuery(db: Executor) {
  return db.selectFrom('tickets as t').selectAll('t');
}

/** The page from the newest NEWEST_WINDOW tickets that pass the other filters, or null when it is not full. */
async function newestWindow(
  db: Executor,
  q: TicketQuery,
  text: string,
  after: Cursor | null,
  limit: number,
): Promise<TicketPage | null> {
  let window = q;
  if (after?.v)
    window = window.where(sql<boolean>`(t.received_at, t.id) < (${after.v}::timestamptz, ${after.id})`);
  const inner = window.orderBy('t.received_at', 'desc').orderBy('t.id', 'desc').limit(NEWEST_WINDOW);
  const rows = (await db
    .selectFrom(inner.as('t'))
    .selectAll('t')
    .where(ticketTextCondition(text))
    .orderBy('t.received_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute()) as TicketRow[];
  // Not full: matches may lie beyond the window, so only the whole index can tell.
  if (rows.length <= limit) return null;
  const items = rows.slice(0, limit);
  const last = items[items.length - 1] as TicketRow;
  return { items, nextCursor: encodeCursor({ v: last.received_at.toISOString(), id: last.id }) };
}

/** The same expression as NEXT_DUE, in JavaScript, for cursors and presenters. */
export function nextDue(t: TicketRow): Date | null {
  const least = (...ds: (Date | null)[]) =>
    ds
      .filter((d): d is Date => d !== null)
      .reduce<Date | null>((a, b) => (a === null || b < a ? b : a), null);
  switch (t.state) {
    case 'dispatched':
      return least(t.sign_due_at, t.response_due_at, t.reply_due_at);
    case 'accepted':
      return least(t.response_due_at, t.reply_due_at);
    case 'in_progress':
    case 'return_requested':
      return t.reply_due_at;
    case 'replied':
      return t.callback_due_at;
    default:
      return null;
  }
}

function deadlineCondition(d: DeadlineFilter, now: Date): Expression<SqlBool> {
  switch (d) {
    case 'yellow':
      return sql<boolean>`t.card = 'yellow' and t.state in ('dispatched','accepted','in_progress','return_requested','replied')`;
    case 'red':
      return sql<boolean>`t.card = 'red' and t.state in ('dispatched','accepted','in_progress','return_requested','replied')`;
    case 'overdue':
      return sql<boolean>`${NEXT_DUE} < ${now}`;
    case 'due_24h':
      return sql<boolean>`${NEXT_DUE} between ${now} and ${new Date(now.getTime() + 86_400_000)}`;
    case 'extension_pending':
      return sql<boolean>`t.extension_requested_until is not null`;
    case 'supervised':
      return sql<boolean>`t.supervised and t.state in ('dispatched','accepted','in_progress','return_requested','replied')`;
  }
}
