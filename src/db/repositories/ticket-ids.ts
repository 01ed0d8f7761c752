import { sql } from 'kysely';
import type { Executor } from '../database.js';

/**
 * Ticket ids reserved from the table's sequence in blocks, as the demo
 * generator and the importer already do, so intake knows the id before it
 * writes: the first event's hash (which covers the id) is then computed up
 * front and the ticket, its event and its outbox row go to the database as
 * one statement. A sequence never hands out a value twice, across processes
 * and transactions; a restart leaves a gap of at most BLOCK−1 ids.
 */
const BLOCK = 25;

const free = new WeakMap<object, number[]>();
const pending = new WeakMap<object, Promise<void>>();

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
export async function nextTicketId(db: Executor): Promise<number> {
  for (;;) {
    const id = free.get(db)?.shift();
    if (id !== undefined) return id;
    let reservation = pending.get(db);
    if (!reservation) {
      // the block joins the free list before any waiter resumes
      reservation = reserveTicketIds(db, BLOCK)
        .then((ids) => {
          free.set(db, [...(free.get(db) ?? []), ...ids]);
        })
        .finally(() => pending.delete(db));
      pending.set(db, reservation);
    }
    await reservation;
  }
}
