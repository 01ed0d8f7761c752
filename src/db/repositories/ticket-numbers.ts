import { sql } from 'kysely';
import { localDate } from '../../domain/calendar.js';
import { formatTicketNumber } from '../../domain/ticket-number.js';
import type { Executor } from '../database.js';

/**
 * Numbers are handed out from blocks reserved in `ticket_number_counters`:
 * one short autocommit UPDATE reserves BLOCK numbers for this process, which
 * then deals them from memory. A single counter row updated per ticket would
 * serialise all intake on that row's lock and its commit; with blocks, several
 * server processes stay unique and intake runs in parallel. A restart leaves
 * a gap of at most BLOCK−1 numbers, which is harmless.
 */
const BLOCK = 25;

interface Block {
  key: string;
  next: number;
  end: number;
}

const blocks = new WeakMap<object, Map<string, Block>>();
const pending = new WeakMap<object, Map<string, Promise<Block>>>();

async function reserve(db: Executor, prefix: string, day: string): Promise<Block> {
  const row = await sql<{ last: number }>`
    insert into ticket_number_counters (prefix, day, last) values (${prefix}, ${day}, ${BLOCK})
    on conflict (prefix, day) do update set last = ticket_number_counters.last + ${BLOCK}
    returning last`
    .execute(db)
    .then((r) => r.rows[0]);
  if (!row) throw new Error('ticket number counter returned no row');
  return { key: `${prefix}:${day}`, next: row.last - BLOCK + 1, end: row.last };
}

/** Run outside the intake transaction: the reservation must commit on its own. */
export async function nextTicketNumber(db: Executor, prefix: string, receivedAt: Date): Promise<string> {
  const day = localDate(receivedAt);
  const key = `${prefix}:${day}`;
  let mine = blocks.get(db);
  if (!mine) {
    mine = new Map();
    blocks.set(db, mine);
  }
  for (;;) {
    const block = mine.get(key);
    if (block && block.next <= block.end) {
      const n = block.next;
      block.next += 1;
      return formatTicketNumber(prefix, receivedAt, n);
    }
    let waiting = pending.get(db);
    if (!waiting) {
      waiting = new Map();
      pending.set(db, waiting);
    }
    let reservation = waiting.get(key);
    if (!reservation) {
      const started = reserve(db, prefix, day).finally(() => waiting?.delete(key));
      waiting.set(key, started);
      reservation = started;
      mine.set(key, await started);
    } else {
      await reservation;
    }
  }
}
