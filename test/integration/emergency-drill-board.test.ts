/**
 * Drills and the board through HTTP on PGlite or PostgreSQL: a drill runs
 * the same chain with 【演练】 notices, never reaches the public and never
 * counts in the figures; the board feed's shape, counts and ETag; the
 * figures for the leadership dashboard.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEscalationSweep } from '../../src/services/emergency/run-escalation-sweep.js';
import { renderTemplate } from '../../src/services/outbox/templates.js';
import { newTicket, unitId } from '../support/factories.js';
import { testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { type Crew, crew, MIN, QUANHE, standardRosterCsv } from './emergency-support.js';

let rt: TestRuntime;
let app: FastifyInstance;
let c: Crew;
let incidentId = 0;
const onPostgres = Boolean(process.env.DATABASE_URL);
const T0 = new Date('2024-11-26T10:00:00+08:00');

async function gasTicket(description: string, phone: string) {
  return newTicket(rt.ctx, {
    description,
    urgency: 'urgent',
    areaCode: '110116001',
    citizen: { name: '李女士', phone },
  });
}

async function ok<R extends { statusCode: number; body: string }>(res: R, status = 200): Promise<R> {
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

/** A real level-III gas incident of four callers: acknowledged at 4 min, responding at 9, closed at 90. */
async function realIncident(): Promise<number> {
  rt.clock.set(T0);
  const first = await gasTicket('富乐社区3号楼燃气味很重，怀疑燃气泄漏', '13812340000');
  const raised = await ok(
    await c.agent.post(`/api/tickets/${first.id}/escalate-incident`, {
      level: 'III',
      leadUnitId: await unitId(rt.ctx, QUANHE),
    }),
    201,
  );
  const id = (raised.json() as { id: number }).id;
  const more = [];
  for (const n of [1, 2, 3]) more.push((await gasTicket(`楼道燃气味 ${n}`, `1381234000${n}`)).id);
  await ok(await c.agent.post(`/api/incidents/${id}/tickets`, { ticketIds: more }));
  rt.clock.set(new Date(T0.getTime() + 4 * MIN));
  await ok(await c.quanheDuty.post(`/api/incidents/${id}/acknowledge`, {}));
  rt.clock.set(new Date(T0.getTime() + 9 * MIN));
  await ok(await c.quanheDuty.post(`/api/incidents/${id}/respond`, {}));
  rt.clock.set(new Date(T0.getTime() + 90 * MIN));
  await ok(await c.quanheLead.post(`/api/incidents/${id}/close`, { reason: '泄漏点已修复' }));
  return id;
}

