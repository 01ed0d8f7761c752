/**
 * Assessment 考核 through HTTP: figures of a hand-built month against hand
 * computation (基本满意 weight, exemption, unreachable, reopen), ranking with
 * ties, changes against the previous period and the baseline, the tickets
 * behind cells, who may see what, exports, the printable report, settings,
 * and bad input.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentTable, UnitAssessment } from '../../src/services/assessment/assess-units.js';
import {
  type AssessmentFixture,
  buildAssessmentFixture,
  DEPT,
  UNIT_A,
  UNIT_B,
  UNIT_C,
  UNIT_C2,
} from '../support/assessment-fixtures.js';
import { unitId } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let fx: AssessmentFixture;
let supervisor: Client;
let handlerA: Client;
let admin: Client;
let reviewer: Client;
const ids: Record<string, number> = {};

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  for (const code of [UNIT_A, UNIT_B, UNIT_C, UNIT_C2, DEPT]) ids[code] = await unitId(rt.ctx, code);
  fx = await buildAssessmentFixture(rt);
  supervisor = await signedIn(app, rt.ctx, 'supervisor');
  handlerA = await signedIn(app, rt.ctx, 'handler', UNIT_A);
  admin = await signedIn(app, rt.ctx, 'admin');
  reviewer = await signedIn(app, rt.ctx, 'reviewer', 'dept-rsj');
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

function row(t: AssessmentTable, code: string): UnitAssessment {
  const found = t.groups.flatMap((g) => g.units).find((u) => u.unit.code === code);
  if (!found) throw new Error(`no row for ${code}`);
  return found;
}

async function table(client: Client, query = 'period=2024-11'): Promise<AssessmentTable> {
  const r = await client.get(`/api/assessment?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as AssessmentTable;
}

describe(`assessment over HTTP on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('figures match the hand computation (基本满意 0.8, exemption, unreachable, reopen)', async () => {
    const t = await table(supervisor);
    expect(t.period).toEqual({ kind: 'month', label: '2024-11', from: '2024-11-01', to: '2024-11-30' });
    const a = row(t, UNIT_A);
    expect(a.counts).toEqual({
      tickets: 5,
      exempt: 1,
      counted: 4,
      responded: 3,
      reached: 3,
      unreachable: 1,
      resolved: 2,
      unresolved: 1,
      satisfied: 1,
      basicallySatisfied: 1,
      unsatisfied: 1,
    });
    expect(a.rates).toEqual({ response: 0.75, resolution: 0.6667, satisfaction: 0.6, composite: 64.5 });
    expect(row(t, UNIT_B).rates.composite).toBe(100);
    expect(row(t, UNIT_C).rates).toEqual({ response: 0, resolution: 1, satisfaction: 1, composite: 90 });
    expect(row(t, DEPT).rates).toEqual({ response: 1, resolution: 0, satisfaction: 0.8, composite: 46 });
    expect(t.district.counts.tickets).toBe(10);
    expect(t.upToDate).toBe(true);
  });

  it('ranks within peer groups with ties, and compares with the previous month and the baseline year', async () => {
    const t = await table(supervisor);
    expect(t.groups.map((g) => g.group)).toEqual(['township', 'department', 'utility']);
    expect(row(t, UNIT_B).rank).toEqual({ rank: 1, of: 4 });
    expect(row(t, UNIT_C).rank).toEqual({ rank: 2, of: 4 });
    expect(row(t, UNIT_C2).rank).toEqual({ rank: 2, of: 4 });
    expect(row(t, UNIT_A).rank).toEqual({ rank: 4, of: 4 });
    expect(row(t, DEPT).rank).toEqual({ rank: 1, of: 1 });
    expect(row(t, 'tw-yanqi').rank).toBeNull();
    const township = t.groups[0]?.units.map((u) => u.unit.code).slice(0, 4);
    expect(township?.[0]).toBe(UNIT_B);
    expect(township?.[3]).toBe(UNIT_A);

    const a = row(t, UNIT_A);
    expect(a.previous).toEqual({
      rates: { response: 1, resolution: 1, satisfaction: 1, composite: 100 },
      rank: { rank: 1, of: 1 },
      counted: 1,
    });
    expect(a.change.vsPrevious).toEqual({
      response: -25,
      resolution: -33.33,
      satisfaction: -40,
      composite: -35.5,
    });
    expect(a.change.rank).toBe(-3);
    expect(t.baselineYear).toBe(2019);
    expect(a.baseline.rates).toEqual({ response: 1, resolution: 0, satisfaction: 0, composite: 10 });
    expect(a.change.vsBaseline).toEqual({
      response: -25,
      resolution: 66.67,
      satisfaction: 60,
      composite: 54.5,
    });
  });

  it('a date range sums the same cells; a year too', async () => {
    const range = await table(supervisor, 'from=2024-11-01&to=2024-11-30');
    expect(row(range, UNIT_A).counts).toEqual(row(await table(supervisor), UNIT_A).counts);
    const firstWeek = await table(supervisor, 'from=2024-11-01&to=2024-11-07');
    // callbacks on 11-04, 11-05, 11-07 (the late one) and 11-07 (unreachable)
    expect(row(firstWeek, UNIT_A).counts.tickets).toBe(4);
    expect(firstWeek.previousPeriod).toMatchObject({ from: '2024-10-25', to: '2024-10-31' });
    expect(row(await table(supervisor, 'period=2024'), UNIT_A).counts.tickets).toBe(6);
  });

  it('lists the tickets behind any cell, with each ticket’s outcome, paged', async () => {
    const cell = async (q: string) => {
      const r = await supervisor.get(
        `/api/assessment/cells/tickets?unitId=${ids[UNIT_A]}&period=2024-11&${q}`,
      );
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as {
        total: number;
        nextCursor: number | null;
        items: { id: number; outcomes: unknown }[];
      };
    };
    const all = await cell('measure=all');
    expect(all.total).toBe(5);
    expect(all.items.map((i) => i.id).sort()).toEqual(fx.a.map((t) => t.id).sort());
    expect((await cell('measure=response&outcome=missed')).items.map((i) => i.id)).toEqual([fx.lateA.id]);
    expect((await cell('measure=response&outcome=met')).total).toBe(3);
    expect((await cell('measure=resolution&outcome=unreachable')).items.map((i) => i.id)).toEqual([
      fx.unreachableA.id,
    ]);
    expect((await cell('measure=resolution')).total).toBe(3);
    expect((await cell('measure=exempt')).items.map((i) => i.id)).toEqual([fx.exemptA.id]);
    const basic = await cell('measure=satisfaction&outcome=basically_satisfied');
    expect(basic.items.map((i) => i.id)).toEqual([fx.basicA.id]);
    expect(basic.items[0]?.outcomes).toEqual({
      exempt: false,
      response: 'met',
      resolution: 'resolved',
      satisfaction: 'basically_satisfied',
    });
    const page1 = await cell('measure=all&limit=2');
    expect(page1.items).toHaveLength(2);
    const page2 = await cell(`measure=all&limit=2&cursor=${page1.nextCursor}`);
    const page3 = await cell(`measure=all&limit=2&cursor=${page2.nextCursor}`);
    expect(page3.nextCursor).toBeNull();
    expect(new Set([...page1.items, ...page2.items, ...page3.items].map((i) => i.id)).size).toBe(5);
    const bad = await supervisor.get(
      `/api/assessment/cells/tickets?unitId=${ids[UNIT_A]}&measure=response&outcome=resolved`,
    );
    expect(bad.statusCode).toBe(400);
  });

  it('a handler sees the peer ranking and only its own unit’s tickets (404 for others)', async () => {
    const t = await table(handlerA);
    expect(t.groups.map((g) => g.group)).toEqual(['township']);
    expect(row(t, UNIT_A).drillDown).toBe(true);
    expect(row(t, UNIT_B).drillDown).toBe(false);
    expect(row(t, UNIT_B).rates.composite).toBe(100);
    const own = await handlerA.get(`/api/assessment/cells/tickets?unitId=${ids[UNIT_A]}&period=2024-11`);
    expect(own.statusCode).toBe(200);
    for (const url of [
      `/api/assessment/cells/tickets?unitId=${ids[UNIT_B]}&period=2024-11`,
      `/api/assessment/units/${ids[UNIT_B]}/trend`,
      `/api/assessment/units/${ids[UNIT_B]}/report?period=2024-11`,
      '/api/assessment/cells/tickets?unitId=99999&period=2024-11',
    ]) {
      const r = await handlerA.get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.code).toBe('ASSESSMENT_UNIT_NOT_FOUND');
    }
    expect((await handlerA.get('/api/assessment/trend')).statusCode).toBe(403);
    expect((await reviewer.get('/api/assessment?period=2024-11')).statusCode).toBe(403);
    expect((await anonymous(app).get('/api/assessment?period=2024-11')).statusCode).toBe(401);
  });

  it('trends by month since the first ticket, for a unit and for the district', async () => {
    const r = await supervisor.get(`/api/assessment/units/${ids[UNIT_A]}/trend`);
    expect(r.statusCode).toBe(200);
    const t = r.json() as {
      months: { month: string; rates: { composite: number | null } }[];
      baseline: unknown;
    };
    expect(t.months[0]?.month).toBe('2019-05');
    expect(t.months.at(-1)?.month).toBe('2024-11');
    expect(t.months.find((m) => m.month === '2024-10')?.rates.composite).toBe(100);
    expect(t.months.find((m) => m.month === '2024-11')?.rates.composite).toBe(64.5);
    expect(t.months.find((m) => m.month === '2020-01')?.rates.composite).toBeNull();
    expect(t.baseline).toMatchObject({ composite: 10 });
    const d = (await supervisor.get('/api/assessment/trend')).json() as {
      months: { month: string; received: number }[];
    };
    expect(d.months.find((m) => m.month === '2024-11')?.received).toBe(15);
  });

  it('exports the table as CSV (UTF-8 BOM) and XLSX', async () => {
    const csv = await supervisor.get('/api/assessment?period=2024-11&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('assessment-2024-11.csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.body.slice(1).split('\r\n');
    expect(lines[0]).toContain('综合得分 Composite');
    expect(lines.find((l) => l.includes('泉河街道'))).toContain(',64.5,');
    const xlsx = await supervisor.get('/api/assessment?period=2024-11&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const cells = await supervisor.get(
      `/api/assessment/cells/tickets?unitId=${ids[UNIT_A]}&period=2024-11&measure=response&outcome=missed&format=csv`,
    );
    expect(cells.body).toContain(fx.lateA.number);
    const trend = await supervisor.get(`/api/assessment/units/${ids[UNIT_A]}/trend?format=csv`);
    expect(trend.body).toContain('2024-11,');
  });

  it('prints a monthly report with scores, rank, trend and worst tickets', async () => {
    const r = await handlerA.get(`/api/assessment/units/${ids[UNIT_A]}/report?period=2024-11`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('泉河街道');
    expect(r.body).toContain('64.50');
    expect(r.body).toContain('第 4 名 / 共 4 个');
    expect(r.body).toContain(fx.lateA.number);
    expect(r.body).toContain('响应超时 Response late');
    expect(r.body).not.toContain('<script');
  });

  it('weights are settings: the admin changes them and every figure follows at once', async () => {
    const before = await (await supervisor.get('/api/assessment/settings')).json();
    const body = { ...before, basicallySatisfiedWeight: 1 };
    expect(
      (await supervisor.request({ method: 'PUT', url: '/api/assessment/settings', payload: body }))
        .statusCode,
    ).toBe(403);
    const bad = await admin.request({
      method: 'PUT',
      url: '/api/assessment/settings',
      payload: { ...before, weights: { response: 0.5, resolution: 0.45, satisfaction: 0.45 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ASSESSMENT_SETTINGS_INVALID');
    expect(
      (await admin.request({ method: 'PUT', url: '/api/assessment/settings', payload: body })).statusCode,
    ).toBe(200);
    expect(row(await table(supervisor), UNIT_A).rates.composite).toBe(67.5);
    await admin.request({ method: 'PUT', url: '/api/assessment/settings', payload: before });
    expect(row(await table(supervisor), UNIT_A).rates.composite).toBe(64.5);
  });

  it('bad input gets a clear error and changes nothing', async () => {
    const cases: [string, number, string][] = [
      ['/api/assessment?period=2024-13', 400, 'PERIOD_INVALID'],
      ['/api/assessment?period=november', 400, 'PERIOD_INVALID'],
      ['/api/assessment?from=2024-11-20&to=2024-11-01', 400, 'DATE_RANGE_INVALID'],
      ['/api/assessment?from=2024-11-20', 400, 'PERIOD_INVALID'],
      ['/api/assessment?period=2024-12', 400, 'PERIOD_IN_FUTURE'],
      ['/api/assessment?from=2001-01-01&to=2024-11-01', 400, 'DATE_RANGE_TOO_LONG'],
      ['/api/assessment?period=2024-11&group=centre', 400, 'VALIDATION_FAILED'],
      ['/api/assessment?period=2024-11&colour=red', 400, 'VALIDATION_FAILED'],
      ['/api/assessment/units/99999/trend', 404, 'ASSESSMENT_UNIT_NOT_FOUND'],
      ['/api/assessment/units/abc/trend', 400, 'VALIDATION_FAILED'],
      ['/api/assessment/cells/tickets?period=2024-11', 400, 'VALIDATION_FAILED'],
    ];
    const queued = await rt.ctx.db.selectFrom('assessment_unit_days').selectAll().execute();
    for (const [url, status, code] of cases) {
      const r = await supervisor.get(url);
      expect({ url, status: r.statusCode, code: r.json().error?.code }).toEqual({ url, status, code });
    }
    const en = await supervisor.get('/api/assessment?period=2024-12&lang=en');
    expect(en.json().error.message).toBe('The period starts on 2024-12-01, which is in the future');
    const zh = await supervisor.get('/api/assessment?period=2024-12');
    expect(zh.json().error.message).toContain('尚未到来');
    expect(await rt.ctx.db.selectFrom('assessment_unit_days').selectAll().execute()).toEqual(queued);
  });
});
