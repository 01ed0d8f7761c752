/**
 * Admin: deadline policies, the working calendar and settings. An edit
 * changes the deadlines of the next dispatch; bad durations, yellowAt out of
 * range, bad dates and bad weights are refused with nothing changed.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, call, codeOf } from '../support/admin.js';
import { MAIN_UNIT, newTicket, someLeafCategory, unitId } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let admin: Client;
let dispatcher: Client;

const HOUR = 3_600_000;

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  admin = await signedIn(app, rt.ctx, 'admin');
  dispatcher = await signedIn(app, rt.ctx, 'dispatcher');
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function policies() {
  return rt.ctx.db.selectFrom('deadline_policies').selectAll().orderBy('code').execute();
}

async function dispatchNew(categoryId: number) {
  const t = await newTicket(rt.ctx, { categoryId });
  const r = await dispatcher.post(`/api/tickets/${t.id}/dispatch`, {
    mainUnitId: await unitId(rt.ctx, MAIN_UNIT),
  });
  expect(r.statusCode, r.body).toBe(200);
  return rt.ctx.db.selectFrom('tickets').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
}

describe(`admin policies, calendar and settings on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('a policy edit changes the deadlines of the next dispatch, not of earlier ones', async () => {
    const leaf = await someLeafCategory(rt.ctx, 'general');
    const earlier = await dispatchNew(leaf);
    expect(earlier.sign_due_at!.getTime() - earlier.dispatched_at!.getTime()).toBe(2 * HOUR);

    const r = await call(admin, 'PATCH', '/api/admin/policies/general', { sign: '3小时', response: '36h' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ code: 'general', sign: '3h', response: '36h', reply: '7d' });
    const [audit] = await auditRows(rt.ctx, 'policy.update', 'general');
    expect(audit?.detail).toMatchObject({ before: { sign: '2h' }, after: { sign: '3h' } });

    const next = await dispatchNew(leaf);
    expect(next.sign_due_at!.getTime() - next.dispatched_at!.getTime()).toBe(3 * HOUR);
    expect(next.response_due_at!.getTime() - next.dispatched_at!.getTime()).toBe(36 * HOUR);
    const again = await rt.ctx.db
      .selectFrom('tickets')
      .select('sign_due_at')
      .where('id', '=', earlier.id)
      .executeTakeFirst();
    expect(again?.sign_due_at).toEqual(earlier.sign_due_at);
  });

  it('refuses bad durations, yellowAt 1.5, a response shorter than sign, and non-admins', async () => {
    const before = await policies();
    let r = await call(admin, 'PATCH', '/api/admin/policies/general', { sign: 'soon', reply: '-2d' });
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
    expect(r.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['sign', 'reply']);
    r = await call(admin, 'PATCH', '/api/admin/policies/general', { yellowAt: 1.5 });
    expect(r.json().error.fields[0]).toMatchObject({ path: 'yellowAt', code: 'out_of_range' });
    r = await call(admin, 'PATCH', '/api/admin/policies/general', { sign: '48h' });
    expect(r.json().error.fields[0]).toMatchObject({ path: 'response', code: 'too_short' });
    r = await call(admin, 'PATCH', '/api/admin/policies/general', { mode: 'lunar' });
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
    r = await call(admin, 'PATCH', '/api/admin/policies/nope', { sign: '1h' });
    expect(codeOf(r)).toBe('POLICY_NOT_FOUND');
    r = await call(dispatcher, 'PATCH', '/api/admin/policies/general', { sign: '1h' });
    expect(r.statusCode).toBe(403);
    expect(await policies()).toEqual(before);
  });

  it('the working calendar: a new holiday moves working-time deadlines dispatched after it', async () => {
    let r = await admin.post('/api/admin/policies', {
      code: 'workdays',
      name: '按工作日',
      nameEn: 'Working days',
      mode: 'working',
      sign: '2h',
      response: '4h',
      reply: '2d',
      returnWindow: '24h',
      callback: '3d',
    });
    expect(r.statusCode, r.body).toBe(201);
    const leaf = await someLeafCategory(rt.ctx, 'general');
    await call(admin, 'PATCH', `/api/admin/categories/${leaf}`, { policyCode: 'workdays' });

    // Dispatched Tue 2024-11-26 10:00: two working days later is Thu 28 at close of business.
    let t = await dispatchNew(leaf);
    expect(t.reply_due_at?.toISOString()).toBe('2024-11-28T10:00:00.000Z');

    r = await call(admin, 'PUT', '/api/admin/calendar/days/2024-11-27', {
      kind: 'holiday',
      name: '测试假日',
    });
    expect(r.json()).toEqual({ date: '2024-11-27', kind: 'holiday', name: '测试假日' });
    t = await dispatchNew(leaf);
    expect(t.reply_due_at?.toISOString()).toBe('2024-11-29T10:00:00.000Z');
    const cal = (await anonymous(app).get('/api/reference/calendar?year=2024')).json();
    expect(cal.days).toContainEqual({ date: '2024-11-27', kind: 'holiday', name: '测试假日' });

    expect((await call(admin, 'DELETE', '/api/admin/calendar/days/2024-11-27')).statusCode).toBe(204);
    expect(codeOf(await call(admin, 'DELETE', '/api/admin/calendar/days/2024-11-27'))).toBe(
      'CALENDAR_DAY_NOT_SET',
    );
    t = await dispatchNew(leaf);
    expect(t.reply_due_at?.toISOString()).toBe('2024-11-28T10:00:00.000Z');
    expect(await auditRows(rt.ctx, 'calendar.set_day', '2024-11-27')).toHaveLength(1);
    expect(await auditRows(rt.ctx, 'calendar.unset_day', '2024-11-27')).toHaveLength(1);

    r = await call(admin, 'PUT', '/api/admin/calendar/days/2024-02-30', { kind: 'holiday' });
    expect(r.json().error.fields[0].code).toBe('invalid_date');
    r = await call(dispatcher, 'PUT', '/api/admin/calendar/days/2024-12-02', { kind: 'holiday' });
    expect(r.statusCode).toBe(403);
    expect((await rt.ctx.reference.get()).calendar.holidays.has('2024-12-02')).toBe(false);
  });

  it('working periods: set, seen by the calendar; overlapping periods refused', async () => {
    let r = await call(admin, 'PUT', '/api/admin/calendar/periods', {
      periods: [
        [780, 1020],
        [480, 720],
      ],
    });
    expect(r.json().periods.map((p: { start: string; end: string }) => `${p.start}-${p.end}`)).toEqual([
      '08:00-12:00',
      '13:00-17:00',
    ]);
    expect((await rt.ctx.reference.get()).calendar.periods).toEqual([
      [480, 720],
      [780, 1020],
    ]);
    r = await call(admin, 'PUT', '/api/admin/calendar/periods', {
      periods: [
        [540, 720],
        [700, 800],
      ],
    });
    expect(r.json().error.fields[0].code).toBe('overlap');
    r = await call(admin, 'PUT', '/api/admin/calendar/periods', { periods: [[600, 500]] });
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
    expect((await rt.ctx.reference.get()).calendar.periods).toEqual([
      [480, 720],
      [780, 1020],
    ]);
    await call(admin, 'PUT', '/api/admin/calendar/periods', {
      periods: [
        [540, 720],
        [780, 1080],
      ],
    });
  });

  it('settings: weights must add up to 1; patches merge; unknown keys and bad values are refused', async () => {
    const get = async () =>
      (await admin.get('/api/admin/settings')).json().items as { key: string; value: unknown }[];
    const before = await get();
    expect(before.map((s) => s.key)).toEqual(['assessment', 'sweep', 'decide_options']);

    let r = await call(admin, 'PATCH', '/api/admin/settings/assessment', {
      weights: { response: 0.2, resolution: 0.45, satisfaction: 0.45 },
    });
    expect(r.json().error.fields[0].path).toBe('weights');
    r = await call(admin, 'PATCH', '/api/admin/settings/assessment', { basicallySatisfiedWeight: 1.2 });
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
    r = await call(admin, 'PATCH', '/api/admin/settings/assessment', { baselineYear: 2030 });
    expect(r.json().error.fields[0].code).toBe('future');
    r = await call(admin, 'PATCH', '/api/admin/settings/sweep', { batchSize: 0 });
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
    r = await call(admin, 'PATCH', '/api/admin/settings/sweep', { colour: 'red' });
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
    r = await call(admin, 'PATCH', '/api/admin/settings/secret', { a: 1 });
    expect([r.statusCode, codeOf(r)]).toEqual([404, 'SETTING_UNKNOWN']);
    r = await call(dispatcher, 'PATCH', '/api/admin/settings/sweep', { batchSize: 10 });
    expect(r.statusCode).toBe(403);
    expect(await get()).toEqual(before);

    r = await call(admin, 'PATCH', '/api/admin/settings/assessment', {
      weights: { response: 0.2, resolution: 0.4, satisfaction: 0.4 },
      basicallySatisfiedWeight: 0.6,
    });
    expect(r.json().value).toEqual({
      weights: { response: 0.2, resolution: 0.4, satisfaction: 0.4 },
      basicallySatisfiedWeight: 0.6,
      baselineYear: 2019,
    });
    r = await call(admin, 'PATCH', '/api/admin/settings/decide_options', { reopenWindowDays: 10 });
    expect(r.statusCode).toBe(200);
    expect((await rt.ctx.reference.get()).decide.reopenWindowDays).toBe(10);
    const [audit] = await auditRows(rt.ctx, 'setting.update', 'assessment');
    expect(audit?.detail).toMatchObject({
      before: { basicallySatisfiedWeight: 0.8 },
      after: { basicallySatisfiedWeight: 0.6 },
    });
  });
});
