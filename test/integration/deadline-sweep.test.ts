/**
 * The deadline sweep on a real database (PGlite, or PostgreSQL when
 * DATABASE_URL is set) with a fake clock: yellow and red cards on each clock,
 * supervision, callback reminders, working time, new rounds, extensions, at
 * most once however often and however many processes run it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { eventHash, listEvents, rowToNewEvent } from '../../src/db/repositories/ticket-events.js';
import { findTicket } from '../../src/db/repositories/tickets.js';
import { createContext, type ServiceContext } from '../../src/services/context.js';
import { runDeadlineSweep } from '../../src/services/sweep/run-deadline-sweep.js';
import { approveExtension } from '../../src/services/tickets/approve-extension.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { recordContact } from '../../src/services/tickets/record-contact.js';
import { reopenTicket } from '../../src/services/tickets/reopen-ticket.js';
import { replyTicket } from '../../src/services/tickets/reply-ticket.js';
import { requestExtension } from '../../src/services/tickets/request-extension.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';
import {
  DISPATCHER,
  handlerOf,
  MAIN_UNIT,
  newTicket,
  someLeafCategory,
  ticketIn,
  unitId,
} from '../support/factories.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await openTestRuntime();
});
afterAll(async () => {
  await rt?.close();
});
// Tickets of earlier tests are parked so that each test's totals are its own.
beforeEach(async () => {
  await rt.ctx.db.updateTable('tickets').set({ next_check_at: null }).execute();
});

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const bj = (local: string): Date => new Date(`${local}+08:00`);
const onPostgres = Boolean(process.env.DATABASE_URL);

async function sweep(ctx: ServiceContext = rt.ctx) {
  return runDeadlineSweep(ctx);
}

async function cardsOf(ticketId: number): Promise<string[]> {
  const rows = await rt.ctx.db
    .selectFrom('ticket_cards')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('issued_at')
    .orderBy('clock')
    .orderBy('colour', 'desc')
    .execute();
  return rows.map((r) => `${r.round}:${r.clock}:${r.colour}`);
}

async function sweepEvents(ticketId: number): Promise<string[]> {
  const events = await listEvents(rt.ctx.db, ticketId);
  return events
    .filter((e) => ['yellow_card', 'red_card', 'supervise'].includes(e.action))
    .map((e) => (e.action === 'supervise' ? 'supervise' : `${e.action}:${String(e.data.clock)}`));
}

async function outboxFor(ticketId: number, templates: string[]) {
  const rows = await rt.ctx.db
    .selectFrom('outbox')
    .select(['template', 'recipient', 'dedupe_key'])
    .where('template', 'in', templates)
    .where(sql<boolean>`(payload->>'ticketId')::bigint = ${ticketId}`)
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.template}>${r.recipient}`);
}

async function row(ticketId: number) {
  const t = await findTicket(rt.ctx.db, ticketId);
  if (!t) throw new Error(`ticket ${ticketId} is gone`);
  return t;
}

async function expectLogReplays(ticketId: number): Promise<void> {
  const ticket = await row(ticketId);
  const events = await listEvents(rt.ctx.db, ticketId);
  let hash: string | null = null;
  for (const e of events) {
    hash = eventHash(hash, rowToNewEvent(e));
    expect(e.hash).toBe(hash);
  }
  expect(hash).toBe(ticket.last_event_hash);
  expect(events.length).toBe(ticket.event_count);
}

describe(`deadline sweep on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('intake leaves next_check_at empty; dispatch sets it to the sign yellow at 75% (1 h 30)', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const received = await newTicket(rt.ctx);
    expect(received.next_check_at).toBeNull();
    const t = await ticketIn(rt.ctx, 'dispatched');
    expect(t.next_check_at?.getTime()).toBe(rt.clock.now().getTime() + 90 * MIN);
    expect(t.card).toBe('none');
  });

  it('sign clock: yellow at 1 h 30, red after 2 h, each once, with events and notices', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const t = await ticketIn(rt.ctx, 'dispatched');
    const main = await unitId(rt.ctx, MAIN_UNIT);
    rt.clock.advance(90 * MIN - 1);
    expect(await sweep()).toEqual({ checked: 0, yellow: 0, red: 0, supervised: 0, callbackReminders: 0 });
    rt.clock.advance(1);
    expect(await sweep()).toMatchObject({ checked: 1, yellow: 1, red: 0 });
    expect(await cardsOf(t.id)).toEqual(['1:sign:yellow']);
    expect((await row(t.id)).card).toBe('yellow');
    expect((await row(t.id)).next_check_at?.getTime()).toBe(t.dispatched_at!.getTime() + 2 * HOUR + 1);
    expect(await sweep()).toMatchObject({ checked: 0, yellow: 0 });

    rt.clock.advance(30 * MIN); // exactly at due: still yellow
    expect(await sweep()).toMatchObject({ checked: 0, red: 0 });
    rt.clock.advance(1);
    expect(await sweep()).toMatchObject({ checked: 1, yellow: 0, red: 1 });
    expect(await cardsOf(t.id)).toEqual(['1:sign:yellow', '1:sign:red']);
    expect((await row(t.id)).card).toBe('red');
    expect(await sweepEvents(t.id)).toEqual(['yellow_card:sign', 'red_card:sign']);
    expect(await outboxFor(t.id, ['card_yellow', 'card_red'])).toEqual([
      `card_yellow>unit:${main}`,
      `card_red>unit:${main}`,
      'card_red>role:dispatcher',
    ]);
    // The next thing due is the response clock's yellow at 18 h.
    expect((await row(t.id)).next_check_at?.getTime()).toBe(t.dispatched_at!.getTime() + 18 * HOUR);
    await expectLogReplays(t.id);
  });

  it('a sweep that comes late issues the skipped yellow with the red', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const t = await ticketIn(rt.ctx, 'dispatched');
    rt.clock.advance(3 * HOUR);
    expect(await sweep()).toMatchObject({ checked: 1, yellow: 1, red: 1 });
    expect(await sweepEvents(t.id)).toEqual(['yellow_card:sign', 'red_card:sign']);
  });

  it('response and reply clocks, then supervision 24 h after the reply was due', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const handler = await handlerOf(rt.ctx, MAIN_UNIT);
    const t = await ticketIn(rt.ctx, 'dispatched');
    const start = t.dispatched_at!.getTime();
    rt.clock.advance(HOUR);
    await signTicket(rt.ctx, { ticketId: t.id, actor: handler });
    expect((await row(t.id)).next_check_at?.getTime()).toBe(start + 18 * HOUR);
    rt.clock.set(new Date(start + 18 * HOUR));
    expect(await sweep()).toMatchObject({ checked: 1, yellow: 1 });
    rt.clock.set(new Date(start + 24 * HOUR + 1));
    expect(await sweep()).toMatchObject({ checked: 1, red: 1 });
    await recordContact(rt.ctx, { ticketId: t.id, actor: handler, note: '已联系' });
    // A late contact stops the clock but the card stays red.
    expect((await row(t.id)).card).toBe('red');
    expect((await row(t.id)).next_check_at?.getTime()).toBe(start + 5.25 * DAY);
    rt.clock.set(new Date(start + 5.25 * DAY));
    expect(await sweep()).toMatchObject({ yellow: 1, red: 0 });
    rt.clock.set(new Date(start + 7 * DAY + 1));
    expect(await sweep()).toMatchObject({ red: 1, supervised: 0 });
    rt.clock.set(new Date(start + 8 * DAY - 1));
    expect(await sweep()).toMatchObject({ checked: 0, supervised: 0 });
    rt.clock.set(new Date(start + 8 * DAY));
    expect(await sweep()).toMatchObject({ checked: 1, supervised: 1 });
    const after = await row(t.id);
    expect(after.supervised).toBe(true);
    expect(after.next_check_at).toBeNull();
    expect(await sweepEvents(t.id)).toEqual([
      'yellow_card:response',
      'red_card:response',
      'yellow_card:reply',
      'red_card:reply',
      'supervise',
    ]);
    expect(await outboxFor(t.id, ['ticket_supervised'])).toEqual([
      `ticket_supervised>unit:${after.main_unit_id}`,
      'ticket_supervised>role:dispatcher',
    ]);
    rt.clock.advance(10 * DAY);
    expect(await sweep()).toMatchObject({ checked: 0 });
    await expectLogReplays(t.id);
  });

  it('supervision follows the sweep setting', async () => {
    await rt.ctx.db
      .updateTable('settings')
      .set({ value: JSON.stringify({ superviseAfterOverdueHours: 2, batchSize: 500 }) })
      .where('key', '=', 'sweep')
      .execute();
    // A new context: settings are cached per context for a few seconds.
    const ctx = createContext({
      handle: rt.handle,
      config: rt.ctx.config,
      cipher: rt.ctx.cipher,
      clock: rt.clock.now,
    });
    try {
      rt.clock.set('2024-11-26T10:00:00+08:00');
      const t = await ticketIn(ctx, 'in_progress');
      rt.clock.set(new Date(t.reply_due_at!.getTime() + 2 * HOUR));
      expect(await sweep(ctx)).toMatchObject({ supervised: 1 });
    } finally {
      await rt.ctx.db
        .updateTable('settings')
        .set({ value: JSON.stringify({ superviseAfterOverdueHours: 24, batchSize: 500 }) })
        .where('key', '=', 'sweep')
        .execute();
    }
  });

  it('a clock done in time stops: nothing is issued for it', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const t = await ticketIn(rt.ctx, 'dispatched');
    rt.clock.advance(80 * MIN);
    await signTicket(rt.ctx, { ticketId: t.id, actor: await handlerOf(rt.ctx, MAIN_UNIT) });
    rt.clock.advance(5 * HOUR);
    expect(await sweep()).toMatchObject({ checked: 0 });
    expect(await cardsOf(t.id)).toEqual([]);
    expect((await row(t.id)).card).toBe('none');
  });

  it('is idempotent: a ticket claimed again issues nothing twice', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const t = await ticketIn(rt.ctx, 'dispatched');
    rt.clock.advance(3 * HOUR);
    expect(await sweep()).toMatchObject({ yellow: 1, red: 1 });
    const events = (await row(t.id)).event_count;
    for (let i = 0; i < 3; i++) {
      // As if another process had not yet seen the new next_check_at.
      await rt.ctx.db
        .updateTable('tickets')
        .set({ next_check_at: rt.clock.now() })
        .where('id', '=', t.id)
        .execute();
      expect(await sweep()).toEqual({ checked: 1, yellow: 0, red: 0, supervised: 0, callbackReminders: 0 });
    }
    expect((await row(t.id)).event_count).toBe(events);
    expect(await cardsOf(t.id)).toEqual(['1:sign:yellow', '1:sign:red']);
    expect((await row(t.id)).next_check_at?.getTime()).toBeGreaterThan(rt.clock.now().getTime());
  });

  it('two sweeps racing issue every card exactly once', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const tickets = [];
    for (let i = 0; i < 24; i++) tickets.push(await ticketIn(rt.ctx, 'dispatched'));
    rt.clock.advance(3 * HOUR);
    let other: DatabaseHandle | null = null;
    let second = rt.ctx;
    if (onPostgres) {
      // A second "server process": its own pool on the same database.
      other = await openDatabase({ url: rt.handle.pool.options.connectionString ?? '', poolSize: 4 });
      second = createContext({
        handle: other,
        config: rt.ctx.config,
        cipher: rt.ctx.cipher,
        clock: rt.clock.now,
      });
    }
    try {
      const results = await Promise.all([
        runDeadlineSweep(rt.ctx, { batchSize: 5 }),
        runDeadlineSweep(second, { batchSize: 5 }),
        runDeadlineSweep(rt.ctx, { batchSize: 3 }),
      ]);
      const total = results.reduce((sum, r) => ({ yellow: sum.yellow + r.yellow, red: sum.red + r.red }), {
        yellow: 0,
        red: 0,
      });
      expect(total).toEqual({ yellow: 24, red: 24 });
      expect(results.reduce((sum, r) => sum + r.checked, 0)).toBe(24);
    } finally {
      await other?.close();
    }
    for (const t of tickets) {
      expect(await cardsOf(t.id)).toEqual(['1:sign:yellow', '1:sign:red']);
      expect(await sweepEvents(t.id)).toEqual(['yellow_card:sign', 'red_card:sign']);
      await expectLogReplays(t.id);
    }
    const ids = tickets.map((t) => t.id);
    const notices = await rt.ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('template', 'in', ['card_yellow', 'card_red'])
      .where(sql<boolean>`(payload->>'ticketId')::bigint in (${sql.join(ids)})`)
      .executeTakeFirst();
    expect(Number(notices?.n)).toBe(24 * 3);
  });

  it('callback reminders to the centre at 75% of the callback time and when it is overdue', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const t = await ticketIn(rt.ctx, 'replied');
    const replied = t.replied_at!.getTime();
    expect(t.next_check_at?.getTime()).toBe(replied + 54 * HOUR);
    rt.clock.set(new Date(replied + 54 * HOUR));
    expect(await sweep()).toMatchObject({ checked: 1, callbackReminders: 1, yellow: 0 });
    rt.clock.set(new Date(replied + 3 * DAY + 1));
    expect(await sweep()).toMatchObject({ checked: 1, callbackReminders: 1, red: 0 });
    expect(await outboxFor(t.id, ['callback_reminder'])).toEqual([
      'callback_reminder>role:dispatcher',
      'callback_reminder>role:dispatcher',
    ]);
    const after = await row(t.id);
    expect(after.card).toBe('none');
    expect(after.next_check_at).toBeNull();
    expect(await cardsOf(t.id)).toEqual(['1:callback:yellow', '1:callback:red']);
    await recordCallback(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reached: false });
    expect((await row(t.id)).next_check_at).toBeNull();
  });

  it('working time (好差评整改): a Friday-evening dispatch turns yellow on Monday, not over the weekend', async () => {
    const category = await someLeafCategory(rt.ctx);
    await rt.ctx.db
      .updateTable('categories')
      .set({ policy_code: 'rectification' })
      .where('id', '=', category)
      .execute();
    rt.ctx.reference.invalidate();
    try {
      rt.clock.set('2024-11-29T17:00:00+08:00');
      const t = await ticketIn(rt.ctx, 'dispatched', { categoryId: category });
      expect(t.policy_code).toBe('rectification');
      expect(t.sign_due_at).toEqual(bj('2024-12-02T10:00:00'));
      expect(t.next_check_at).toEqual(bj('2024-12-02T09:30:00'));
      rt.clock.set('2024-12-01T23:00:00+08:00');
      expect(await sweep()).toMatchObject({ checked: 0 });
      rt.clock.set('2024-12-02T09:30:00+08:00');
      expect(await sweep()).toMatchObject({ checked: 1, yellow: 1 });

      // Over the National Day holiday (1–7 October 2024).
      rt.clock.set('2024-09-30T17:00:00+08:00');
      const h = await ticketIn(rt.ctx, 'dispatched', { categoryId: category });
      expect(h.next_check_at).toEqual(bj('2024-10-08T09:30:00'));
      rt.clock.set('2024-10-07T18:00:00+08:00');
      expect(await sweep()).toMatchObject({ checked: 0 });
      rt.clock.set('2024-10-08T10:00:01+08:00');
      expect(await sweep()).toMatchObject({ checked: 1, yellow: 1, red: 1 });
    } finally {
      await rt.ctx.db
        .updateTable('categories')
        .set({ policy_code: 'general' })
        .where('id', '=', category)
        .execute();
      rt.ctx.reference.invalidate();
    }
  });

  it('reopen starts a new round with fresh clocks and no cards', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const handler = await handlerOf(rt.ctx, MAIN_UNIT);
    let t = await ticketIn(rt.ctx, 'dispatched');
    rt.clock.advance(3 * HOUR);
    await sweep();
    await signTicket(rt.ctx, { ticketId: t.id, actor: handler });
    await recordContact(rt.ctx, { ticketId: t.id, actor: handler, note: '已联系' });
    await replyTicket(rt.ctx, { ticketId: t.id, actor: handler, reply: '已处理' });
    await recordCallback(rt.ctx, {
      ticketId: t.id,
      actor: DISPATCHER,
      reached: true,
      resolved: false,
      satisfaction: 'unsatisfied',
    });
    t = await row(t.id);
    expect(t.state).toBe('closed');
    expect(t.next_check_at).toBeNull();
    t = (await reopenTicket(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reason: '仍未解决' })).ticket;
    expect(t.dispatch_round).toBe(2);
    expect(t.card).toBe('none');
    expect(t.next_check_at?.getTime()).toBe(rt.clock.now().getTime() + 90 * MIN);
    rt.clock.advance(3 * HOUR);
    expect(await sweep()).toMatchObject({ yellow: 1, red: 1 });
    expect(await cardsOf(t.id)).toEqual(['1:sign:yellow', '1:sign:red', '2:sign:yellow', '2:sign:red']);
  });

  it('an approved extension takes the red card off; the new deadline turns it yellow and red again', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const handler = await handlerOf(rt.ctx, MAIN_UNIT);
    const t = await ticketIn(rt.ctx, 'in_progress');
    const due = t.reply_due_at!.getTime();
    rt.clock.set(new Date(due + HOUR));
    expect(await sweep()).toMatchObject({ yellow: 1, red: 1 });
    expect((await row(t.id)).card).toBe('red');
    const until = new Date(due + 4 * DAY);
    await requestExtension(rt.ctx, { ticketId: t.id, actor: handler, until, reason: '需协调施工' });
    const approved = (await approveExtension(rt.ctx, { ticketId: t.id, actor: DISPATCHER })).ticket;
    expect(approved.card).toBe('none');
    // 75% of the 11 days from dispatch: day 8.25.
    const start = t.dispatched_at!.getTime();
    expect(approved.next_check_at?.getTime()).toBe(start + 8.25 * DAY);
    rt.clock.set(new Date(start + 8.25 * DAY));
    expect(await sweep()).toMatchObject({ checked: 1, yellow: 0 });
    expect((await row(t.id)).card).toBe('yellow');
    rt.clock.set(new Date(until.getTime() + 1));
    expect(await sweep()).toMatchObject({ checked: 1, red: 0 });
    expect((await row(t.id)).card).toBe('red');
    // One card per clock and colour in a round: the red is not issued twice.
    expect(await cardsOf(t.id)).toEqual(['1:reply:yellow', '1:reply:red']);
  });

  it('a ticket returned to the centre has no clock and is not looked at', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const t = await ticketIn(rt.ctx, 'return_requested');
    expect(t.next_check_at).not.toBeNull();
    const { approveReturn } = await import('../../src/services/tickets/approve-return.js');
    const r = await approveReturn(rt.ctx, { ticketId: t.id, actor: DISPATCHER });
    expect(r.ticket.next_check_at).toBeNull();
    const again = await dispatchTicket(rt.ctx, {
      ticketId: t.id,
      actor: DISPATCHER,
      mainUnitId: await unitId(rt.ctx, MAIN_UNIT),
    });
    expect(again.ticket.next_check_at?.getTime()).toBe(rt.clock.now().getTime() + 90 * MIN);
  });

  it('a ticket that cannot be swept is retried an hour later and holds back no other', async () => {
    rt.clock.set('2024-11-26T10:00:00+08:00');
    const broken = await ticketIn(rt.ctx, 'dispatched');
    const fine = await ticketIn(rt.ctx, 'dispatched');
    await sql`
      create function refuse_card() returns trigger language plpgsql as $$
      begin raise exception 'card refused for the test'; end $$`.execute(rt.ctx.db);
    await sql`
      create trigger refuse_card before insert on ticket_cards for each row
      when (new.ticket_id = ${sql.lit(broken.id)}) execute function refuse_card()`.execute(rt.ctx.db);
    try {
      rt.clock.advance(3 * HOUR);
      const skipped: number[] = [];
      const r = await runDeadlineSweep(rt.ctx, { onError: (id) => skipped.push(id) });
      expect(r).toMatchObject({ checked: 2, yellow: 1, red: 1 });
      expect(skipped).toEqual([broken.id]);
      expect(await cardsOf(fine.id)).toEqual(['1:sign:yellow', '1:sign:red']);
      const after = await row(broken.id);
      expect(await cardsOf(broken.id)).toEqual([]);
      expect(after.event_count).toBe(broken.event_count);
      expect(after.next_check_at?.getTime()).toBe(rt.clock.now().getTime() + HOUR);
    } finally {
      await sql`drop trigger refuse_card on ticket_cards`.execute(rt.ctx.db);
      await sql`drop function refuse_card()`.execute(rt.ctx.db);
    }
  });

  it('finds due tickets through the next_check_at index', async () => {
    const plan = await rt.ctx.db.transaction().execute(async (trx) => {
      // Small test tables make a sequential scan cheaper; what matters is that the index can serve the query.
      await sql`set local enable_seqscan = off`.execute(trx);
      const result = await sql<Record<string, string>>`
        explain select * from tickets
        where next_check_at <= ${new Date()} and state in ('dispatched','accepted','in_progress','return_requested','replied')
        order by next_check_at limit 500 for update skip locked`.execute(trx);
      return result.rows.map((r) => Object.values(r).join(' ')).join('\n');
    });
    expect(plan).toContain('tickets_next_check');
  });
});
