/**
 * The 12345 workflow through HTTP: every role at its screen's API, the error
 * shape in both languages, idempotent retries, and outsiders getting 404 with
 * nothing changed.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallbackLink } from '../../src/services/callback-links.js';
import { MAIN_UNIT, OTHER_UNIT, someLeafCategory, unitId } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let agent: Client;
let dispatcher: Client;
let handler: Client;
let otherHandler: Client;
let lead: Client;
let supervisor: Client;
let admin: Client;
let reviewer: Client;

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  agent = await signedIn(app, rt.ctx, 'agent');
  dispatcher = await signedIn(app, rt.ctx, 'dispatcher');
  handler = await signedIn(app, rt.ctx, 'handler', MAIN_UNIT);
  otherHandler = await signedIn(app, rt.ctx, 'handler', OTHER_UNIT);
  lead = await signedIn(app, rt.ctx, 'unit_lead', MAIN_UNIT);
  supervisor = await signedIn(app, rt.ctx, 'supervisor');
  admin = await signedIn(app, rt.ctx, 'admin');
  reviewer = await signedIn(app, rt.ctx, 'reviewer', 'dept-rsj');
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function intake(body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return agent.post(
    '/api/tickets',
    {
      type: 'complaint',
      description: '怀柔区泉河街道某小区楼下路灯损坏一周，夜间出行不便。',
      categoryId: await someLeafCategory(rt.ctx, 'general'),
      areaCode: '110116001',
      citizen: { name: '王五', phone: '13900001234' },
      ...body,
    },
    headers,
  );
}

async function ticketCount(): Promise<number> {
  const r = await rt.ctx.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n);
}

describe(`HTTP workflow on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('health and readiness', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('serves an OpenAPI document at /docs', async () => {
    const r = await app.inject({ url: '/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/tickets', '/api/tickets/{id}/sign']),
    );
  });

  it('the whole loop through HTTP with masked personal data and allowed actions', async () => {
    const created = await intake();
    expect(created.statusCode).toBe(201);
    const t = created.json();
    expect(t.citizen.phone).toBe('139****1234');
    expect(JSON.stringify(t)).not.toContain('13900001234');
    expect(t.actions.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['dispatch', 'answer', 'merge']),
    );

    const main = await unitId(rt.ctx, MAIN_UNIT);
    let r = await dispatcher.post(`/api/tickets/${t.id}/dispatch`, { mainUnitId: main });
    expect(r.statusCode).toBe(200);
    expect(r.json().state).toBe('dispatched');

    const seen = await handler.get(`/api/tickets/${t.id}`);
    expect(seen.json().actions.map((a: { action: string }) => a.action)).toEqual(['sign', 'return']);
    r = await handler.post(`/api/tickets/${t.id}/sign`, {});
    expect(r.json().state).toBe('accepted');
    r = await handler.post(`/api/tickets/${t.id}/contact`, { note: '已联系' });
    expect(r.json().state).toBe('in_progress');
    r = await handler.post(`/api/tickets/${t.id}/reply`, { reply: '路灯已修复' });
    expect(r.json().state).toBe('replied');
    r = await dispatcher.post(`/api/tickets/${t.id}/callback`, {
      reached: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(r.json().state).toBe('closed');

    const timeline = await dispatcher.get(`/api/tickets/${t.id}/events`);
    expect(timeline.json().items.map((e: { action: string }) => e.action)).toEqual([
      'intake',
      'dispatch',
      'sign',
      'contact',
      'reply',
      'callback',
    ]);
  });

  it("an outsider gets 404 for another unit's ticket, and nothing changes", async () => {
    const t = (await intake()).json();
    await dispatcher.post(`/api/tickets/${t.id}/dispatch`, { mainUnitId: await unitId(rt.ctx, MAIN_UNIT) });
    const before = (await dispatcher.get(`/api/tickets/${t.id}`)).json();
    for (const [client, method, url, body] of [
      [otherHandler, 'GET', `/api/tickets/${t.id}`, undefined],
      [otherHandler, 'GET', `/api/tickets/${t.id}/events`, undefined],
      [otherHandler, 'POST', `/api/tickets/${t.id}/sign`, {}],
      [otherHandler, 'POST', `/api/tickets/${t.id}/reveal-contact`, {}],
      [reviewer, 'GET', `/api/tickets/${t.id}`, undefined],
      [reviewer, 'POST', `/api/tickets/${t.id}/sign`, {}],
    ] as const) {
      const r = await client.request({ method, url, payload: body });
      expect(r.statusCode, `${client.role} ${method} ${url}`).toBe(404);
      expect(r.json().error.code).toBe('TICKET_NOT_FOUND');
    }
    const list = await otherHandler.get('/api/tickets?limit=200');
    expect(list.json().items.map((x: { id: number }) => x.id)).not.toContain(t.id);
    const after = (await dispatcher.get(`/api/tickets/${t.id}`)).json();
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('dispatched');
  });

  it('anonymous callers get 401; a unit lead sees the unit; a supervisor sees all without personal data', async () => {
    const t = (await intake()).json();
    await dispatcher.post(`/api/tickets/${t.id}/dispatch`, { mainUnitId: await unitId(rt.ctx, MAIN_UNIT) });
    expect((await anonymous(app).get(`/api/tickets/${t.id}`)).statusCode).toBe(401);
    expect((await lead.get(`/api/tickets/${t.id}`)).statusCode).toBe(200);
    const s = await supervisor.get(`/api/tickets/${t.id}`);
    expect(s.json().citizen.canReveal).toBe(false);
    expect((await supervisor.post(`/api/tickets/${t.id}/reveal-contact`, {})).statusCode).toBe(403);
    expect((await admin.get(`/api/tickets/${t.id}`)).json().actions).toEqual([]);
  });

  it('revealing personal data is audited', async () => {
    const t = (await intake()).json();
    const r = await agent.post(`/api/tickets/${t.id}/reveal-contact`, {});
    expect(r.json()).toEqual({ name: '王五', phone: '13900001234' });
    const audit = await rt.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'personal_data.reveal')
      .where('subject_id', '=', String(t.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(agent.userId);
  });

  it('caller history by phone for agents only', async () => {
    await intake({ citizen: { phone: '13711112222' } });
    await intake({ citizen: { phone: '+86 137-1111-2222' } });
    const r = await agent.get('/api/callers/history?phone=13711112222');
    expect(r.json().items).toHaveLength(2);
    expect((await handler.get('/api/callers/history?phone=13711112222')).statusCode).toBe(403);
  });

  it('lists filter by state and unit, sort by deadline, and page with a cursor', async () => {
    const main = await unitId(rt.ctx, MAIN_UNIT);
    for (let i = 0; i < 5; i++) {
      const t = (await intake()).json();
      await dispatcher.post(`/api/tickets/${t.id}/dispatch`, { mainUnitId: main });
      rt.clock.advance(60_000);
    }
    const first = await handler.get('/api/tickets?state=dispatched&mine=true&sort=deadline_asc&limit=2');
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = (
      await handler.get(
        `/api/tickets?state=dispatched&mine=true&sort=deadline_asc&limit=2&cursor=${page1.nextCursor}`,
      )
    ).json();
    const ids = [...page1.items, ...page2.items].map((x: { id: number }) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const dues = [...page1.items, ...page2.items].map(
      (x: { deadlines: { next: string } }) => x.deadlines.next,
    );
    expect([...dues].sort()).toEqual(dues);
    const byText = await dispatcher.get(`/api/tickets?q=${encodeURIComponent('路灯损坏')}&limit=5`);
    expect(byText.json().items.length).toBeGreaterThan(0);
  });

  it('a retried intake with the same Idempotency-Key creates nothing new', async () => {
    const before = await ticketCount();
    const a = await intake({}, { 'idempotency-key': 'retry-1' });
    const b = await intake({}, { 'idempotency-key': 'retry-1' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().number).toBe(a.json().number);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(await ticketCount()).toBe(before + 1);
    const c = await intake({ description: '另一件事' }, { 'idempotency-key': 'retry-1' });
    expect(c.statusCode).toBe(422);
    expect(c.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ticketCount()).toBe(before + 1);
  });

  it('a retried action with the same key returns the first answer', async () => {
    const t = (await intake()).json();
    await dispatcher.post(`/api/tickets/${t.id}/dispatch`, { mainUnitId: await unitId(rt.ctx, MAIN_UNIT) });
    const a = await handler.post(`/api/tickets/${t.id}/sign`, {}, { 'idempotency-key': `sign-${t.id}` });
    const b = await handler.post(`/api/tickets/${t.id}/sign`, {}, { 'idempotency-key': `sign-${t.id}` });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.json().version).toBe(a.json().version);
  });

  it("errors: one shape, message in the client's language, field details", async () => {
    const zh = await agent.post('/api/tickets', { type: 'complaint', description: '' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.code).toBe('VALIDATION_FAILED');
    expect(zh.json().error.message).toBe('请求内容不符合要求');
    expect(zh.json().error.fields[0].path).toContain('description');
    const en = await agent.post(
      '/api/tickets',
      { type: 'complaint', description: '' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(en.json().error.message).toBe('The request is not valid');
    const t = (await intake()).json();
    const wrong = await handler.post(`/api/tickets/${t.id}/sign`, {});
    expect(wrong.statusCode).toBe(404);
    const bad = await dispatcher.post(`/api/tickets/${t.id}/sign`, {}, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(403);
    expect(bad.json().error).toEqual({
      code: 'ROLE_NOT_ALLOWED',
      message: 'Role "dispatcher" may not perform "sign"',
    });
  });

  it('bad input changes nothing and never answers 500', async () => {
    const before = await ticketCount();
    const cases: {
      payload?: string | Buffer;
      headers: Record<string, string>;
      status: number;
      code: string;
    }[] = [
      {
        payload: '{"type":',
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'BAD_REQUEST',
      },
      {
        payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'BAD_REQUEST',
      },
      {
        payload: 'type=complaint',
        headers: { 'content-type': 'text/plain' },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        payload: JSON.stringify({ type: 'complaint', description: 'x'.repeat(2 * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      {
        payload: JSON.stringify({ type: 'complaint', description: '噪音', unknownField: 1 }),
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        payload: JSON.stringify({ type: 'complaint', description: '噪音', lat: 91, lng: 200 }),
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        payload: JSON.stringify({ type: 'nonsense', description: '噪音' }),
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        payload: JSON.stringify({ type: 'complaint', description: '噪音', categoryId: 99999 }),
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'CATEGORY_NOT_FOUND',
      },
    ];
    for (const c of cases) {
      const r = await agent.request({
        method: 'POST',
        url: '/api/tickets',
        payload: c.payload,
        headers: c.headers,
      });
      expect(r.statusCode, `${c.code} ${r.body.slice(0, 200)}`).toBe(c.status);
      expect(r.json().error.code).toBe(c.code);
    }
    expect(await ticketCount()).toBe(before);
  });

  it('scripts in text are stored as text and returned as JSON data', async () => {
    const t = (await intake({ description: '<script>alert(1)</script> 路灯坏了' })).json();
    const r = await agent.get(`/api/tickets/${t.id}`);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.json().description).toBe('<script>alert(1)</script> 路灯坏了');
  });

  it('cookie sessions need the CSRF token to change anything', async () => {
    const before = await ticketCount();
    const r = await agent.request({
      method: 'POST',
      url: '/api/tickets',
      payload: { type: 'complaint', description: '噪音扰民' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CSRF_FAILED');
    expect(await ticketCount()).toBe(before);
  });

  it('a citizen files, then tracks by number and the last four digits', async () => {
    const pub = anonymous(app);
    const r = await pub.post('/api/public/tickets', {
      type: 'complaint',
      description: '雁栖镇某村夜间施工噪音扰民，持续一周。',
      phone: '13655556789',
      name: '赵六',
    });
    expect(r.statusCode).toBe(201);
    const { number } = r.json();
    const tracked = await pub.post('/api/public/track', { number, phoneLast4: '6789' });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().state).toBe('received');
    expect(JSON.stringify(tracked.json())).not.toContain('13655556789');
    const wrong = await pub.post('/api/public/track', { number, phoneLast4: '0000' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('TRACKING_NOT_FOUND');
  });

  it('sign-in: wrong passwords are refused, then the account locks', async () => {
    const pub = anonymous(app);
    const victim = await signedIn(app, rt.ctx, 'agent');
    const username = (await victim.get('/api/auth/me')).json().user.username;
    for (let i = 0; i < 4; i++) {
      const r = await pub.post('/api/auth/login', { username, password: 'wrong-password-1' });
      expect(r.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await pub.post('/api/auth/login', { username, password: 'wrong-password-1' });
    expect(locked.statusCode).toBe(423);
    const evenRight = await pub.post('/api/auth/login', { username, password: 'Jiesu-test-2024' });
    expect(evenRight.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('sign-out revokes the session', async () => {
    const c = await signedIn(app, rt.ctx, 'agent');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    await c.post('/api/auth/logout', {});
    const after = await c.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('the citizen answers the callback once through the one-time link', async () => {
    const t = (await intake()).json();
    await dispatcher.post(`/api/tickets/${t.id}/dispatch`, { mainUnitId: await unitId(rt.ctx, MAIN_UNIT) });
    await handler.post(`/api/tickets/${t.id}/sign`, {});
    await handler.post(`/api/tickets/${t.id}/contact`, {});
    const replied = (await handler.post(`/api/tickets/${t.id}/reply`, { reply: '已修复' })).json();
    const token = await createCallbackLink(rt.ctx, { ticketId: t.id, round: replied.round });
    const pub = anonymous(app);
    const peek = await pub.get(`/api/public/callback/${token}`);
    expect(peek.json().ticketNumber).toBe(t.number);
    const answer = await pub.post(`/api/public/callback/${token}`, {
      resolved: true,
      satisfaction: 'basically_satisfied',
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().state).toBe('closed');
    const again = await pub.post(`/api/public/callback/${token}`, {
      resolved: false,
      satisfaction: 'unsatisfied',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CALLBACK_LINK_USED');
    const forged = await pub.get('/api/public/callback/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(forged.statusCode).toBe(404);
    const after = (await dispatcher.get(`/api/tickets/${t.id}`)).json();
    expect(after.callback.satisfaction).toBe('basically_satisfied');
  });
});
