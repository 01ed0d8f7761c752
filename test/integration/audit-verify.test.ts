/**
 * The tamper-evident event log on a real database: tickets taken through
 * random sequences of real use cases keep an intact chain that replays to
 * the stored row, and every kind of edit or deletion made behind the
 * application's back is found — with the ticket and event it starts at.
 * Each tampering happens in a transaction that is rolled back afterwards.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trx } from '../../src/db/database.js';
import { listEvents } from '../../src/db/repositories/ticket-events.js';
import type { TicketRow } from '../../src/db/schema.js';
import { isAppError } from '../../src/domain/errors.js';
import { type VerifyAuditResult, verifyAuditChain } from '../../src/services/audit-verify.js';
import { answerTicket } from '../../src/services/tickets/answer-ticket.js';
import { approveExtension } from '../../src/services/tickets/approve-extension.js';
import { approveReturn } from '../../src/services/tickets/approve-return.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { invalidateTicket } from '../../src/services/tickets/invalidate-ticket.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { recordContact } from '../../src/services/tickets/record-contact.js';
import { rejectReturn } from '../../src/services/tickets/reject-return.js';
import { reopenTicket } from '../../src/services/tickets/reopen-ticket.js';
import { replyTicket } from '../../src/services/tickets/reply-ticket.js';
import { requestExtension } from '../../src/services/tickets/request-extension.js';
import { returnTicket } from '../../src/services/tickets/return-ticket.js';
import { setExemption } from '../../src/services/tickets/set-exemption.js';
import { setSupervision } from '../../src/services/tickets/set-supervision.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';
import {
  AGENT,
  DISPATCHER,
  handlerOf,
  MAIN_UNIT,
  newTicket,
  ticketIn,
  unitId,
} from '../support/factories.js';
import { replayLog } from '../support/replay-log.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let tickets: TicketRow[];
const RUNS = Math.max(10, Math.round(Number(process.env.JIESU_FUZZ_RUNS ?? 600) / 20));

beforeAll(async () => {
  rt = await openTestRuntime();
  tickets = [];
  for (const s of ['received', 'dispatched', 'return_requested', 'in_progress', 'closed'] as const) {
    tickets.push(await ticketIn(rt.ctx, s));
  }
});
afterAll(async () => {
  await rt?.close();
});

class Rollback extends Error {}

/** Tampers inside a transaction, verifies there, and rolls everything back. */
async function tampered(change: (trx: Trx) => Promise<void>): Promise<VerifyAuditResult> {
  let result: VerifyAuditResult | null = null;
  try {
    await rt.ctx.db.transaction().execute(async (trx) => {
      await change(trx);
      result = await verifyAuditChain(trx, { maxProblems: 5 });
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  if (!result) throw new Error('no result');
  return result;
}

describe(`tamper-evident audit on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('an untouched log verifies, with a stable head digest', async () => {
    const a = await verifyAuditChain(rt.ctx.db);
    expect(a.ok).toBe(true);
    expect(a.tickets).toBeGreaterThanOrEqual(5);
    expect(a.events).toBeGreaterThan(a.tickets);
    expect((await verifyAuditChain(rt.ctx.db)).headDigest).toBe(a.headDigest);
  });

  it('finds an edited event, and names the ticket and the event', async () => {
    const t = tickets[3] as TicketRow;
    const r = await tampered(async (trx) => {
      await trx
        .updateTable('ticket_events')
        .set({ reason: '已改写' })
        .where('ticket_id', '=', t.id)
        .where('seq', '=', 2)
        .execute();
    });
    expect(r.ok).toBe(false);
    expect(r.broken[0]).toMatchObject({ ticketId: t.id, number: t.number, seq: 2, problem: 'hash_mismatch' });
  });

  it('finds edits of time, actor and data, and a recomputed hash of the edited event', async () => {
    const t = tickets[4] as TicketRow;
    const cases: [string, (trx: Trx) => Promise<void>, number | null][] = [
      [
        'at',
        (trx) =>
          sql`update ticket_events set at = at + interval '1 second' where ticket_id = ${t.id} and seq = 3`
            .execute(trx)
            .then(() => {}),
        3,
      ],
      [
        'actor',
        (trx) =>
          trx
            .updateTable('ticket_events')
            .set({ actor_role: 'admin' })
            .where('ticket_id', '=', t.id)
            .where('seq', '=', 1)
            .execute()
            .then(() => {}),
        1,
      ],
      [
        'data',
        (trx) =>
          trx
            .updateTable('ticket_events')
            .set({ data: JSON.stringify({ forged: true }) })
            .where('ticket_id', '=', t.id)
            .where('seq', '=', 2)
            .execute()
            .then(() => {}),
        2,
      ],
      // The forger re-hashes the edited event itself: the next event no longer links to it.
      [
        'rehash',
        (trx) =>
          trx
            .updateTable('ticket_events')
            .set({ hash: 'f'.repeat(64) })
            .where('ticket_id', '=', t.id)
            .where('seq', '=', 2)
            .execute()
            .then(() => {}),
        2,
      ],
    ];
    for (const [, change, seq] of cases) {
      const r = await tampered(change);
      expect(r.ok).toBe(false);
      expect(r.broken[0]?.ticketId).toBe(t.id);
      expect(r.broken[0]?.seq).toBe(seq);
    }
  });

  it('finds a deleted event in the middle and at the end, and a ticket row changed behind its log', async () => {
    const t = tickets[3] as TicketRow;
    const middle = await tampered((trx) =>
      trx
        .deleteFrom('ticket_events')
        .where('ticket_id', '=', t.id)
        .where('seq', '=', 2)
        .execute()
        .then(() => {}),
    );
    expect(middle.broken[0]).toMatchObject({ ticketId: t.id, seq: 2, problem: 'sequence_gap' });
    const last = await tampered((trx) =>
      trx
        .deleteFrom('ticket_events')
        .where('ticket_id', '=', t.id)
        .where('seq', '=', t.event_count)
        .execute()
        .then(() => {}),
    );
    expect(last.broken[0]).toMatchObject({ ticketId: t.id, seq: null, problem: 'count_mismatch' });
    // Deleting the last event and covering it up in the ticket row still leaves the head hash behind.
    const covered = await tampered(async (trx) => {
      await trx
        .deleteFrom('ticket_events')
        .where('ticket_id', '=', t.id)
        .where('seq', '=', t.event_count)
        .execute();
      await trx
        .updateTable('tickets')
        .set({ event_count: t.event_count - 1 })
        .where('id', '=', t.id)
        .execute();
    });
    expect(covered.broken[0]).toMatchObject({ ticketId: t.id, problem: 'head_mismatch' });
    const state = await tampered((trx) =>
      trx
        .updateTable('tickets')
        .set({ state: 'closed' })
        .where('id', '=', t.id)
        .execute()
        .then(() => {}),
    );
    expect(state.broken[0]).toMatchObject({ ticketId: t.id, problem: 'state_mismatch' });
    const all = await tampered((trx) =>
      trx
        .deleteFrom('ticket_events')
        .where('ticket_id', '=', t.id)
        .execute()
        .then(() => {}),
    );
    expect(all.broken[0]).toMatchObject({ ticketId: t.id, problem: 'no_intake_event' });
  });

  it('random sequences of real use cases keep a chain that replays to the stored ticket', async () => {
    const main = await unitId(rt.ctx, MAIN_UNIT);
    const handler = await handlerOf(rt.ctx, MAIN_UNIT);
    const ctx = rt.ctx;
    const HOUR = 3_600_000;
    type Use = (id: number) => Promise<unknown>;
    const uses: Record<string, Use> = {
      dispatch: (id) => dispatchTicket(ctx, { ticketId: id, actor: DISPATCHER, mainUnitId: main }),
      sign: (id) => signTicket(ctx, { ticketId: id, actor: handler }),
      return: (id) => returnTicket(ctx, { ticketId: id, actor: handler, reason: '非本单位职责' }),
      approveReturn: (id) => approveReturn(ctx, { ticketId: id, actor: DISPATCHER }),
      rejectReturn: (id) => rejectReturn(ctx, { ticketId: id, actor: DISPATCHER, reason: '属本单位职责' }),
      contact: (id) => recordContact(ctx, { ticketId: id, actor: handler }),
      extend: (id) =>
        requestExtension(ctx, {
          ticketId: id,
          actor: handler,
          reason: '需协调',
          until: new Date(ctx.clock().getTime() + 20 * 24 * HOUR),
        }),
      approveExtension: (id) => approveExtension(ctx, { ticketId: id, actor: DISPATCHER }),
      reply: (id) => replyTicket(ctx, { ticketId: id, actor: handler, reply: '已办结' }),
      callback: (id) =>
        recordCallback(ctx, {
          ticketId: id,
          actor: DISPATCHER,
          reached: true,
          resolved: false,
          satisfaction: 'unsatisfied',
        }),
      reopen: (id) => reopenTicket(ctx, { ticketId: id, actor: DISPATCHER, reason: '未解决' }),
      supervise: (id) =>
        setSupervision(ctx, { ticketId: id, actor: DISPATCHER, supervised: true, reason: '督办' }),
      unsupervise: (id) =>
        setSupervision(ctx, { ticketId: id, actor: DISPATCHER, supervised: false, reason: '解除' }),
      exempt: (id) =>
        setExemption(ctx, { ticketId: id, actor: DISPATCHER, exempt: true, reason: '不可抗力' }),
      answer: (id) => answerTicket(ctx, { ticketId: id, actor: AGENT, answer: '已直接答复' }),
      invalidate: (id) => invalidateTicket(ctx, { ticketId: id, actor: DISPATCHER, reason: '重复骚扰' }),
    };
    let actions = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            // The main road (dispatch → sign → contact → reply → callback → reopen) more often than side roads.
            fc.oneof(
              {
                weight: 3,
                arbitrary: fc.constantFrom('dispatch', 'sign', 'contact', 'reply', 'callback', 'reopen'),
              },
              { weight: 2, arbitrary: fc.constantFrom(...Object.keys(uses)) },
            ),
            fc.integer({ min: 0, max: 30 * 60_000 }),
          ),
          { maxLength: 14 },
        ),
        async (steps) => {
          const t = await newTicket(ctx);
          for (const [name, advance] of steps) {
            rt.clock.advance(advance);
            actions++;
            try {
              await (uses[name] as Use)(t.id);
            } catch (err) {
              if (!isAppError(err)) throw err;
            }
          }
          const row = await ctx.db
            .selectFrom('tickets')
            .selectAll()
            .where('id', '=', t.id)
            .executeTakeFirstOrThrow();
          const events = await listEvents(ctx.db, t.id);
          const replayed = replayLog(
            events.map((e) => ({ action: e.action, toState: e.to_state, data: e.data })),
          );
          expect(replayed.state).toBe(row.state);
          expect(replayed.supervised).toBe(row.supervised);
          expect(replayed.exempt).toBe(row.exempt);
          expect(replayed.mainUnitId).toBe(row.main_unit_id);
          expect(replayed.extensionPending).toBe(row.extension_requested_until !== null);
        },
      ),
      { numRuns: RUNS },
    );
    const r = await verifyAuditChain(ctx.db);
    expect(r.broken).toEqual([]);
    console.log(
      `audit-verify: ${RUNS} random use-case sequences, ${actions} actions, ${r.tickets} tickets and ${r.events} events verified`,
    );
  });
});