beforeAll(async () => {
  rt = await openTestRuntime();
  rt.clock.set(T0);
  app = await testServer(rt.ctx);
  c = await crew(app, rt.ctx);
  expect(
    (await c.admin.post('/api/duty/import', { csv: await standardRosterCsv(rt.ctx, c) })).statusCode,
  ).toBe(200);
  incidentId = await realIncident();
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

describe(`drills and the board on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('drills run the same chain with 【演练】 notices, never reach the public and never count', async () => {
    rt.clock.set(T0);
    const metricsBefore = (
      await c.dispatcher.get(
        '/api/incidents/metrics?from=2024-11-01T00:00:00%2B08:00&to=2024-12-01T00:00:00%2B08:00',
      )
    ).json();
    const outboxBefore = (await rt.ctx.db.selectFrom('outbox').select('id').execute()).length;
    const res = await c.dispatcher.post('/api/incidents', {
      type: 'flood',
      level: 'II',
      title: '韧性城市演练：怀河水位超警',
      areaCode: '110116001',
      leadUnitId: await unitId(rt.ctx, QUANHE),
      drill: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const drill = res.json();
    expect(drill.drill).toBe(true);
    const t = await gasTicket('演练期间真实来电燃气味', '13812340009');
    const link = await c.dispatcher.post(`/api/incidents/${drill.id}/tickets`, { ticketIds: [t.id] });
    expect([link.statusCode, link.json().error.code]).toEqual([409, 'INCIDENT_DRILL_NO_TICKETS']);
    const withTickets = await c.dispatcher.post('/api/incidents', {
      type: 'flood',
      title: '演练',
      drill: true,
      ticketIds: [t.id],
    });
    expect(withTickets.json().error.code).toBe('INCIDENT_DRILL_NO_TICKETS');

    rt.clock.set(new Date(T0.getTime() + 10 * MIN));
    await runEscalationSweep(rt.ctx);
    rt.clock.set(new Date(T0.getTime() + 13 * MIN));
    expect((await c.quanheLead.post(`/api/incidents/${drill.id}/acknowledge`, {})).statusCode).toBe(200);

    const all = (await rt.ctx.db.selectFrom('outbox').selectAll().orderBy('id').execute()).slice(
      outboxBefore,
    );
    const rows = all.filter((r) => r.payload.incidentId === drill.id);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.recipient.startsWith('user:') && !r.recipient.startsWith('role:'))).toEqual(
      [],
    );
    // The real caller of that moment got the intake SMS, and nothing about the drill.
    expect(all.filter((r) => r.recipient.startsWith('ticket:')).map((r) => r.template)).toEqual([
      'ticket_received',
    ]);
    for (const r of rows) {
      expect(r.payload.drill, r.template).toBe(true);
      const words = renderTemplate(r.template, r.payload, { publicUrl: 'https://12345.example' });
      expect(words.sms).toContain('【演练】');
      expect(words.title.zh.startsWith('【演练】')).toBe(true);
      expect(words.title.en.startsWith('[DRILL]')).toBe(true);
    }
    const notices = await rt.ctx.db
      .selectFrom('incident_notices')
      .selectAll()
      .where('incident_id', '=', drill.id)
      .execute();
    expect(notices.map((n) => [n.link_index, n.drill])).toEqual([
      [0, true],
      [1, true],
    ]);

    const board = (await c.dispatcher.get('/api/incidents/board')).json();
    expect(board.items.map((i: { id: number }) => i.id)).not.toContain(drill.id);
    expect(
      (await c.dispatcher.get('/api/incidents/board?drill=only'))
        .json()
        .items.map((i: { id: number }) => i.id),
    ).toEqual([drill.id]);
    const metricsAfter = (
      await c.dispatcher.get(
        '/api/incidents/metrics?from=2024-11-01T00:00:00%2B08:00&to=2024-12-01T00:00:00%2B08:00',
      )
    ).json();
    expect(metricsAfter.incidents).toBe(metricsBefore.incidents);
    expect(metricsAfter.acknowledge).toEqual(metricsBefore.acknowledge);
    expect(metricsAfter.noticesByUnit).toEqual(metricsBefore.noticesByUnit);

    const report = (await c.dispatcher.get(`/api/incidents/${drill.id}/drill-report`)).json();
    expect(report.drills).toBe(1);
    expect(report.units).toEqual([
      expect.objectContaining({
        unit: expect.objectContaining({ code: QUANHE }),
        notices: 2,
        acknowledged: 1,
        onTime: 1,
        medianMinutes: 3,
      }),
    ]);
    expect(
      report.notices.map((n: { minutes: number | null; onTime: boolean | null }) => [n.minutes, n.onTime]),
    ).toEqual([
      [null, false],
      [3, true],
    ]);
    const period = (await c.leader.get('/api/drills/report?from=2024-11-26T00:00:00%2B08:00')).json();
    expect(period.drills).toBe(1);
    expect((await c.dispatcher.get(`/api/incidents/${incidentId}/drill-report`)).statusCode).toBe(404);
    expect((await c.quanheDuty.get('/api/drills/report')).statusCode).toBe(403);
    const printed = await c.dispatcher.get(`/api/incidents/${drill.id}/report`);
    expect(printed.body).toContain('data-testid="drill-banner"');
  });

  it('the board feed: shape, counts, ETag; the figures for the dashboard', async () => {
    rt.clock.set(new Date(T0.getTime() + 100 * MIN));
    const res = await c.dispatcher.get('/api/incidents/board?closedHours=24');
    expect(res.statusCode).toBe(200);
    const board = res.json();
    expect(board).toMatchObject({ pollSeconds: 15, scope: 'all' });
    expect(board.asOf).toBe(new Date(T0.getTime() + 100 * MIN).toISOString());
    const closed = board.items.find((i: { id: number }) => i.id === incidentId);
    expect(closed).toMatchObject({
      status: 'closed',
      minutesSinceReport: 90,
      linkedTickets: 4,
      level: 'III',
    });
    expect(closed.levelLabel).toEqual({ zh: 'Ⅲ级（较大）', en: 'Level III (major)' });
    expect(board.counts.open).toBe(
      board.items.filter((i: { status: string }) => i.status !== 'closed').length,
    );
    expect(
      (await c.dispatcher.get('/api/incidents/board')).json().items.map((i: { id: number }) => i.id),
    ).not.toContain(incidentId);
    const etag = res.headers.etag as string;
    const again = await c.dispatcher.request({
      method: 'GET',
      url: '/api/incidents/board?closedHours=24',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);

    const m = (
      await c.leader.get(
        '/api/incidents/metrics?from=2024-11-01T00:00:00%2B08:00&to=2024-12-01T00:00:00%2B08:00',
      )
    ).json();
    expect(m.incidents).toBe(1);
    const iii = m.acknowledge.byLevel.find((x: { level: string }) => x.level === 'III');
    expect(iii).toMatchObject({ total: 1, count: 1, meanMinutes: 4 });
    expect(m.respond.byLevel.find((x: { level: string }) => x.level === 'III')).toMatchObject({
      meanMinutes: 9,
    });
    expect(m.byTypeTownMonth).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          month: '2024-11',
          type: 'gas',
          townshipCode: '110116001',
          townshipName: '泉河街道',
          count: 1,
        }),
      ]),
    );
    expect((await c.quanheDuty.get('/api/incidents/metrics')).statusCode).toBe(403);
    const ref = (await c.agent.get('/api/incidents/reference')).json();
    expect(ref.types.map((t: { code: string }) => t.code)).toContain('lift_entrapment');
    expect(ref.levels[1]).toMatchObject({
      code: 'II',
      chain: [{ target: 'unit_duty', ackMinutes: 10 }, {}, {}, {}],
    });
  });
});
