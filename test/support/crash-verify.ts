/**
 * What must hold after any number of kills, read from the database once
 * every process is down: each intake answered with success is exactly one
 * ticket with its intake event; no key made two tickets; ticket numbers are
 * unique; every hash chain is intact; no card and no message was issued
 * twice; and every SMS row reached the gateway.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import { verifyAuditChain } from '../../src/services/audit-verify.js';
import type { IntakeLoad, Receiver } from './crash-load.js';

export interface CrashFindings {
  /** intakes answered 201 (after retries, all of them) */
  acknowledged: number;
  /** idempotency keys used */
  keys: number;
  /** tickets the load created */
  tickets: number;
  /** acknowledged keys without a ticket, or whose ticket is not the one answered */
  missing: string[];
  /** keys that made more than one ticket */
  duplicated: string[];
  duplicateNumbers: number;
  chain: { ok: boolean; tickets: number; events: number; firstBroken: string | null };
  cards: { issued: number; duplicated: number; withoutEvent: number };
  sms: {
    rows: number;
    sent: number;
    ticketsWithoutOne: number;
    ticketsWithTwo: number;
    atGateway: number;
    resent: number;
    neverArrived: number;
    unknownAtGateway: number;
  };
  inapp: { sent: number; notifications: number };
}

const KEY_IN_TEXT = /^崩溃测试 (\S+)：/;

export async function verifyCrash(db: Db, load: IntakeLoad, receiver: Receiver): Promise<CrashFindings> {
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'description', 'event_count'])
    .where('description', 'like', '崩溃测试 %')
    .execute();
  const byKey = new Map<string, { id: number; number: string }[]>();
  for (const t of rows) {
    const key = KEY_IN_TEXT.exec(t.description)?.[1] ?? '?';
    byKey.set(key, [...(byKey.get(key) ?? []), { id: t.id, number: t.number }]);
  }
  const records = [...load.records.values()];
  const acknowledged = records.filter((r) => r.status === 201);
  const missing = acknowledged
    .filter((r) => {
      const found = byKey.get(r.key);
      return found?.length !== 1 || found[0]?.number !== r.number;
    })
    .map((r) => r.key);
  const duplicated = [...byKey.entries()].filter(([, ts]) => ts.length > 1).map(([k]) => k);

  const numbers = await sql<{ n: number; d: number }>`
    select count(*)::int as n, count(distinct number)::int as d from tickets`.execute(db);
  const duplicateNumbers = (numbers.rows[0]?.n ?? 0) - (numbers.rows[0]?.d ?? 0);

  const chain = await verifyAuditChain(db, { maxProblems: 1 });
  const broken = chain.broken[0];

  // One card event per (ticket, round, clock, colour): the sweep's at-most-once promise.
  const cardEvents = await sql<{ ticket_id: number; action: string; clock: string; n: number }>`
    select ticket_id, action, data->>'clock' as clock, count(*)::int as n from ticket_events
    where action in ('yellow_card', 'red_card') group by ticket_id, action, data->>'clock'`.execute(db);
  const cards = await db.selectFrom('ticket_cards').select(['ticket_id', 'clock', 'colour']).execute();
  const eventKeys = new Set(
    cardEvents.rows.map((e) => `${e.ticket_id}:${e.action === 'red_card' ? 'red' : 'yellow'}:${e.clock}`),
  );
  const issued = cards.filter((c) => c.colour === 'yellow' || c.colour === 'red');

  const sms = await db
    .selectFrom('outbox')
    .select(['id', 'recipient', 'dedupe_key', 'sent_at'])
    .where('channel', '=', 'sms')
    .execute();
  const perTicket = new Map<number, number>();
  for (const m of sms) {
    if (!m.dedupe_key?.startsWith('ticket_received:')) continue;
    const id = Number(m.recipient.slice('ticket:'.length));
    perTicket.set(id, (perTicket.get(id) ?? 0) + 1);
  }
  const sentKeys = new Set(sms.filter((m) => m.sent_at !== null).map((m) => `jiesu-outbox-${m.id}`));
  const gatewayKeys = [...receiver.keys.keys()];
  const inapp = await sql<{ sent: number; notes: number }>`
    select (select count(*)::int from outbox where channel = 'inapp' and sent_at is not null) as sent,
           (select count(*)::int from notifications) as notes`.execute(db);

  return {
    acknowledged: acknowledged.length,
    keys: records.length,
    tickets: rows.length,
    missing,
    duplicated,
    duplicateNumbers,
    chain: {
      ok: chain.ok,
      tickets: chain.tickets,
      events: chain.events,
      firstBroken: broken ? `${broken.number} #${broken.seq}: ${broken.problem} ${broken.detail}` : null,
    },
    cards: {
      issued: issued.length,
      duplicated: cardEvents.rows.filter((e) => e.n > 1).length,
      withoutEvent: issued.filter((c) => !eventKeys.has(`${c.ticket_id}:${c.colour}:${c.clock}`)).length,
    },
    sms: {
      rows: sms.length,
      sent: sentKeys.size,
      ticketsWithoutOne: rows.filter((t) => !perTicket.has(t.id)).length,
      ticketsWithTwo: [...perTicket.values()].filter((n) => n > 1).length,
      atGateway: gatewayKeys.length,
      resent: [...receiver.keys.values()].filter((n) => n > 1).length,
      neverArrived: [...sentKeys].filter((k) => !receiver.keys.has(k)).length,
      unknownAtGateway: gatewayKeys.filter((k) => !sentKeys.has(k)).length,
    },
    inapp: { sent: inapp.rows[0]?.sent ?? 0, notifications: inapp.rows[0]?.notes ?? 0 },
  };
}
