/**
 * The demo generator: counts, determinism, event logs that replay to the
 * stored rows, the same rows as the real use cases and deadline sweep would
 * write, the reported rise of resolution and satisfaction, open work near
 * `until`, and ticket numbers that live intake can continue.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, rowToNewEvent } from '../../src/db/repositories/ticket-events.js';
import type { EventRow, TicketRow } from '../../src/db/schema.js';
import type { Actor } from '../../src/domain/decide.js';
import { ruleFor, type TicketAction } from '../../src/domain/transitions.js';
import {
  type Channel,
  OPEN_STATES,
  type RequestType,
  type Role,
  type Satisfaction,
  type TicketState,
  type Urgency,
} from '../../src/domain/vocabulary.js';
import { loadModel } from '../../src/nlp/classifier.js';
import { seedDemo } from '../../src/seed/demo/seed-demo.js';
import { trainDemoModel } from '../../src/seed/train-demo-model.js';
import type { ServiceContext } from '../../src/services/context.js';
import { runDeadlineSweep } from '../../src/services/sweep/run-deadline-sweep.js';
import { addCoUnit } from '../../src/services/tickets/add-co-unit.js';
import { addNote } from '../../src/services/tickets/add-note.js';
import { answerTicket } from '../../src/services/tickets/answer-ticket.js';
import { approveExtension } from '../../src/services/tickets/approve-extension.js';
import { approveReturn } from '../../src/services/tickets/approve-return.js';
import { coReply } from '../../src/services/tickets/co-reply.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { intakeTicket } from '../../src/services/tickets/intake-ticket.js';
import { invalidateTicket } from '../../src/services/tickets/invalidate-ticket.js';
import { mergeTicket } from '../../src/services/tickets/merge-ticket.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { recordContact } from '../../src/services/tickets/record-contact.js';
import { rejectExtension } from '../../src/services/tickets/reject-extension.js';
import { rejectReturn } from '../../src/services/tickets/reject-return.js';
import { reopenTicket } from '../../src/services/tickets/reopen-ticket.js';
import { replyTicket } from '../../src/services/tickets/reply-ticket.js';
import { requestCoUnit } from '../../src/services/tickets/request-co-unit.js';
import { requestExtension } from '../../src/services/tickets/request-extension.js';
import { returnTicket } from '../../src/services/tickets/return-ticket.js';
import { setExemption } from '../../src/services/tickets/set-exemption.js';
import { setSupervision } from '../../src/services/tickets/set-supervision.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';
import { fakeClock, openTestRuntime, type TestRuntime } from '../support/runtime.js';

const UNTIL = new Date('2025-03-15T10:00:00+08:00');
const OPTIONS = { tickets: 3000, since: '2019-01', until: UNTIL, seed: 20240826, batchSize: 700 };

async function rows<T>(rt: TestRuntime, query: string): Promise<T[]> {
  return (await sql.raw<T>(query).execute(rt.handle.db)).rows;
}

/** What must come out the same in two runs (ciphertexts differ: their IVs are random). */
async function fingerprint(rt: TestRuntime): Promise<unknown[]> {
  return rows(
    rt,
    `select t.id, t.number, t.title, t.state, t.main_unit_id, t.received_at, t.callback_satisfaction,
            t.citizen_phone_hash, t.citizen_name_masked, t.last_event_hash,
            (select string_agg(action, ',' order by seq) from ticket_events e where e.ticket_id = t.id) as actions
     from tickets t order by t.id`,
  );
}

