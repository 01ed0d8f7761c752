/**
 * 审计校验 Checks the tamper-evident ticket event log: every event's hash
 * is recomputed from its content and its predecessor's hash
 * (`eventHash`), so an edited event no longer matches; the sequence must
 * run 1…n without a gap, so a deleted event shows; and the ticket row must
 * agree with its log — `event_count`, `last_event_hash` (which catches a
 * deleted or re-hashed last event) and the state the log replays to.
 *
 * What it cannot see: someone with write access who rewrites a ticket's
 * whole chain consistently. `headDigest` condenses every chain head into
 * one value; recorded outside the database (a daily log line, a ticket in
 * another system), it turns that rewrite into a visible difference too.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';
import { eventHash, rowToNewEvent } from '../db/repositories/ticket-events.js';
import type { EventRow } from '../db/schema.js';

export type ChainProblem =
  | 'hash_mismatch'
  | 'sequence_gap'
  | 'state_discontinuity'
  | 'no_intake_event'
  | 'count_mismatch'
  | 'head_mismatch'
  | 'state_mismatch';

export interface BrokenChain {
  ticketId: number;
  number: string;
  /** the first event found wrong; null when the ticket row disagrees with an intact log */
  seq: number | null;
  problem: ChainProblem;
  detail: string;
}

export interface VerifyAuditOptions {
  /** tickets read per query */
  batchSize?: number;
  /** stop after this many broken tickets (the CLI shows the first) */
  maxProblems?: number;
  onProgress?: (ticketsChecked: number) => void;
}

export interface VerifyAuditResult {
  ok: boolean;
  tickets: number;
  events: number;
  broken: BrokenChain[];
  /** SHA-256 over every ticket's id and chain head, in id order */
  headDigest: string;
}

interface TicketHead {
  id: number;
  number: string;
  state: string;
  event_count: number;
  last_event_hash: string | null;
}

/** The first thing wrong with one ticket's chain, or null when it is intact. */
export function checkChain(ticket: TicketHead, events: readonly EventRow[]): BrokenChain | null {
  const broken = (seq: number | null, problem: ChainProblem, detail: string): BrokenChain => ({
    ticketId: ticket.id,
    number: ticket.number,
    seq,
    problem,
    detail,
  });
  let previous: string | null = null;
  let previousState: string | null = null;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return broken(i + 1, 'sequence_gap', `expected event ${i + 1}, found ${e.seq}`);
    if (i === 0 && (e.action !== 'intake' || e.from_state !== null)) {
      return broken(1, 'no_intake_event', `the log starts with "${e.action}"`);
    }
    const expected = eventHash(previous, rowToNewEvent(e));
    if (expected !== e.hash)
      return broken(
        e.seq,
        'hash_mismatch',
        `stored ${e.hash.slice(0, 12)}…, content gives ${expected.slice(0, 12)}…`,
      );
    if (i > 0 && e.from_state !== previousState) {
      return broken(e.seq, 'state_discontinuity', `starts from "${e.from_state}" after "${previousState}"`);
    }
    previous = e.hash;
    previousState = e.to_state;
  }
  if (events.length === 0) return broken(null, 'no_intake_event', 'the ticket has no events');
  if (ticket.event_count !== events.length) {
    return broken(null, 'count_mismatch', `event_count ${ticket.event_count}, log has ${events.length}`);
  }
  if (ticket.last_event_hash !== previous) {
    return broken(
      null,
      'head_mismatch',
      `ticket holds ${String(ticket.last_event_hash).slice(0, 12)}…, log ends ${String(previous).slice(0, 12)}…`,
    );
  }
  if (ticket.state !== previousState) {
    return broken(
      null,
      'state_mismatch',
      `ticket is "${ticket.state}", its log replays to "${previousState}"`,
    );
  }
  return null;
}

export async function verifyAuditChain(db: Executor, o: VerifyAuditOptions = {}): Promise<VerifyAuditResult> {
  const batchSize = o.batchSize ?? 500;
  const maxProblems = o.maxProblems ?? 100;
  const digest = createHash('sha256');
  const result: VerifyAuditResult = { ok: true, tickets: 0, events: 0, broken: [], headDigest: '' };
  let after = 0;
  for (;;) {
    const tickets = await db
      .selectFrom('tickets')
      .select(['id', 'number', 'state', 'event_count', 'last_event_hash'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (tickets.length === 0) break;
    const first = tickets[0]?.id ?? 0;
    const last = tickets[tickets.length - 1]?.id ?? 0;
    const events = await db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '>=', first)
      .where('ticket_id', '<=', last)
      .orderBy('ticket_id')
      .orderBy('seq')
      .execute();
    const byTicket = new Map<number, EventRow[]>();
    for (const e of events) {
      const list = byTicket.get(e.ticket_id);
      if (list) list.push(e);
      else byTicket.set(e.ticket_id, [e]);
    }
    for (const t of tickets) {
      digest.update(`${t.id}:${t.last_event_hash ?? ''}\n`);
      const problem = checkChain(t, byTicket.get(t.id) ?? []);
      if (problem && result.broken.length < maxProblems) result.broken.push(problem);
    }
    // Events whose ticket row is gone: a deleted ticket leaves its log behind only if the delete was partial.
    const present = new Set(tickets.map((t) => t.id));
    const orphans = [...byTicket.keys()].filter((id) => !present.has(id));
    for (const id of orphans) {
      if (result.broken.length < maxProblems) {
        result.broken.push({
          ticketId: id,
          number: '',
          seq: null,
          problem: 'count_mismatch',
          detail: 'events of a ticket that no longer exists',
        });
      }
    }
    result.tickets += tickets.length;
    result.events += events.length;
    after = last;
    o.onProgress?.(result.tickets);
    if (result.broken.length >= maxProblems) break;
  }
  result.ok = result.broken.length === 0;
  result.headDigest = digest.digest('hex');
  return result;
}
