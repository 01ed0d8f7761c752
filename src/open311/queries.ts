/**
 * GET requests 查询诉求 and GET servicerequestupdates: reading the filters as
 * the spec defines them and running the queries. Only tickets with a
 * category appear (a ticket not yet classified belongs to no Open311
 * service, and `service_code` is required in every request).
 */
import type { TicketRow } from '../db/schema.js';
import { isTicketNumber } from '../domain/ticket-number.js';
import { OPEN_STATES, TERMINAL_STATES } from '../domain/vocabulary.js';
import type { ServiceContext } from '../services/context.js';
import type { ReferenceData } from '../services/reference-cache.js';
import { type Problem, problem, throwIfAny } from './errors.js';
import { type Fields, single } from './form.js';
import { parseDateTime } from './format.js';
import type { PublicEvent } from './present.js';
import { findService } from './services.js';

export const MAX_RESULTS = 1000;
export const MAX_SPAN_DAYS = 90;
const DAY_MS = 86_400_000;
const SERVICE_CODE = /^[A-Za-z0-9_-]{1,64}$/;

export interface Window {
  start: Date;
  end: Date;
}

export type RequestQuery =
  | { kind: 'ids'; numbers: string[] }
  | { kind: 'search'; window: Window; categoryIds: number[] | null; status: ('open' | 'closed')[] | null };

function commaList(fields: Fields, name: string): string[] {
  return (fields[name] ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * start_date / end_date on one clock: both given — at most 90 days apart;
 * one given — 90 days from or to it; none — the last 90 days. A date
 * without a time covers its whole day.
 */
export function readWindow(fields: Fields, now: Date, problems: Problem[]): Window | null {
  const read = (name: 'start_date' | 'end_date'): Date | null | undefined => {
    const { value, repeated } = single(fields, name);
    if (repeated) {
      problems.push(problem(400, 'repeated', { field: name }));
      return undefined;
    }
    if (value === null) return null;
    const parsed = parseDateTime(value);
    if (!parsed) {
      problems.push(problem(400, 'bad_datetime', { field: name }));
      return undefined;
    }
    return name === 'end_date' && parsed.dateOnly
      ? new Date(parsed.instant.getTime() + DAY_MS - 1)
      : parsed.instant;
  };
  const start = read('start_date');
  const end = read('end_date');
  if (start === undefined || end === undefined) return null;
  const span = MAX_SPAN_DAYS * DAY_MS;
  if (start && end) {
    if (end < start) problems.push(problem(400, 'date_order'));
    else if (end.getTime() - start.getTime() > span)
      problems.push(problem(400, 'date_span', { days: MAX_SPAN_DAYS }));
    return { start, end };
  }
  if (start) return { start, end: new Date(start.getTime() + span) };
  if (end) return { start: new Date(end.getTime() - span), end };
  return { start: new Date(now.getTime() - span), end: now };
}

export function readRequestQuery(fields: Fields, ref: ReferenceData, now: Date): RequestQuery {
  const problems: Problem[] = [];
  const ids = commaList(fields, 'service_request_id');
  if (ids.length > 0) {
    // The spec: service_request_id overrides every other filter, so the others are not even checked.
    if (ids.length > MAX_RESULTS) problems.push(problem(400, 'too_many_ids', { max: MAX_RESULTS }));
    throwIfAny(problems);
    return { kind: 'ids', numbers: [...new Set(ids.map((id) => id.toUpperCase()))] };
  }
  let categoryIds: number[] | null = null;
  const codes = commaList(fields, 'service_code');
  if (codes.length > 0) {
    categoryIds = [];
    for (const code of codes) {
      const service = SERVICE_CODE.test(code) ? findService(ref, code) : null;
      if (service) categoryIds.push(service.category.id);
      else problems.push(problem(400, 'unknown_service_filter', { value: code }));
    }
  }
  let status: ('open' | 'closed')[] | null = null;
  const statuses = commaList(fields, 'status').map((s) => s.toLowerCase());
  if (statuses.length > 0) {
    status = [];
    for (const s of statuses) {
      if (s === 'open' || s === 'closed') status.push(s);
      else problems.push(problem(400, 'bad_status', { value: s }));
    }
  }
  const window = readWindow(fields, now, problems);
  throwIfAny(problems);
  if (!window) throw new Error('unreachable: window problems were thrown');
  return { kind: 'search', window, categoryIds, status };
}

export async function findRequests(ctx: ServiceContext, q: RequestQuery): Promise<TicketRow[]> {
  if (q.kind === 'ids') {
    const numbers = q.numbers.filter(isTicketNumber);
    if (numbers.length === 0) return [];
    const rows = await ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('number', 'in', numbers)
      .where('category_id', 'is not', null)
      .execute();
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    return numbers.map((n) => byNumber.get(n)).filter((r): r is TicketRow => r !== undefined);
  }
  let query = ctx.db
    .selectFrom('tickets')
    .selectAll()
    .where('category_id', 'is not', null)
    .where('received_at', '>=', q.window.start)
    .where('received_at', '<=', q.window.end);
  if (q.categoryIds) query = query.where('category_id', 'in', q.categoryIds);
  if (q.status && q.status.length === 1) {
    const states = q.status[0] === 'open' ? OPEN_STATES : TERMINAL_STATES;
    query = query.where('state', 'in', [...states]);
  }
  return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(MAX_RESULTS).execute();
}

export async function findRequestByNumber(ctx: ServiceContext, number: string): Promise<TicketRow | null> {
  if (!isTicketNumber(number)) return null;
  const row = await ctx.db
    .selectFrom('tickets')
    .selectAll()
    .where('number', '=', number.trim().toUpperCase())
    .where('category_id', 'is not', null)
    .executeTakeFirst();
  return row ?? null;
}

/** Numbers of the tickets merged ones point to, for "已合并至诉求 …". */
export async function mergeTargets(ctx: ServiceContext, rows: TicketRow[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map((r) => r.merged_into_id).filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const targets = await ctx.db
    .selectFrom('tickets')
    .select(['id', 'number'])
    .where('id', 'in', ids)
    .execute();
  return new Map(targets.map((t) => [t.id, t.number]));
}

/**
 * Public status changes (events flagged public that moved the ticket to a
 * new state), oldest first, so a client can follow them by moving its
 * start_date past the last `updated_datetime` it has seen.
 */
export async function findUpdates(
  ctx: ServiceContext,
  window: Window,
  numbers: string[] | null,
): Promise<PublicEvent[]> {
  let query = ctx.db
    .selectFrom('ticket_events as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .select(['e.id', 'e.action', 'e.to_state', 'e.at', 'e.reason', 'e.data', 't.number'])
    .where('e.public', '=', true)
    .where((eb) => eb('e.from_state', 'is distinct from', eb.ref('e.to_state')))
    .where('t.category_id', 'is not', null)
    .where('e.at', '>=', window.start)
    .where('e.at', '<=', window.end);
  if (numbers) query = query.where('t.number', 'in', numbers.length ? numbers : ['']);
  const rows = await query.orderBy('e.at').orderBy('e.id').limit(MAX_RESULTS).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    action: r.action,
    to_state: r.to_state,
    at: r.at,
    reason: r.reason,
    data: r.data,
    number: r.number,
  }));
}