describe('seedDemo', () => {
  let rt: TestRuntime;
  const progress: number[] = [];
  let result: { tickets: number; events: number };

  beforeAll(async () => {
    rt = await openTestRuntime({ clock: fakeClock(UNTIL) });
    result = await seedDemo(rt.ctx, { ...OPTIONS, onProgress: (done) => progress.push(done) });
  });
  afterAll(async () => {
    await rt?.close();
  });

  it('writes the tickets with their events, reports progress, and dates nothing after until', async () => {
    const [counts] = await rows<{ tickets: number; events: number; latest: Date; received: Date }>(
      rt,
      `select (select count(*) from tickets)::int as tickets, (select count(*) from ticket_events)::int as events,
              (select max(at) from ticket_events) as latest, (select max(received_at) from tickets) as received`,
    );
    expect(result.tickets).toBe(OPTIONS.tickets);
    expect(counts?.tickets).toBe(OPTIONS.tickets);
    expect(counts?.events).toBe(result.events);
    expect(result.events / result.tickets).toBeGreaterThan(6);
    expect(result.events / result.tickets).toBeLessThan(9);
    expect(counts?.latest.getTime()).toBeLessThanOrEqual(UNTIL.getTime());
    expect(counts?.received.getTime()).toBeLessThanOrEqual(UNTIL.getTime());
    expect(progress.at(-1)).toBe(OPTIONS.tickets);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const [later] = await rows<{ n: number }>(
      rt,
      `select ((select count(*) from callbacks where at > '${UNTIL.toISOString()}')
             + (select count(*) from ticket_cards where issued_at > '${UNTIL.toISOString()}')
             + (select count(*) from ticket_units where assigned_at > '${UNTIL.toISOString()}'))::int as n`,
    );
    expect(later?.n).toBe(0);
    const [unfilled] = await rows<{ n: number }>(
      rt,
      `select count(*)::int as n from tickets
       where concat(title, description, reply_text, address) ~ '[{}]' or title like '%村村%' or description like '%村村%'`,
    );
    expect(unfilled?.n).toBe(0);
  });

  it('replays every event log to its ticket: allowed transitions, roles, flags and an intact hash chain', async () => {
    const tickets = new Map(
      (await rt.handle.db.selectFrom('tickets').selectAll().execute()).map((t) => [t.id, t] as const),
    );
    const events = await rt.handle.db
      .selectFrom('ticket_events')
      .selectAll()
      .orderBy('ticket_id')
      .orderBy('seq')
      .execute();
    const byTicket = new Map<number, EventRow[]>();
    for (const e of events) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
    expect(byTicket.size).toBe(tickets.size);
    // Plain checks collected into one list: an expect() per event would take longer than the seeding.
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 20) problems.push(what);
    };
    for (const [id, log] of byTicket) {
      const ticket = tickets.get(id) as TicketRow;
      let state: string | null = null;
      let hash: string | null = null;
      let at = 0;
      log.forEach((e, i) => {
        const rule = ruleFor(e.action as TicketAction);
        const where = `ticket ${ticket.number} event ${e.seq} ${e.action}`;
        check(e.seq === i + 1, `${where}: seq`);
        check(e.from_state === state, `${where}: from ${e.from_state}, expected ${state}`);
        check(
          rule.from === null ? state === null : state !== null && rule.from.includes(state as TicketState),
          `${where}: from`,
        );
        check(e.to_state === (rule.to === 'same' ? state : rule.to), `${where}: to ${e.to_state}`);
        check(rule.roles.includes(e.actor_role as Role), `${where}: role ${e.actor_role}`);
        check(e.public === rule.public, `${where}: public`);
        check(e.at.getTime() >= at, `${where}: earlier than the event before`);
        check(e.hash === eventHash(hash, rowToNewEvent(e)), `${where}: hash`);
        state = e.to_state;
        hash = e.hash;
        at = e.at.getTime();
      });
      check(ticket.state === state, `ticket ${ticket.number}: state ${ticket.state}, log ends in ${state}`);
      check(ticket.event_count === log.length, `ticket ${ticket.number}: event_count`);
      check(ticket.last_event_hash === hash, `ticket ${ticket.number}: last_event_hash`);
    }
    expect(problems).toEqual([]);
  });

  it('raises resolution by about 30 and satisfaction by about 16 points from 2019 to 2024', async () => {
    const years = await rows<{ year: number; resolution: number; satisfaction: number }>(
      rt,
      `select extract(year from callback_at at time zone 'Asia/Shanghai')::int as year,
              avg(case when callback_resolved then 1.0 else 0.0 end)::float8 as resolution,
              avg(case callback_satisfaction when 'satisfied' then 1.0 when 'basically_satisfied' then 0.8 else 0.0 end)::float8
                as satisfaction
       from tickets where callback_reached and not exempt group by 1 order by 1`,
    );
    const of = (year: number) =>
      years.find((y) => y.year === year) ?? { resolution: Number.NaN, satisfaction: Number.NaN };
    const resolution = (of(2024).resolution - of(2019).resolution) * 100;
    const satisfaction = (of(2024).satisfaction - of(2019).satisfaction) * 100;
    expect(Math.abs(resolution - 30), `resolution rose ${resolution.toFixed(1)} points`).toBeLessThanOrEqual(
      6,
    );
    expect(
      Math.abs(satisfaction - 16),
      `satisfaction rose ${satisfaction.toFixed(1)} points`,
    ).toBeLessThanOrEqual(6);
  });

  it('leaves open work near until in every open state, some supervised, carded or awaiting an extension', async () => {
    const open = await rows<{
      state: string;
      n: number;
      supervised: number;
      carded: number;
      extension: number;
    }>(
      rt,
      `select state, count(*)::int as n, count(*) filter (where supervised)::int as supervised,
              count(*) filter (where card <> 'none')::int as carded,
              count(*) filter (where extension_requested_until is not null)::int as extension
       from tickets where state not in ('closed','merged','invalid') group by state`,
    );
    for (const state of OPEN_STATES)
      expect(open.find((o) => o.state === state)?.n ?? 0, state).toBeGreaterThan(0);
    const sum = (k: 'supervised' | 'carded' | 'extension') => open.reduce((a, o) => a + o[k], 0);
    expect(sum('supervised')).toBeGreaterThan(0);
    expect(sum('carded')).toBeGreaterThan(0);
    expect(sum('extension')).toBeGreaterThan(0);
  });

  it('writes the rows the use cases and the deadline sweep write when its histories are replayed', async () => {
    const sample = await rows<{ id: number }>(
      rt,
      `select ticket_id as id from (
         select ticket_id, row_number() over (partition by action order by ticket_id) as n from ticket_events) x
       where n = 1
       union (select distinct on (state) id from tickets order by state, id desc)
       union (select id from tickets where state <> 'closed' order by id desc limit 6)
       union (select id from tickets where callback_reached = false order by id limit 2)
       union (select ticket_id from callbacks where via = 'link' order by ticket_id limit 2)
       union select id from tickets where id % 600 = 0
       union select merged_into_id from tickets where merged_into_id is not null
       order by id`,
    );
    const replay = await openTestRuntime({ clock: fakeClock(UNTIL) });
    try {
      const ids = new Map<number, number>();
      for (const { id } of sample) {
        const original = await snapshot(rt, id);
        const copy = await replayTicket(rt.ctx, replay, original, ids);
        expect(normalise(await snapshot(replay, copy), ids), `ticket ${original.ticket.number}`).toEqual(
          normalise(original, ids),
        );
      }
    } finally {
      await replay.close();
    }
  });

  it('trains a category model from its tickets that suggests their categories, never over an existing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-model-'));
    try {
      const path = join(dir, 'models', 'category.model');
      const trained = await trainDemoModel(rt.handle.db, path);
      expect(trained?.labels).toBeGreaterThan(10);
      const model = await loadModel(path);
      const sample = await rows<{ text: string; code: string }>(
        rt,
        `select t.title || ' ' || t.description as text, c.code from tickets t join categories c on c.id = t.category_id order by t.id limit 200`,
      );
      const right = sample.filter((r) => model.predict(r.text).label === r.code).length;
      expect(right / sample.length).toBeGreaterThan(0.8);
      expect(await trainDemoModel(rt.handle.db, path)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is deterministic for a seed', async () => {
    const again = await openTestRuntime({ clock: fakeClock(UNTIL) });
    try {
      await seedDemo(again.ctx, OPTIONS);
      expect(await fingerprint(again)).toEqual(await fingerprint(rt));
    } finally {
      await again.close();
    }
  });

  it('lets live intake and a second run continue the daily numbering', async () => {
    const last = (
      await rows<{ number: string; received_at: Date }>(
        rt,
        'select number, received_at from tickets order by received_at desc limit 1',
      )
    )[0];
    const live = await intakeTicket(rt.ctx, {
      actor: { role: 'agent', userId: null, unitIds: [] },
      channel: 'phone',
      type: 'inquiry',
      description: '想咨询一下今年供暖什么时候开始。',
      receivedAt: last?.received_at,
    });
    expect(live.number.slice(0, 8)).toBe(last?.number.slice(0, 8));
    expect(Number(live.number.slice(8))).toBe(Number(last?.number.slice(8)) + 1);
    const second = await seedDemo(rt.ctx, { ...OPTIONS, tickets: 300, seed: 7 });
    expect(second.tickets).toBe(300);
    const [dupes] = await rows<{ n: number }>(
      rt,
      'select count(*)::int - count(distinct number)::int as n from tickets',
    );
    expect(dupes?.n).toBe(0);
  });
});

