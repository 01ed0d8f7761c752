/**
 * 好差评 A five-level rating after a completed application and after a closed
 * 12345 ticket; a 差评 opens a rectification ticket in the 接诉即办 engine
 * (category 好差评整改, policy `rectification`: 15 working days, callback
 * required) linked to what was rated; one rating per subject; a rating whose
 * ticket was never linked is finished by the sweep, without a duplicate.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTicket } from '../../src/db/repositories/tickets.js';
import { createCallbackLink } from '../../src/services/callback-links.js';
import { openRectification } from '../../src/services/ratings/open-rectification.js';
import { runApplicationSweep } from '../../src/services/sweep/run-application-sweep.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { recordContact } from '../../src/services/tickets/record-contact.js';
import { replyTicket } from '../../src/services/tickets/reply-ticket.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';
import { DISPATCHER, handlerOf, ticketIn } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { errorCode, jpegBytes, RESIDENT_ID, tempFileStore, upload } from '../support/services.js';

describe('好差评 ratings and rectification tickets', () => {
  let rt: TestRuntime;
  let app: FastifyInstance;
  let files: ReturnType<typeof tempFileStore>;
  let citizen: Client;
  let reviewer: Client;
  let dispatcher: Client;

  beforeAll(async () => {
    rt = await openTestRuntime();
    files = tempFileStore(rt.ctx);
    app = await testServer(rt.ctx);
    citizen = await signedIn(app, rt.ctx, 'citizen');
    reviewer = await signedIn(app, rt.ctx, 'reviewer', 'dept-mzj');
    dispatcher = await signedIn(app, rt.ctx, 'dispatcher');
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
    files.remove();
  });

  async function seniorCard(complete: boolean): Promise<{ id: number; number: string }> {
    const created = await citizen.post('/api/services/applications', {
      matterCode: 'senior-citizen-card',
      applicant: { kind: 'person', name: '赵桂芳', idNumber: RESIDENT_ID, phone: '13700007777' },
      form: {
        name: '赵桂芳',
        idNumber: RESIDENT_ID,
        phone: '13700007777',
        address: '怀柔区泉河街道富乐北里 12 号',
      },
    });
    const a = created.json();
    if (!complete) return a;
    await upload(citizen, a.id, 'id-card', 'id.jpg', jpegBytes(), 'image/jpeg');
    await upload(citizen, a.id, 'photo', 'photo.jpg', jpegBytes(), 'image/jpeg');
    expect((await citizen.post(`/api/services/applications/${a.id}/submit`, {})).statusCode).toBe(200);
    await reviewer.post(`/api/services/applications/${a.id}/accept`, {});
    expect((await reviewer.post(`/api/services/applications/${a.id}/approve`, {})).json().status).toBe(
      'approved',
    );
    expect(
      (await reviewer.post(`/api/services/applications/${a.id}/issue-certificate`, {})).json().status,
    ).toBe('certified');
    return a;
  }

  async function ticketCount(): Promise<number> {
    return Number(
      (
        await rt.ctx.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }

  it('a 差评 of an application opens a linked rectification ticket with the rectification policy', async () => {
    const draft = await seniorCard(false);
    const early = await citizen.post(`/api/services/applications/${draft.id}/rating`, { level: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe('RATING_NOT_ALLOWED');

    const a = await seniorCard(true);
    const stranger = await signedIn(app, rt.ctx, 'citizen');
    expect(
      (await stranger.post(`/api/services/applications/${a.id}/rating`, { level: 'very_unsatisfied' }))
        .statusCode,
    ).toBe(404);

    const rated = await citizen.post(`/api/services/applications/${a.id}/rating`, {
      level: 'unsatisfied',
      comment: '审批人员电话一直打不通，进度不透明',
    });
    expect(rated.statusCode, rated.body).toBe(201);
    const r = rated.json();
    expect(r.rectification).toBe('opened');
    expect(r.rectificationTicket.number).toMatch(/^HR\d{11}$/);

    const ref = await rt.ctx.reference.get();
    const department = ref.unitsByCode.get('dept-mzj')?.id;
    const ticket = await findTicket(rt.ctx.db, r.rectificationTicket.id);
    expect(ticket).toMatchObject({
      channel: 'rating',
      type: 'complaint',
      state: 'received',
      citizen_user_id: citizen.userId,
      citizen_phone_masked: '137****7777',
      suggested_unit_id: department,
    });
    expect(ref.categories.get(ticket?.category_id ?? 0)?.code).toBe('govservice-rating');
    expect(ticket?.attributes).toMatchObject({ subject: a.number });
    expect(ticket?.description).toContain('审批人员电话一直打不通');

    // The centre dispatches it to the suggested unit: the rectification policy's 15 working days apply.
    const dispatched = await dispatcher.post(`/api/tickets/${ticket?.id}/dispatch`, {
      mainUnitId: department,
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    const after = await findTicket(rt.ctx.db, ticket?.id ?? 0);
    expect(after?.policy_code).toBe('rectification');
    // dispatched Tue 26 Nov 2024: 15 working days → Tue 17 Dec 2024 close of business (18:00 Beijing)
    expect(after?.reply_due_at?.toISOString()).toBe('2024-12-17T10:00:00.000Z');

    const shown = (await citizen.get(`/api/services/applications/${a.id}`)).json();
    expect(shown.rating.rectificationTicket.number).toBe(r.rectificationTicket.number);

    const before = await ticketCount();
    const twice = await citizen.post(`/api/services/applications/${a.id}/rating`, {
      level: 'very_unsatisfied',
    });
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe('RATING_EXISTS');
    expect(await ticketCount()).toBe(before);

    const listed = await signedIn(app, rt.ctx, 'supervisor');
    const poor = (await listed.get('/api/services/ratings?poor=true')).json().items;
    expect(poor.map((x: { id: number }) => x.id)).toContain(r.id);
  });

  it('a good rating opens nothing', async () => {
    const a = await seniorCard(true);
    const before = await ticketCount();
    const rated = await citizen.post(`/api/services/applications/${a.id}/rating`, {
      level: 'basically_satisfied',
    });
    expect(rated.json().rectification).toBe('none');
    expect(await ticketCount()).toBe(before);
  });

  it('rates a closed 12345 ticket by its tracking pair; a 差评 opens a rectification ticket, but not for a rectification ticket', async () => {
    const open = await ticketIn(rt.ctx, 'replied');
    const notYet = await anonymous(app).post('/api/public/ratings/ticket', {
      number: open.number,
      phoneLast4: '1234',
      level: 'satisfied',
    });
    expect(errorCode(notYet)).toBe('RATING_NOT_ALLOWED');

    const closed = await ticketIn(rt.ctx, 'closed');
    const wrong = await anonymous(app).post('/api/public/ratings/ticket', {
      number: closed.number,
      phoneLast4: '9999',
      level: 'satisfied',
    });
    expect(wrong.statusCode).toBe(404);
    expect(errorCode(wrong)).toBe('RATING_SUBJECT_NOT_FOUND');

    const rated = await anonymous(app).post('/api/public/ratings/ticket', {
      number: closed.number,
      phoneLast4: '1234',
      level: 'very_unsatisfied',
      comment: '路灯修好两天又坏了',
    });
    expect(rated.statusCode, rated.body).toBe(201);
    const r = rated.json();
    expect(r.ticketNumber).toBe(closed.number);
    const rectification = await findTicket(rt.ctx.db, r.rectificationTicket.id);
    expect(rectification?.attributes).toMatchObject({ subject: closed.number });
    expect(rectification?.suggested_unit_id).toBe(closed.main_unit_id);
    expect(rectification?.citizen_phone_last4).toBe('1234');
    expect(
      errorCode(
        await anonymous(app).post('/api/public/ratings/ticket', {
          number: closed.number,
          phoneLast4: '1234',
          level: 'satisfied',
        }),
      ),
    ).toBe('RATING_EXISTS');

    // Take the rectification ticket through the engine to closed, then rate it poorly: no new ticket.
    const ctx = rt.ctx;
    const unit = closed.main_unit_id as number;
    await dispatcher.post(`/api/tickets/${rectification?.id}/dispatch`, { mainUnitId: unit });
    const handler = await handlerOf(ctx, 'tw-quanhe');
    const id = rectification?.id as number;
    await signTicket(ctx, { ticketId: id, actor: handler });
    await recordContact(ctx, { ticketId: id, actor: handler });
    await replyTicket(ctx, { ticketId: id, actor: handler, reply: '已更换灯具并复查' });
    await recordCallback(ctx, {
      ticketId: id,
      actor: DISPATCHER,
      reached: true,
      resolved: false,
      satisfaction: 'unsatisfied',
    });
    const before = await ticketCount();
    const loop = await anonymous(app).post('/api/public/ratings/ticket', {
      number: rectification?.number,
      phoneLast4: '1234',
      level: 'very_unsatisfied',
    });
    expect(loop.statusCode).toBe(201);
    expect(loop.json().rectification).toBe('skipped');
    expect(await ticketCount()).toBe(before);
  });

  it('rates a ticket through the callback link of its SMS, after the callback closed it', async () => {
    const replied = await ticketIn(rt.ctx, 'replied');
    const token = await createCallbackLink(rt.ctx, { ticketId: replied.id, round: replied.dispatch_round });
    const early = await anonymous(app).post(`/api/public/ratings/callback/${token}`, { level: 'satisfied' });
    expect(errorCode(early)).toBe('RATING_NOT_ALLOWED');
    const answered = await anonymous(app).post(`/api/public/callback/${token}`, {
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const rated = await anonymous(app).post(`/api/public/ratings/callback/${token}`, {
      level: 'very_satisfied',
      comment: '处理及时',
    });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({
      ticketNumber: replied.number,
      rectification: 'none',
      subject: 'ticket',
    });
    const forged = await anonymous(app).post(`/api/public/ratings/callback/${'A'.repeat(43)}`, {
      level: 'satisfied',
    });
    expect(errorCode(forged)).toBe('RATING_SUBJECT_NOT_FOUND');
  });

  it('finishes a poor rating whose ticket was never linked, once', async () => {
    const a = await seniorCard(true);
    const now = rt.ctx.clock();
    // As if the process died right after the rating was written.
    const row = await rt.ctx.db
      .insertInto('service_ratings')
      .values({
        subject_type: 'application',
        application_id: a.id,
        rater_key: 'applicant',
        rater_user_id: citizen.userId,
        level: 'very_unsatisfied',
        unit_id: (await rt.ctx.reference.get()).unitsByCode.get('dept-mzj')?.id ?? null,
        rated_at: new Date(now.getTime() - 5 * 60_000),
        rectification: 'pending',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const before = await ticketCount();
    const swept = await runApplicationSweep(rt.ctx);
    expect(swept.rectifications).toBe(1);
    const linked = await rt.ctx.db
      .selectFrom('service_ratings')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(linked.rectification).toBe('opened');
    expect(await ticketCount()).toBe(before + 1);
    // Again, even if the link had been lost: the idempotency key finds the same ticket.
    await rt.ctx.db
      .updateTable('service_ratings')
      .set({ rectification: 'pending', rectification_ticket_id: null })
      .where('id', '=', row.id)
      .execute();
    expect(await openRectification(rt.ctx, row.id)).toBe(linked.rectification_ticket_id);
    expect(await ticketCount()).toBe(before + 1);
  });
});
