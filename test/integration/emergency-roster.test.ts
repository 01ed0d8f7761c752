/**
 * The on-duty roster and the escalation chains through HTTP on PGlite or
 * PostgreSQL: CSV import with gaps reported and overlaps refused (nothing
 * changed), re-import that replaces, single-shift edits, "who is on duty
 * now" for any unit and time, admin-only changes with audit rows.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, call } from '../support/admin.js';
import { unitId } from '../support/factories.js';
import { testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { type Crew, crew, QUANHE, usernameOf } from './emergency-support.js';

let rt: TestRuntime;
let app: FastifyInstance;
let c: Crew;
const onPostgres = Boolean(process.env.DATABASE_URL);
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

beforeAll(async () => {
  rt = await openTestRuntime();
  // Sessions last hours: every test stays within this day.
  rt.clock.set('2024-12-02T07:00:00+08:00');
  app = await testServer(rt.ctx);
  c = await crew(app, rt.ctx);
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function shiftCount(): Promise<number> {
  const r = await rt.ctx.db
    .selectFrom('duty_shifts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function names() {
  return {
    duty: await usernameOf(rt.ctx, c.quanheDuty),
    deputy: await usernameOf(rt.ctx, c.quanheDeputy),
    centre: await usernameOf(rt.ctx, c.centreDuty),
    leader: await usernameOf(rt.ctx, c.leader),
  };
}

describe(`on-duty roster on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('imports a roster, reporting its gaps and who covers them', async () => {
    const n = await names();
    const csv = [
      '单位,岗位,日期,开始,结束,人员,备注',
      `${QUANHE},值班员,2024-12-02,08:00,18:00,${n.duty},白班`,
      `${QUANHE},值班员,2024-12-02,20:00,08:00,${n.duty},夜班`,
      `${QUANHE},副班,2024-12-02,17:00,21:00,${n.deputy},`,
      `centre,值班员,2024-12-02,00:00,24:00,${n.centre},`,
      `centre,带班领导,2024-12-02,08:00,20:00,${n.leader},`,
    ].join('\r\n');
    const dry = await c.admin.post('/api/duty/import', { csv, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 5, imported: 0 });
    expect(await shiftCount()).toBe(0);

    const res = await c.admin.post('/api/duty/import', { csv });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: false,
      rows: 5,
      imported: 5,
      replaced: 0,
    });
    expect([...body.units].sort()).toEqual(['centre', QUANHE]);
    expect(body.from).toBe(bj('2024-12-02T00:00:00'));
    expect(body.to).toBe(bj('2024-12-04T00:00:00'));
    const gaps = body.gaps.map(
      (g: { unit: { code: string }; post: string; from: string; to: string; fallback: string }) => [
        g.unit.code,
        g.post,
        g.from,
        g.to,
        g.fallback,
      ],
    );
    expect(gaps).toEqual([
      ['centre', 'primary', bj('2024-12-03T00:00:00'), bj('2024-12-04T00:00:00'), 'next_link'],
      ['centre', 'leader', bj('2024-12-02T00:00:00'), bj('2024-12-02T08:00:00'), 'next_link'],
      ['centre', 'leader', bj('2024-12-02T20:00:00'), bj('2024-12-04T00:00:00'), 'next_link'],
      [QUANHE, 'primary', bj('2024-12-02T00:00:00'), bj('2024-12-02T08:00:00'), 'next_link'],
      [QUANHE, 'primary', bj('2024-12-02T18:00:00'), bj('2024-12-02T20:00:00'), 'deputy'],
      [QUANHE, 'primary', bj('2024-12-03T08:00:00'), bj('2024-12-04T00:00:00'), 'next_link'],
    ]);
    expect(body.overlaps).toEqual([]);
    expect(await auditRows(rt.ctx, 'duty_roster.import')).toHaveLength(1);

    // The same file again replaces what it covers: still five shifts.
    const again = await c.admin.post('/api/duty/import', { csv });
    expect(again.json()).toMatchObject({ imported: 5, replaced: 5 });
    expect(await shiftCount()).toBe(5);
  });

  it('answers who is on duty now for any unit and time', async () => {
    const now = async (unit: string, at: string) =>
      (await c.dispatcher.get(`/api/duty/now?unit=${unit}&at=${encodeURIComponent(at)}`)).json();
    const day = await now(QUANHE, '2024-12-02T10:00:00+08:00');
    expect(day).toMatchObject({
      gap: false,
      onDuty: { via: 'primary', user: { id: c.quanheDuty.userId } },
      deputy: null,
    });
    const covered = await now(QUANHE, '2024-12-02T19:00:00+08:00');
    expect(covered).toMatchObject({
      gap: true,
      primary: null,
      onDuty: { via: 'deputy', user: { id: c.quanheDeputy.userId } },
    });
    const night = await now(QUANHE, '2024-12-03T02:00:00+08:00');
    expect(night.onDuty.user.id).toBe(c.quanheDuty.userId);
    const empty = await now(QUANHE, '2024-12-05T02:00:00+08:00');
    expect(empty).toMatchObject({ gap: true, onDuty: null });
    const centre = await now(String(await unitId(rt.ctx, 'centre')), '2024-12-02T12:00:00+08:00');
    expect(centre).toMatchObject({ unit: { code: 'centre' }, leader: { user: { id: c.leader.userId } } });
    // Now, by the clock.
    rt.clock.set('2024-12-02T09:30:00+08:00');
    expect((await c.quanheDuty.get(`/api/duty/now?unit=${QUANHE}`)).json().onDuty.user.id).toBe(
      c.quanheDuty.userId,
    );
    const unknown = await c.dispatcher.get('/api/duty/now?unit=nowhere');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'UNIT_NOT_FOUND']);
    expect((await c.reviewer.get(`/api/duty/now?unit=${QUANHE}`)).statusCode).toBe(403);

    const roster = (
      await c.dispatcher.get(
        `/api/duty/shifts?unit=${QUANHE}&from=${encodeURIComponent('2024-12-02T00:00:00+08:00')}&to=${encodeURIComponent('2024-12-03T00:00:00+08:00')}`,
      )
    ).json();
    expect(roster.items).toHaveLength(3);
    expect(roster.items[0]).toMatchObject({ post: 'primary', postLabel: { zh: '值班员' }, note: '白班' });
    expect(roster.gaps.map((g: { fallback: string }) => g.fallback)).toEqual(['next_link', 'deputy']);
  });

  it('refuses overlaps and unreadable files, changing nothing', async () => {
    const n = await names();
    const before = await shiftCount();
    const overlapping = [
      'unit,post,date,start,end,user',
      `${QUANHE},primary,2024-12-10,08:00,20:00,${n.duty}`,
      `${QUANHE},primary,2024-12-10,19:00,08:00,${n.deputy}`,
    ].join('\n');
    const res = await c.admin.post('/api/duty/import', { csv: overlapping }, { 'accept-language': 'en' });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'ROSTER_OVERLAP']);
    expect(res.json().error.message).toContain('nothing was changed');
    expect(res.json().error.fields[0]).toMatchObject({ path: `${QUANHE}.primary`, code: 'overlap' });
    expect(res.json().error.fields[0].message).toContain('line 2 / line 3');
    const dry = await c.admin.post('/api/duty/import', { csv: overlapping, dryRun: true });
    expect(dry.json().overlaps).toHaveLength(1);

    const bad = [
      'unit,post,date,start,end,user',
      `nowhere,primary,2024-12-10,08:00,20:00,${n.duty}`,
      `${QUANHE},boss,2024-12-10,08:00,20:00,${n.duty}`,
      `${QUANHE},primary,2024-12-10,08:00,20:00,ghost`,
      `${QUANHE},primary,2024-02-30,08:00,20:00,${n.duty}`,
    ].join('\n');
    const badRes = await c.admin.post('/api/duty/import', { csv: bad });
    expect([badRes.statusCode, badRes.json().error.code]).toEqual([400, 'ROSTER_FILE_INVALID']);
    expect(badRes.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'line 3.post',
      'line 5.date',
    ]);
    const unresolved = [`unit,post,date,start,end,user`, `nowhere,primary,2024-12-10,08:00,20:00,ghost`].join(
      '\n',
    );
    expect(
      (await c.admin.post('/api/duty/import', { csv: unresolved }))
        .json()
        .error.fields.map((f: { path: string }) => f.path),
    ).toEqual(['line 2.unit', 'line 2.user']);
    expect((await c.admin.post('/api/duty/import', { csv: 'name,when\nx,y' })).json().error.code).toBe(
      'ROSTER_FILE_INVALID',
    );
    expect(await shiftCount()).toBe(before);
  });

  it('edits single shifts: admins only, overlaps refused, every change audited', async () => {
    const quanhe = await unitId(rt.ctx, QUANHE);
    const body = {
      unitId: quanhe,
      post: 'deputy',
      userId: c.quanheDeputy.userId,
      startsAt: '2024-12-03T08:00:00+08:00',
      endsAt: '2024-12-03T20:00:00+08:00',
      note: '补排副班',
    };
    expect((await c.dispatcher.post('/api/duty/shifts', body)).statusCode).toBe(403);
    const created = await c.admin.post('/api/duty/shifts', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const clash = await c.admin.post('/api/duty/shifts', {
      ...body,
      startsAt: '2024-12-03T19:00:00+08:00',
      endsAt: '2024-12-03T23:00:00+08:00',
    });
    expect([clash.statusCode, clash.json().error.code]).toEqual([409, 'ROSTER_OVERLAP']);
    const backwards = await c.admin.post('/api/duty/shifts', {
      ...body,
      endsAt: '2024-12-03T07:00:00+08:00',
    });
    expect([backwards.statusCode, backwards.json().error.code]).toEqual([400, 'SHIFT_INVALID']);
    const moved = await call(c.admin, 'PUT', `/api/duty/shifts/${id}`, {
      ...body,
      endsAt: '2024-12-03T22:00:00+08:00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().endsAt).toBe(bj('2024-12-03T22:00:00'));
    expect((await call(c.admin, 'DELETE', `/api/duty/shifts/${id}`)).statusCode).toBe(204);
    expect((await call(c.admin, 'DELETE', `/api/duty/shifts/${id}`)).json().error.code).toBe(
      'SHIFT_NOT_FOUND',
    );
    expect((await auditRows(rt.ctx, 'duty_shift.create', id)).length).toBe(1);
    expect((await auditRows(rt.ctx, 'duty_shift.update', id)).length).toBe(1);
    expect((await auditRows(rt.ctx, 'duty_shift.delete', id)).length).toBe(1);
  });

  it('escalation chains: read by staff, set by admins, checked, audited, used by the next report', async () => {
    const list = (await c.dispatcher.get('/api/escalation-policies')).json();
    expect(list.items.map((x: { level: string }) => x.level)).toEqual(['I', 'II', 'III', 'IV']);
    const links = [
      { target: 'centre_duty', ackMinutes: 3 },
      { target: 'district_leader', ackMinutes: 5 },
    ];
    expect((await call(c.dispatcher, 'PUT', '/api/escalation-policies/IV', { links })).statusCode).toBe(403);
    const bad = await call(c.admin, 'PUT', '/api/escalation-policies/IV', {
      links: [{ target: 'mayor', ackMinutes: 0 }],
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'ESCALATION_CHAIN_INVALID']);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'links.0.target',
      'links.0.ackMinutes',
    ]);
    const ok = await call(c.admin, 'PUT', '/api/escalation-policies/IV', { links });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await auditRows(rt.ctx, 'escalation_policy.update', 'IV')).toHaveLength(1);
    rt.clock.set('2024-12-02T12:00:00+08:00');
    const incident = await c.dispatcher.post('/api/incidents', {
      type: 'lift_entrapment',
      level: 'IV',
      title: '电梯困人',
      areaCode: '110116001',
    });
    expect(incident.statusCode, incident.body).toBe(201);
    expect(
      incident
        .json()
        .notices.map((x: { target: string; recipients: { id: number }[] }) => [
          x.target,
          x.recipients.map((r) => r.id),
        ]),
    ).toEqual([['centre_duty', [c.centreDuty.userId]]]);
    expect(incident.json().escalation.nextAt).toBe(bj('2024-12-02T12:03:00'));
  });
});