// ---- replay through the use cases ------------------------------------------------------

interface Snapshot {
  ticket: TicketRow;
  events: EventRow[];
  units: object[];
  callbacks: object[];
  cards: object[];
}

async function snapshot(rt: TestRuntime, id: number): Promise<Snapshot> {
  const db = rt.handle.db;
  return {
    ticket: await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    events: await db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', id)
      .orderBy('seq')
      .execute(),
    units: await db
      .selectFrom('ticket_units')
      .selectAll()
      .where('ticket_id', '=', id)
      .orderBy('round')
      .orderBy('unit_id')
      .execute(),
    callbacks: await db
      .selectFrom('callbacks')
      .selectAll()
      .where('ticket_id', '=', id)
      .orderBy('at')
      .execute(),
    cards: await db
      .selectFrom('ticket_cards')
      .selectAll()
      .where('ticket_id', '=', id)
      .orderBy('issued_at')
      .orderBy('clock')
      .orderBy('colour')
      .execute(),
  };
}

/** Drops what differs by nature (ids, numbers, ciphertexts, hashes over ids) and maps merge targets. */
function normalise(s: Snapshot, ids: Map<number, number>): unknown {
  const mapped = (id: number) => [...ids].find(([, copy]) => copy === id)?.[0] ?? id;
  const omit = (row: object, keys: readonly string[]) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
  const strip = (row: object) => omit(row, ['id', 'ticket_id', 'hash']);
  const merged = s.ticket.merged_into_id;
  return {
    ticket: {
      // search_vector: bulk loaders leave it to `jiesu reindex` / the server's start (see ticket-fulltext.ts).
      ...omit(s.ticket, [
        'id',
        'number',
        'citizen_name_enc',
        'citizen_phone_enc',
        'last_event_hash',
        'search_vector',
      ]),
      merged_into_id: merged === null ? null : mapped(merged),
    },
    events: s.events.map((e) => {
      const data = { ...(e.data as Record<string, unknown>) };
      if (typeof data.targetId === 'number') data.targetId = mapped(data.targetId);
      return { ...strip(e), data };
    }),
    units: s.units.map(strip),
    callbacks: s.callbacks.map(strip),
    cards: s.cards.map(strip),
  };
}

