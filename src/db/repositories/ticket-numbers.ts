import { sql } from 'kysely';
import { localDate } from '../../domain/calendar.js';
import { formatTicketNumber } from '../../domain/ticket-number.js';
import type { Executor } from '../database.js';

/**
 * Takes the next number of the day. Run outside the intake transaction (on
 * the pool, autocommit) so the counter row is locked for one statement, not
 * for the whole intake: a number lost to a failed intake leaves a gap, which
 * is harmless, while holding the lock would serialise all intake.
 */
export async function nextTicketNumber(db: Executor, prefix: string, receivedAt: Date): Promise<string> {
  const day = localDate(receivedAt);
  const row = await sql<{ last: number }>`
    insert into ticket_number_counters (prefix, day, last) values (${prefix}, ${day}, 1)
    on conflict (prefix, day) do update set last = ticket_number_counters.last + 1
    returning last`
    .execute(db)
    .then((r) => r.rows[0]);
  if (!row) throw new Error('ticket number counter returned no row');
  return formatTicketNumber(prefix, receivedAt, row.last);
}
