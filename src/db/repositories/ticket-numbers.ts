import { sql } from 'kysely';
import { localDate } from '../../domain/calendar.js';
import { formatTicketNumber } from '../../domain/ticket-number.js';
import type { Executor } from '../database.js';
import { takeReserved } from './block-reservations.js';

/**
 * Numbers are handed out from blocks reserved in `ticket_number_counters`:
 * one short autocommit UPDATE reserves BLOCK numbers for this process, which
 * then deals them from memory. A single counter row updated per ticket would
 * serialise all intake on that row's lock and its commit; with blocks, several
 * server processes stay unique and intake runs in parallel. A restart leaves
 * a gap of at most BLOCK−1 numbers, which is harmless.
 */
const BLOCK = 25;

/** The next BLOCK numbers of the prefix and day, committed on their own. */
async function reserve(db: Executor, prefix: string, day: string): Promise<number[]> {
  const row = await sql<{ last: number }>`
    insert into ticket_number_counters (prefix, day, last) values (${prefix}, ${day}, ${BLOCK})
    on conflict (prefix, day) do update set last = ticket_number_counters.last + ${BLOCK}
    returning last`
    .execute(db)
    .then((r) => r.rows[0]);
  if (!row) throw new Error('ticket number counter returned no row');
  const last = Number(row.last);
  return Array.from({ length: BLOCK }, (_, i) => last - BLOCK + 1 + i);
}

/** Run outside the intake transaction: the reservation must commit on its own. */
export async function nextTicketNumber(db: Executor, prefix: string, receivedAt: Date): Promise<string> {
  const day = localDate(receivedAt);
  const family = `number:${prefix}:`;
  const n = await takeReserved(db, `${family}${day}`, () => reserve(db, prefix, day), family);
  return formatTicketNumber(prefix, receivedAt, n);
}
