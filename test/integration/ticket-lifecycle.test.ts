/**
 * Every use case of SPEC.md's lifecycle through the services on a real
 * database (PGlite, or PostgreSQL when DATABASE_URL is set): what changes,
 * what the event log says, and that a refused action changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, listEvents, rowToNewEvent } from '../../src/db/repositories/ticket-events.js';
import { findTicket } from '../../src/db/repositories/tickets.js';
import { isAppError } from '../../src/domain/errors.js';
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
import { rejectExtension } from '../../src/services/tickets/reject-extension.js';
import { rejectReturn } from '../../src/services/tickets/reject-return.js';
import { reopenTicket } from '../../src/services/tickets/reopen-ticket.js';
import { requestCoUnit } from '../../src/services/tickets/request-co-unit.js';
import { requestExtension } from '../../src/services/tickets/request-extension.js';
import { setExemption } from '../../src/services/tickets/set-exemption.js';
import { setSupervision } from '../../src/services/tickets/set-supervision.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';
import {
  AGENT,
  CITIZEN,
  DISPATCHER,
  handlerOf,
  leadOf,
  MAIN_UNIT,
  newTicket,
  OTHER_UNIT,
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

const HOUR = 3_600_000;

async function expectRefused(work: () => Promise<unknown>, code: string, ticketId?: number): Promise<void> {
  const before = ticketId ? await snapshotOf(ticketId) : null;
  let caught: unknown = null;
  try {
    await work();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${code}`).not.toBeNull();
  expect(isAppError(caught) ? caught.code : caught).toBe(code);
  if (ticketId) expect(await snapshotOf(ticketId)).toEqual(before);
}

async function snapshotOf(ticketId: number) {
  const ticket = await findTicket(rt.ctx.db, ticketId);
  const events = await listEvents(rt.ctx.db, ticketId);
  const outbox = await rt.ctx.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return { ticket, events: events.length, outbox: Number(outbox?.n) };
}

/** The log replays to the row: states chain, the last state is the row's, the hash chain verifies. */
async function expectLogReplays(ticketId: number): Promise<void> {
  const ticket = await findTicket(rt.ctx.db, ticketId);
  const events = await listEvents(rt.ctx.db, ticketId);
  expect(events.length).toBe(ticket?.event_count);
  let state: string | null = null;
  let hash: string | null = null;
  for (const e of events) {
    expect(e.from_state).toBe(state);
    state = e.to_state;
    hash = eventHash(hash, rowToNewEvent(e));
    expect(e.hash).toBe(hash);
  }
  expect(state).toBe(ticket?.state);
  expect(hash).toBe(ticket?.last_event_hash);
}