/** Runs a demo ticket's history through the real use cases and sweep in `target`; returns the new id. */
async function replayTicket(
  source: ServiceContext,
  target: TestRuntime,
  original: Snapshot,
  ids: Map<number, number>,
): Promise<number> {
  const ctx = target.ctx;
  const ref = await ctx.reference.get();
  const centre = [...ref.units.values()].find((u) => u.peer_group === 'centre')?.id as number;
  const t = original.ticket;
  const who = (e: EventRow): Actor => {
    const role = e.actor_role as Role;
    const unitIds =
      role === 'agent' || role === 'dispatcher' ? [centre] : e.actor_unit_id ? [e.actor_unit_id] : [];
    return { role, userId: null, unitIds };
  };
  const [intake, ...rest] = original.events as [EventRow, ...EventRow[]];
  target.clock.set(t.received_at);
  const created = await intakeTicket(ctx, {
    actor: who(intake),
    channel: t.channel as Channel,
    type: t.type as RequestType,
    title: t.title,
    description: t.description,
    categoryId: t.category_id,
    areaCode: t.area_code,
    address: t.address,
    lat: t.lat,
    lng: t.lng,
    anonymous: t.anonymous,
    urgency: t.urgency as Urgency,
    complex: t.complex,
    citizen: {
      name: t.citizen_name_enc ? source.cipher.decrypt(t.citizen_name_enc) : null,
      phone: t.citizen_phone_enc ? source.cipher.decrypt(t.citizen_phone_enc) : null,
    },
    receivedAt: t.received_at,
  });
  ids.set(t.id, created.id);
  const ticketId = created.id;
  let swept = -1;
  for (const e of rest) {
    target.clock.set(e.at);
    const d = e.data as Record<string, unknown>;
    const reason = e.reason ?? '';
    const actor = who(e);
    if (e.actor_role === 'system') {
      // The sweep issues everything due at one instant in one run.
      if (swept !== e.at.getTime()) await runDeadlineSweep(ctx);
      swept = e.at.getTime();
      continue;
    }
    const o = { ticketId, actor };
    switch (e.action as TicketAction) {
      case 'dispatch':
        await dispatchTicket(ctx, {
          ...o,
          mainUnitId: d.mainUnitId as number,
          coUnitIds: d.coUnitIds as number[],
        });
        break;
      case 'sign':
        await signTicket(ctx, o);
        break;
      case 'return':
        await returnTicket(ctx, { ...o, reason, suggestedUnitId: d.suggestedUnitId as number | undefined });
        break;
      case 'approve_return':
        await approveReturn(ctx, { ...o, reason: e.reason ?? undefined });
        break;
      case 'reject_return':
        await rejectReturn(ctx, { ...o, reason });
        break;
      case 'contact':
        await recordContact(ctx, { ...o, note: e.reason ?? undefined });
        break;
      case 'note':
        await addNote(ctx, { ...o, note: reason });
        break;
      case 'request_extension':
        await requestExtension(ctx, { ...o, until: new Date(String(d.until)), reason });
        break;
      case 'approve_extension':
        await approveExtension(ctx, o);
        break;
      case 'reject_extension':
        await rejectExtension(ctx, { ...o, reason });
        break;
      case 'request_co_unit':
        await requestCoUnit(ctx, { ...o, reason, unitIds: d.unitIds as number[] });
        break;
      case 'add_co_unit':
        await addCoUnit(ctx, { ...o, unitIds: d.unitIds as number[] });
        break;
      case 'co_reply':
        await coReply(ctx, { ...o, reply: reason });
        break;
      case 'reply':
        await replyTicket(ctx, { ...o, reply: reason });
        break;
      case 'callback':
        await recordCallback(ctx, {
          ...o,
          reached: d.reached as boolean,
          resolved: (d.resolved as boolean | null) ?? undefined,
          satisfaction: (d.satisfaction as Satisfaction | null) ?? undefined,
          comment: e.reason ?? undefined,
          via: d.via as 'phone' | 'link',
        });
        break;
      case 'reopen':
        await reopenTicket(ctx, { ...o, reason });
        break;
      case 'merge':
        await mergeTicket(ctx, { ...o, targetId: ids.get(d.targetId as number) as number, reason });
        break;
      case 'invalidate':
        await invalidateTicket(ctx, { ...o, reason });
        break;
      case 'supervise':
        await setSupervision(ctx, { ...o, supervised: true, reason });
        break;
      case 'exempt':
        await setExemption(ctx, { ...o, exempt: true, reason });
        break;
      case 'answer':
        await answerTicket(ctx, { ...o, answer: reason });
        break;
      default:
        throw new Error(`replay does not know ${e.action}`);
    }
  }
  // What the sweep would still find due by `until`. Tickets replayed earlier are not touched: swept to
  // `until` already, their next checks lie after every instant a later replay sets the clock to.
  target.clock.set(UNTIL);
  await runDeadlineSweep(ctx);
  return ticketId;
}
