import type { Executor } from '../database.js';
import type { TicketRow } from '../schema.js';

/** Locks the ticket row for the rest of the transaction (SELECT … FOR UPDATE). */
export async function lockTicket(trx: Executor, id: number): Promise<TicketRow | undefined> {
  return trx.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findTicket(db: Executor, id: number): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTicketByNumber(db: Executor, number: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('number', '=', number.trim().toUpperCase())
    .executeTakeFirst();
}

/** Active units of the ticket's current dispatch round. */
export async function currentUnits(
  db: Executor,
  ticketId: number,
  round: number,
): Promise<{ unitId: number; role: 'main' | 'co' }[]> {
  const rows = await db
    .selectFrom('ticket_units')
    .select(['unit_id', 'role'])
    .where('ticket_id', '=', ticketId)
    .where('round', '=', round)
    .where('active', '=', true)
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, role: r.role === 'main' ? 'main' : 'co' }));
}
