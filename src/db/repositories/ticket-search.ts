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
import { ticketTextCondition, ticketTextRank } from './ticket-fulltext.js';
import { newestTextRows } from './ticket-search-newest.js';

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

/**
 * The columns a list presents (src/http/presenters/ticket-list.ts), plus
 * the clocks its deadline order and cursor need. Every other column stays
 * in the table: the word vector alone is larger than the rest of the row,
 * and the driver parses each column of each row of each page.
 */
export const LIST_COLUMNS = [
  'id',
  'number',
  'event_count',
  'state',
  'type',
  'channel',
  'urgency',
  'title',
  'category_id',
  'township_code',
  'main_unit_id',
  'received_at',
  'updated_at',
  'card',
  'supervised',
  'sign_due_at',
  'response_due_at',
  'reply_due_at',
  'callback_due_at',
] as const satisfies readonly (keyof TicketRow)[];

/** A ticket as a list reads it. */
export type TicketListRow = Pick<TicketRow, (typeof LIST_COLUMNS)[number]>;

export interface TicketPage {
  items: TicketListRow[];
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

export interface Cursor {
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
    const rows = await newestTextRows(db, q, byText, after, f.limit);
    if (rows) return pageOf(rows, f.limit, (last) => last.received_at.toISOString());
  }
  if (text) {
    q = byText ? q.where(ticketTextCondition(byText)) : q.where('t.number', '=', text.toUpperCase());
  }
  if (sort === 'relevance' && byText) {
    // The rank comes with the rows: the cursor needs the last one's.
    const key = ticketTextRank(byText);
    if (after?.v) q = q.where(sql<boolean>`(${key}, t.id) < (${after.v}::real, ${after.id})`);
    const ranked = await q
      .select(key.as('rank'))
      .orderBy(key, 'desc')
      .orderBy('t.id', 'desc')
      .limit(f.limit + 1)
      .execute();
    const ranks = new Map(ranked.map(({ rank, ...row }) => [row.id, rank]));
    const rows: TicketListRow[] = ranked.map(({ rank: _r, ...row }) => row);
    return pageOf(rows, f.limit, (last) => String(Number(ranks.get(last.id) ?? 0)));
  }
  if (sort === 'deadline_asc') {
    // Tickets without a running clock come last; ties by id.
    const key = sql<Date>`coalesce(${NEXT_DUE}, 'infinity'::timestamptz)`;
    if (after) {
      const v = after.v ?? 'infinity';
      q = q.where(sql<boolean>`(${key}, t.id) > (${v}::timestamptz, ${after.id})`);
    }
    q = q.orderBy(key, 'asc').orderBy('t.id', 'asc');
  } else {
    const col = sort === 'updated_desc' ? sql.ref('t.updated_at') : sql.ref('t.received_at');
    if (after?.v) q = q.where(sql<boolean>`(${col}, t.id) < (${after.v}::timestamptz, ${after.id})`);
    q = q.orderBy(col, 'desc').orderBy('t.id', 'desc');
  }
  const rows = await q.limit(f.limit + 1).execute();
  return pageOf(rows, f.limit, (last) =>
    sort === 'deadline_asc'
      ? (nextDue(last)?.toISOString() ?? null)
      : (sort === 'updated_desc' ? last.updated_at : last.received_at).toISOString(),
  );
}

/** The first `limit` of `rows` (fetched one more than a page), and the cursor after the last when there are more. */
function pageOf(
  rows: TicketListRow[],
  limit: number,
  keyOf: (last: TicketListRow) => string | null,
): TicketPage {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ v: keyOf(last), id: last.id }) : null;
  return { items, nextCursor };
}

export type TicketQuery = ReturnType<typeof baseQuery>;
function baseQuery(db: Executor) {
  return db.selectFrom('tickets as t').select(LIST_COLUMNS);
}

/** The same expression as NEXT_DUE, in JavaScript, for cursors and presenters. */
export function nextDue(
  t: Pick<TicketRow, 'state' | 'sign_due_at' | 'response_due_at' | 'reply_due_at' | 'callback_due_at'>,
): Date | null {
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
