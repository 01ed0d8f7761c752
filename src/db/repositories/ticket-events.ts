/**
 * The append-only event log of a ticket. Each event carries a hash chained to
 * the previous one (the ticket's `last_event_hash`), so editing or deleting an
 * event breaks the chain and `jiesu audit verify` finds it.
 */
import { hash } from 'node:crypto';
import type { Executor } from '../database.js';
import type { EventRow } from '../schema.js';

export interface NewEvent {
  ticketId: number;
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorUserId: number | null;
  actorRole: string;
  actorUnitId: number | null;
  at: Date;
  reason: string | null;
  data: Record<string, unknown>;
  public: boolean;
}

/** Canonical JSON: keys sorted at every level, so the hash does not depend on insertion order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  // Written out rather than entries → filter → sort → map → join: the import hashes ~7 events a ticket.
  // The default sort orders by UTF-16 code units, as `<` does.
  const o = value as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** `,"key":value` as canonicalJson writes a member; an undefined value drops its key, as there. */
function member(key: string, v: unknown): string {
  if (v === undefined) return '';
  return `,"${key}":${v !== null && typeof v === 'object' ? canonicalJson(v) : JSON.stringify(v)}`;
}

/**
 * sha256 of the previous hash, a newline and canonicalJson of the event's
 * twelve fields. Their sorted order (by UTF-16 code units, as canonicalJson
 * sorts) is written out instead of building, listing and sorting an object
 * per event: an import hashes ~7 events a ticket, and that was a tenth of its
 * replay. test/unit/event-hash.test.ts checks it against canonicalJson.
 */
export function eventHash(previous: string | null, e: NewEvent): string {
  const fields =
    member('action', e.action) +
    member('at', e.at.toISOString()) +
    member('data', e.data) +
    member('from', e.fromState) +
    member('public', e.public) +
    member('reason', e.reason) +
    member('role', e.actorRole) +
    member('seq', e.seq) +
    member('ticket', e.ticketId) +
    member('to', e.toState) +
    member('unit', e.actorUnitId) +
    member('user', e.actorUserId);
  // One-shot: no Hash object per event (the same bytes as updating one with the three parts).
  return hash('sha256', `${previous ?? ''}\n{${fields.slice(1)}}`, 'hex');
}

/** The event as the table holds it (`id` as stored), for code that works on rows without a database. */
export function eventRow(e: NewEvent, id: number, hash: string): EventRow {
  return {
    id,
    ticket_id: e.ticketId,
    seq: e.seq,
    action: e.action,
    from_state: e.fromState,
    to_state: e.toState,
    actor_user_id: e.actorUserId,
    actor_role: e.actorRole,
    actor_unit_id: e.actorUnitId,
    at: e.at,
    reason: e.reason,
    data: e.data,
    public: e.public,
    hash,
  };
}

/** The row of an event whose hash is known, to insert (the database assigns the id). */
export function eventValues(e: NewEvent, hash: string) {
  const { id: _id, data, ...row } = eventRow(e, 0, hash);
  return { ...row, data: JSON.stringify(data) };
}

/** Inserts the event and returns its hash; the caller stores the hash as the ticket's last_event_hash. */
export async function appendEvent(db: Executor, previousHash: string | null, e: NewEvent): Promise<string> {
  const hash = eventHash(previousHash, e);
  await db.insertInto('ticket_events').values(eventValues(e, hash)).execute();
  return hash;
}

export async function listEvents(db: Executor, ticketId: number): Promise<EventRow[]> {
  return db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('seq')
    .execute();
}

export function rowToNewEvent(row: EventRow): NewEvent {
  return {
    ticketId: row.ticket_id,
    seq: row.seq,
    action: row.action,
    fromState: row.from_state,
    toState: row.to_state,
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    actorUnitId: row.actor_unit_id,
    at: row.at,
    reason: row.reason,
    data: row.data,
    public: row.public,
  };
}
