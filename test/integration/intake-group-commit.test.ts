/**
 * Group commit at intake: concurrent intakes share one statement, each keeps
 * its own number, first event and acknowledgement SMS, and a row that fails
 * takes down only itself (PGlite, or PostgreSQL when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTicketId } from '../../src/db/repositories/ticket-ids.js';
import { type IntakeWrite, writeIntake } from '../../src/db/repositories/ticket-intake-writer.js';
import { newTicket } from '../support/factories.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await openTestRuntime();
});
afterAll(async () => {
  await rt?.close();
});

function bare(id: number, number: string): IntakeWrite {
  const at = new Date('2024-11-26T02:00:00Z');
  return {
    ticket: {
      id,
      number,
      channel: 'phone',
      type: 'inquiry',
      state: 'received',
      title: 't',
      description: 'd',
      received_at: at,
    },
    event: {
      ticket_id: id,
      seq: 1,
      action: 'intake',
      from_state: null,
      to_state: 'received',
      actor_user_id: null,
      actor_role: 'agent',
      actor_unit_id: null,
      at,
      reason: null,
      data: '{}',
      public: true,
      hash: `h${id}`,
    },
    outbox: [],
  };
}

describe(`group commit at intake on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('writes 60 concurrent intakes with their own numbers, first events and SMS', async () => {
    const tickets = await Promise.all(Array.from({ length: 60 }, () => newTicket(rt.ctx)));
    const ids = tickets.map((t) => t.id);
    expect(new Set(ids).size).toBe(60);
    expect(new Set(tickets.map((t) => t.number)).size).toBe(60);
    const events = await rt.ctx.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'seq', 'hash'])
      .where('ticket_id', 'in', ids)
      .execute();
    expect(events).toHaveLength(60);
    for (const t of tickets) {
      const e = events.find((x) => x.ticket_id === t.id);
      expect(e?.seq).toBe(1);
      expect(e?.hash).toBe(t.last_event_hash);
    }
    const sms = await rt.ctx.db
      .selectFrom('outbox')
      .select('dedupe_key')
      .where(
        'dedupe_key',
        'in',
        ids.map((id) => `ticket_received:${id}`),
      )
      .execute();
    expect(sms).toHaveLength(60);
  });

  it('fails only the ticket at fault when a batch cannot be written', async () => {
    const taken = (await newTicket(rt.ctx)).number;
    const ids = await Promise.all(Array.from({ length: 9 }, () => nextTicketId(rt.ctx.db)));
    const writes = ids.map((id, i) => bare(id, i === 4 ? taken : `GC-${id}`));
    const results = await Promise.allSettled(writes.map((w) => writeIntake(rt.ctx.db, w)));
    expect(results.map((r) => r.status)).toEqual(ids.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    const written = await rt.ctx.db.selectFrom('tickets').select('id').where('id', 'in', ids).execute();
    expect(written.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      ids.filter((_, i) => i !== 4).sort((a, b) => a - b),
    );
    const orphan = await rt.ctx.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', ids[4] ?? 0)
      .execute();
    expect(orphan).toHaveLength(0);
  });

  it('writes inside a transaction through that transaction', async () => {
    const id = await nextTicketId(rt.ctx.db);
    await expect(
      rt.ctx.db.transaction().execute(async (trx) => {
        await writeIntake(trx, bare(id, `GC-T-${id}`));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const row = await rt.ctx.db.selectFrom('tickets').select('id').where('id', '=', id).executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
