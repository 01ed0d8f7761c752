import type { Executor } from '../database.js';

export interface TicketUnitFacts {
  /** every unit that is or was main or co-handling unit */
  involved: number[];
  /** co-handling units of the current round */
  co: number[];
}

/** Unit facts for many tickets in one query (lists) or one (detail). */
export async function loadTicketUnitFacts(
  db: Executor,
  tickets: readonly { id: number; dispatch_round: number }[],
): Promise<Map<number, TicketUnitFacts>> {
  const out = new Map<number, TicketUnitFacts>(tickets.map((t) => [t.id, { involved: [], co: [] }]));
  if (tickets.length === 0) return out;
  const rounds = new Map(tickets.map((t) => [t.id, t.dispatch_round]));
  const rows = await db
    .selectFrom('ticket_units')
    .select(['ticket_id', 'unit_id', 'round', 'role', 'active'])
    .where(
      'ticket_id',
      'in',
      tickets.map((t) => t.id),
    )
    .execute();
  for (const r of rows) {
    const facts = out.get(r.ticket_id);
    if (!facts) continue;
    if (!facts.involved.includes(r.unit_id)) facts.involved.push(r.unit_id);
    if (r.role === 'co' && r.active && r.round === rounds.get(r.ticket_id)) facts.co.push(r.unit_id);
  }
  return out;
}
