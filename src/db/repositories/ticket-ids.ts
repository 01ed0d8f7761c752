import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { takeReserved } from './block-reservations.js';

/**
 * Ticket ids reserved from the table's sequence in blocks, as the demo
 * generator and the importer already do, so intake knows the id before it
 * writes: the first event's hash (which covers the id) is then computed up
 * front and the ticket, its event and its outbox row go to the database as
 * one statement. A sequence never hands out a value twice, across processes
 * and transactions; a restart leaves a gap of at most BLOCK−1 ids.
 */
const BLOCK = 25;

/**
 * `count` ids from the identity sequence, ascending: live intake, the demo
 * generator and the importer all take ids this way, so none can collide.
 */
export async function reserveTicketIds(db: Executor, count: number): Promise<number[]> {
  if (count <= 0) return [];
  const r = await sql<{ id: string | number }>`
    select nextval(pg_get_serial_sequence('tickets', 'id'))::bigint as id
    from generate_series(1, ${count})`.execute(db);
  return r.rows.map((x) => Number(x.id)).sort((a, b) => a - b);
}

/** Run outside the intake transaction: a rolled-back intake simply leaves its id unused. */
export function nextTicketId(db: Executor): Promise<number> {
  return takeReserved(db, 'tickets.id', () => reserveTicketIds(db, BLOCK));
}