describe(`ticket lifecycle on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('intake: number, sealed personal data, first event, acknowledgement SMS', async () => {
    const t = await newTicket(rt.ctx);
    expect(t.number).toMatch(/^HR2411260\d{4}$/);
    expect(t.state).toBe('received');
    expect(t.citizen_phone_masked).toBe('138****1234');
    expect(t.citizen_phone_enc).not.toContain('13812341234');
    expect(rt.ctx.cipher.decrypt(t.citizen_phone_enc ?? '')).toBe('13812341234');
    expect(t.citizen_phone_hash).toBe(rt.ctx.cipher.hashPhone('+86 138-1234-1234'));
    expect(t.citizen_name_masked).toBe('张*');
    expect(t.township_code).toBe('110116001');
    const sms = await rt.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', `ticket:${t.id}`)
      .execute();
    expect(sms.map((m) => m.template)).toEqual(['ticket_received']);
    await expectLogReplays(t.id);
  });

  it('intake: numbers are sequential per day and unique', async () => {
    const a = await newTicket(rt.ctx);
    const b = await newTicket(rt.ctx);
    expect(Number(b.number.slice(-5))).toBe(Number(a.number.slice(-5)) + 1);
    rt.clock.advance(24 * HOUR);
    const c = await newTicket(rt.ctx);
    expect(c.number).toMatch(/^HR24112700001$/);
    rt.clock.advance(-24 * HOUR);
  });

  it('intake: bad references are refused and nothing is written', async () => {
    const count = async () =>
      Number(
        (
          await rt.ctx.db
            .selectFrom('tickets')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const before = await count();
    await expectRefused(() => newTicket(rt.ctx, { categoryId: 999_999 }), 'CATEGORY_NOT_FOUND');
    await expectRefused(() => newTicket(rt.ctx, { areaCode: '110116999' }), 'AREA_NOT_FOUND');
    const ref = await rt.ctx.reference.get();
    const top = [...ref.categories.values()].find((c) => c.level === 1);
    await expectRefused(() => newTicket(rt.ctx, { categoryId: top?.id }), 'CATEGORY_NOT_LEAF');
    await expectRefused(() => newTicket(rt.ctx, { description: '   ' }), 'VALIDATION_FAILED');
    await expectRefused(
      () => newTicket(rt.ctx, { actor: { role: 'handler', userId: null, unitIds: [] } }),
      'ROLE_NOT_ALLOWED',
    );
    expect(await count()).toBe(before);
  });

  it('anonymous intake keeps no name', async () => {
    const t = await newTicket(rt.ctx, { anonymous: true, citizen: { name: '李四', phone: '13900001111' } });
    expect(t.citizen_name_enc).toBeNull();
    expect(t.anonymous).toBe(true);
  });

  it('answer directly closes an inquiry', async () => {
    const t = await newTicket(rt.ctx, { type: 'inquiry' });
    const r = await answerTicket(rt.ctx, {
      ticketId: t.id,
      actor: AGENT,
      answer: '供暖季为每年11月15日至次年3月15日。',
    });
    expect(r.ticket.state).toBe('closed');
    expect(r.ticket.closed_at).not.toBeNull();
    await expectLogReplays(t.id);
  });

  it('dispatch sets deadlines from the policy, writes unit rows and notifies each unit', async () => {
    const t = await newTicket(rt.ctx);
    const main = await unitId(rt.ctx, MAIN_UNIT);
    const co = await unitId(rt.ctx, OTHER_UNIT);
    const r = await dispatchTicket(rt.ctx, {
      ticketId: t.id,
      actor: DISPATCHER,
      mainUnitId: main,
      coUnitIds: [co],
    });
    const now = rt.clock.now().getTime();
    expect(r.ticket.state).toBe('dispatched');
    expect(r.ticket.main_unit_id).toBe(main);
    expect(r.ticket.dispatch_round).toBe(1);
    expect(r.ticket.policy_code).toBe('general');
    expect(r.ticket.sign_due_at?.getTime()).toBe(now + 2 * HOUR);
    expect(r.ticket.response_due_at?.getTime()).toBe(now + 24 * HOUR);
    expect(r.ticket.reply_due_at?.getTime()).toBe(now + 7 * 24 * HOUR);
    const units = await rt.ctx.db
      .selectFrom('ticket_units')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .execute();
    expect(units.map((u) => [u.unit_id, u.role]).sort()).toEqual(
      [
        [main, 'main'],
        [co, 'co'],
      ].sort(),
    );
    const inbox = await rt.ctx.db
      .selectFrom('outbox')
      .select('recipient')
      .where('template', 'like', 'ticket_%dispatched')
      .execute();
    expect(inbox.map((m) => m.recipient)).toEqual(expect.arrayContaining([`unit:${main}`, `unit:${co}`]));
  });

  it('dispatch to an unknown unit is refused and changes nothing', async () => {
    const t = await newTicket(rt.ctx);
    await expectRefused(
      () => dispatchTicket(rt.ctx, { ticketId: t.id, actor: DISPATCHER, mainUnitId: 987_654 }),
      'UNIT_NOT_FOUND',
      t.id,
    );
  });

  it('urgent tickets get the urgent clocks', async () => {
    const t = await newTicket(rt.ctx, { urgency: 'urgent' });
    const r = await dispatchTicket(rt.ctx, {
      ticketId: t.id,
      actor: AGENT,
      mainUnitId: await unitId(rt.ctx, MAIN_UNIT),
    });
    expect(r.ticket.policy_code).toBe('urgent');
    expect(r.ticket.sign_due_at?.getTime()).toBe(rt.clock.now().getTime() + 30 * 60_000);
  });

  it('the whole loop: sign, contact, note, reply, callback', async () => {
    const handler = await handlerOf(rt.ctx, MAIN_UNIT);
    const t = await ticketIn(rt.ctx, 'dispatched');
    rt.clock.advance(HOUR);
    let r = await signTicket(rt.ctx, { ticketId: t.id, actor: handler });
    expect(r.ticket.state).toBe('accepted');
    expect(r.ticket.signed_at?.getTime()).toBe(rt.clock.now().getTime());
    r = await (await import('../../src/services/tickets/record-contact.js')).recordContact(rt.ctx, {
      ticketId: t.id,
      actor: handler,
      note: '电话联系张先生',
    });
    expect(r.ticket.state).toBe('in_progress');
    expect(r.ticket.first_contact_at).not.toBeNull();
    r = await addNote(rt.ctx, { ticketId: t.id, actor: handler, note: '已安排维修' });
    expect(r.ticket.state).toBe('in_progress');
    rt.clock.advance(24 * HOUR);
    r = await (await import('../../src/services/tickets/reply-ticket.js')).replyTicket(rt.ctx, {
      ticketId: t.id,
      actor: handler,
      reply: '路灯已更换',
    });
    expect(r.ticket.state).toBe('replied');
    expect(r.ticket.reply_text).toBe('路灯已更换');
    expect(r.ticket.callback_due_at?.getTime()).toBe(rt.clock.now().getTime() + 3 * 24 * HOUR);
    r = await recordCallback(rt.ctx, {
      ticketId: t.id,
      actor: CITIZEN,
      reached: true,
      resolved: true,
      satisfaction: 'satisfied',
      via: 'link',
    });
    expect(r.ticket.state).toBe('closed');
    expect(r.ticket.callback_resolved).toBe(true);
    expect(r.ticket.callback_satisfaction).toBe('satisfied');
    const cb = await rt.ctx.db.selectFrom('callbacks').selectAll().where('ticket_id', '=', t.id).execute();
    expect(cb).toHaveLength(1);
    await expectLogReplays(t.id);
  });

  it('another unit cannot sign, and a unit lead of the right unit can', async () => {
    const t = await ticketIn(rt.ctx, 'dispatched');
    await expectRefused(
      async () => signTicket(rt.ctx, { ticketId: t.id, actor: await handlerOf(rt.ctx, OTHER_UNIT) }),
      'NOT_MAIN_UNIT',
      t.id,
    );
    const r = await signTicket(rt.ctx, { ticketId: t.id, actor: await leadOf(rt.ctx, MAIN_UNIT) });
    expect(r.ticket.state).toBe('accepted');
  });

  it('return, approve: back to the centre and dispatched again to another unit', async () => {
    const t = await ticketIn(rt.ctx, 'return_requested');
    let r = await approveReturn(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reason: '同意' });
    expect(r.ticket.state).toBe('received');
    expect(r.ticket.main_unit_id).toBeNull();
    r = await dispatchTicket(rt.ctx, {
      ticketId: t.id,
      actor: DISPATCHER,
      mainUnitId: await unitId(rt.ctx, OTHER_UNIT),
    });
    expect(r.ticket.dispatch_round).toBe(2);
    const active = await rt.ctx.db
      .selectFrom('ticket_units')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .where('active', '=', true)
      .execute();
    expect(active.map((u) => u.round)).toEqual([2]);
    await expectLogReplays(t.id);
  });

  it('return, reject: back to the same unit', async () => {
    const t = await ticketIn(rt.ctx, 'return_requested');
    await expectRefused(
      () => rejectReturn(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reason: ' ' }),
      'REASON_REQUIRED',
      t.id,
    );
    const r = await rejectReturn(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reason: '属于本单位职责' });
    expect(r.ticket.state).toBe('dispatched');
    expect(r.ticket.main_unit_id).toBe(await unitId(rt.ctx, MAIN_UNIT));
  });

  it('return after the window is refused', async () => {
    const t = await ticketIn(rt.ctx, 'accepted');
    rt.clock.advance(25 * HOUR);
    await expectRefused(
      async () =>
        (await import('../../src/services/tickets/return-ticket.js')).returnTicket(rt.ctx, {
          ticketId: t.id,
          actor: await handlerOf(rt.ctx, MAIN_UNIT),
          reason: 'x',
        }),
      'RETURN_WINDOW_CLOSED',
      t.id,
    );
    rt.clock.advance(-25 * HOUR);
  });

  it('extension: request, approve moves the deadline; request, reject keeps it', async () => {
    const handler = await handlerOf(rt.ctx, MAIN_UNIT);
    const t = await ticketIn(rt.ctx, 'in_progress');
    const until = new Date((t.reply_due_at?.getTime() ?? 0) + 5 * 24 * HOUR);
    let r = await requestExtension(rt.ctx, {
      ticketId: t.id,
      actor: handler,
      until,
      reason: '需协调施工单位',
    });
    expect(r.ticket.extension_requested_until?.getTime()).toBe(until.getTime());
    await expectRefused(
      () => requestExtension(rt.ctx, { ticketId: t.id, actor: handler, until, reason: 'again' }),
      'EXTENSION_PENDING',
      t.id,
    );
    r = await approveExtension(rt.ctx, { ticketId: t.id, actor: DISPATCHER });
    expect(r.ticket.reply_due_at?.getTime()).toBe(until.getTime());
    expect(r.ticket.extension_requested_until).toBeNull();
    const later = new Date(until.getTime() + 24 * HOUR);
    await requestExtension(rt.ctx, { ticketId: t.id, actor: handler, until: later, reason: '再延' });
    r = await rejectExtension(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reason: '不符合延期条件' });
    expect(r.ticket.reply_due_at?.getTime()).toBe(until.getTime());
    await expectRefused(
      () => approveExtension(rt.ctx, { ticketId: t.id, actor: DISPATCHER }),
      'NO_EXTENSION_PENDING',
      t.id,
    );
    await expectLogReplays(t.id);
  });

  it('co-handling: request, add, co-reply', async () => {
    const handler = await handlerOf(rt.ctx, MAIN_UNIT);
    const co = await unitId(rt.ctx, OTHER_UNIT);
    const t = await ticketIn(rt.ctx, 'in_progress');
    await requestCoUnit(rt.ctx, {
      ticketId: t.id,
      actor: handler,
      reason: '涉及龙山街道辖区',
      unitIds: [co],
    });
    await addCoUnit(rt.ctx, { ticketId: t.id, actor: DISPATCHER, unitIds: [co] });
    await expectRefused(
      () => addCoUnit(rt.ctx, { ticketId: t.id, actor: DISPATCHER, unitIds: [co] }),
      'CO_UNIT_INVALID',
      t.id,
    );
    await expectRefused(
      () => coReply(rt.ctx, { ticketId: t.id, actor: handler, reply: 'x' }),
      'NOT_CO_UNIT',
      t.id,
    );
    await coReply(rt.ctx, {
      ticketId: t.id,
      actor: await handlerOf(rt.ctx, OTHER_UNIT),
      reply: '已配合清理',
    });
    const row = await rt.ctx.db
      .selectFrom('ticket_units')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .where('unit_id', '=', co)
      .executeTakeFirst();
    expect(row?.reply_text).toBe('已配合清理');
    await expectLogReplays(t.id);
  });

  it('reopen after an unresolved callback starts a new round for the same unit', async () => {
    const t = await ticketIn(rt.ctx, 'closed');
    expect(t.callback_resolved).toBe(false);
    const r = await reopenTicket(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reason: '诉求人反映仍未解决' });
    expect(r.ticket.state).toBe('dispatched');
    expect(r.ticket.dispatch_round).toBe(2);
    expect(r.ticket.reopen_count).toBe(1);
    expect(r.ticket.main_unit_id).toBe(t.main_unit_id);
    expect(r.ticket.closed_at).toBeNull();
    expect(r.ticket.callback_resolved).toBeNull();
    await expectLogReplays(t.id);
  });

  it('reopen of a resolved ticket, or too late, is refused', async () => {
    const t = await ticketIn(rt.ctx, 'replied');
    await recordCallback(rt.ctx, {
      ticketId: t.id,
      actor: DISPATCHER,
      reached: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    await expectRefused(
      () => reopenTicket(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reason: 'x' }),
      'REOPEN_REQUIRES_UNRESOLVED',
      t.id,
    );
    const u = await ticketIn(rt.ctx, 'closed');
    rt.clock.advance(31 * 24 * HOUR);
    await expectRefused(
      () => reopenTicket(rt.ctx, { ticketId: u.id, actor: DISPATCHER, reason: 'x' }),
      'REOPEN_WINDOW_CLOSED',
      u.id,
    );
    rt.clock.advance(-31 * 24 * HOUR);
  });

  it('unreachable callback closes and records the attempt', async () => {
    const t = await ticketIn(rt.ctx, 'replied');
    const r = await recordCallback(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reached: false });
    expect(r.ticket.state).toBe('closed');
    expect(r.ticket.callback_reached).toBe(false);
    expect(r.ticket.callback_resolved).toBeNull();
  });

  it('merge a duplicate into its original', async () => {
    const original = await newTicket(rt.ctx);
    const dup = await newTicket(rt.ctx);
    await expectRefused(
      () => mergeTicket(rt.ctx, { ticketId: dup.id, targetId: dup.id, actor: AGENT }),
      'MERGE_TARGET_INVALID',
      dup.id,
    );
    await expectRefused(
      () => mergeTicket(rt.ctx, { ticketId: dup.id, targetId: 99_999_999, actor: AGENT }),
      'MERGE_TARGET_INVALID',
      dup.id,
    );
    const r = await mergeTicket(rt.ctx, {
      ticketId: dup.id,
      targetId: original.id,
      actor: AGENT,
      reason: '重复诉求',
    });
    expect(r.ticket.state).toBe('merged');
    expect(r.ticket.merged_into_id).toBe(original.id);
    const third = await newTicket(rt.ctx);
    await expectRefused(
      () => mergeTicket(rt.ctx, { ticketId: third.id, targetId: dup.id, actor: AGENT }),
      'MERGE_TARGET_INVALID',
      third.id,
    );
  });

  it('invalid, supervision and exemption', async () => {
    const t = await ticketIn(rt.ctx, 'accepted');
    let r = await setSupervision(rt.ctx, {
      ticketId: t.id,
      actor: DISPATCHER,
      supervised: true,
      reason: '群众反映强烈',
    });
    expect(r.ticket.supervised).toBe(true);
    await expectRefused(
      () => setSupervision(rt.ctx, { ticketId: t.id, actor: DISPATCHER, supervised: true, reason: 'x' }),
      'FLAG_UNCHANGED',
      t.id,
    );
    r = await setExemption(rt.ctx, { ticketId: t.id, actor: DISPATCHER, exempt: true, reason: '不可抗力' });
    expect(r.ticket.exempt).toBe(true);
    r = await invalidateTicket(rt.ctx, { ticketId: t.id, actor: DISPATCHER, reason: '恶意骚扰' });
    expect(r.ticket.state).toBe('invalid');
    await expectRefused(
      () => setSupervision(rt.ctx, { ticketId: t.id, actor: DISPATCHER, supervised: false, reason: 'x' }),
      'TRANSITION_NOT_ALLOWED',
      t.id,
    );
    await expectLogReplays(t.id);
  });

  it('a stale expected version is a conflict', async () => {
    const t = await ticketIn(rt.ctx, 'dispatched');
    await expectRefused(
      async () =>
        signTicket(rt.ctx, {
          ticketId: t.id,
          actor: await handlerOf(rt.ctx, MAIN_UNIT),
          expectedVersion: t.event_count - 1,
        }),
      'CONFLICT',
      t.id,
    );
  });

  it('two handlers sign at once: exactly one succeeds, the other gets a conflict', async () => {
    for (let round = 0; round < 5; round++) {
      const t = await ticketIn(rt.ctx, 'dispatched');
      const h1 = await handlerOf(rt.ctx, MAIN_UNIT);
      const h2 = { ...h1 };
      const results = await Promise.allSettled([
        signTicket(rt.ctx, { ticketId: t.id, actor: h1 }),
        signTicket(rt.ctx, { ticketId: t.id, actor: h2 }),
      ]);
      const ok = results.filter((x) => x.status === 'fulfilled');
      const failed = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      const err = failed[0]?.reason;
      expect(isAppError(err) && err.status).toBe(409);
      const events = await listEvents(rt.ctx.db, t.id);
      expect(events.filter((e) => e.action === 'sign')).toHaveLength(1);
      await expectLogReplays(t.id);
    }
  });

  it('many concurrent actions on one ticket keep the log consistent', async () => {
    const t = await ticketIn(rt.ctx, 'in_progress');
    const handler = await handlerOf(rt.ctx, MAIN_UNIT);
    await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        addNote(rt.ctx, { ticketId: t.id, actor: handler, note: `记录 ${i}` }),
      ),
    );
    const row = await findTicket(rt.ctx.db, t.id);
    expect(row?.event_count).toBe(t.event_count + 10);
    await expectLogReplays(t.id);
  });

  it('a ticket id that does not exist is TICKET_NOT_FOUND', async () => {
    await expectRefused(
      async () => signTicket(rt.ctx, { ticketId: 123_456_789, actor: await handlerOf(rt.ctx, MAIN_UNIT) }),
      'TICKET_NOT_FOUND',
    );
    const t = await intakeTicket(rt.ctx, {
      actor: AGENT,
      channel: 'phone',
      type: 'help',
      description: '求助',
    });
    expect(t.category_id).toBeNull();
  });
});
