/**
 * Analytics (breakdowns, cards and times, hot topics) and open data through
 * HTTP: figures of the hand-built month, who may see them, and open data
 * that is public, cacheable, and free of personal data and free text.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Breakdown } from '../../src/services/assessment/volume-breakdown.js';
import { runDeadlineSweep } from '../../src/services/sweep/run-deadline-sweep.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import {
  type AssessmentFixture,
  buildAssessmentFixture,
  UNIT_A,
  UNIT_B,
} from '../support/assessment-fixtures.js';
import { DISPATCHER, newTicket, unitId } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let fx: AssessmentFixture;
let supervisor: Client;
let handlerA: Client;
let admin: Client;
let publicClient: Client;

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  fx = await buildAssessmentFixture(rt);
  supervisor = await signedIn(app, rt.ctx, 'supervisor');
  handlerA = await signedIn(app, rt.ctx, 'handler', UNIT_A);
  admin = await signedIn(app, rt.ctx, 'admin');
  publicClient = anonymous(app);
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

describe(`analytics on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('breaks intake volumes down by township, type, channel, category, village and hour', async () => {
    const get = async (by: string) => {
      const r = await supervisor.get(`/api/analytics/breakdown?by=${by}&period=2024-11`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as Breakdown;
    };
    // November: 10 called-back tickets + the reopened one + 4 received = 15, all in 泉河街道 110116001
    const township = await get('township');
    expect(township.total).toBe(15);
    expect(township.rows).toEqual([
      {
        key: '110116001',
        label: { zh: '泉河街道', en: expect.any(String) },
        parent: null,
        count: 15,
        share: 1,
      },
    ]);
    expect((await get('type')).rows.map((r) => [r.key, r.count])).toEqual([['complaint', 15]]);
    expect((await get('channel')).rows[0]).toMatchObject({
      key: 'phone',
      label: { zh: '电话', en: 'Phone' },
    });
    const category = await get('category');
    expect(category.rows[0]?.parent).not.toBeNull();
    const hours = await get('hour');
    expect(hours.rows.map((r) => r.key)).toEqual(['9']);
    const csv = await supervisor.get('/api/analytics/breakdown?by=township&period=2024-11&format=csv');
    expect(csv.body).toContain('泉河街道');
    expect((await supervisor.get('/api/analytics/breakdown?by=weather&period=2024-11')).statusCode).toBe(400);
  });

  it('cards, late replies and handling times per unit; a handler sees its own unit only', async () => {
    const cards = (await supervisor.get('/api/analytics/cards?period=2024-11')).json() as {
      units: { unit: { code: string }; lateReplies: number; cards: { response: { red: number } } }[];
    };
    expect(cards.units.find((u) => u.unit.code === UNIT_A)).toBeDefined();
    const durations = (await supervisor.get('/api/analytics/durations?period=2024-11')).json() as {
      units: {
        unit: { code: string };
        tickets: number;
        hours: { sign: number; contact: number; reply: number };
      }[];
    };
    const a = durations.units.find((u) => u.unit.code === UNIT_A);
    // five tickets called back: sign at dispatch; contact and reply after 1 h, or 30 h for the late one
    expect(a?.tickets).toBe(5);
    expect(a?.hours).toEqual({ sign: 0, contact: 6.8, reply: 6.8 });
    const own = (await handlerA.get('/api/analytics/durations?period=2024-11')).json() as {
      units: { unit: { code: string } }[];
    };
    expect(own.units.map((u) => u.unit.code)).toEqual([UNIT_A]);
    const xlsx = await supervisor.get('/api/analytics/cards?period=2024-11&format=xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('finds hot topics by place and matter, with their tickets and growth', async () => {
    const r = await supervisor.get('/api/analytics/hot-topics?period=2024-11');
    expect(r.statusCode, r.body).toBe(200);
    const topics = (
      r.json() as {
        topics: {
          size: number;
          previous: number;
          growth: { change: number };
          tickets: { id: number }[];
          township: { code: string };
        }[];
      }
    ).topics;
    expect(topics.length).toBeGreaterThanOrEqual(2);
    const bins = topics.find((t) => t.tickets.some((x) => x.id === fx.hotTopic[0]?.id));
    expect(bins?.tickets.map((t) => t.id).sort()).toEqual(fx.hotTopic.map((t) => t.id).sort());
    expect(bins?.previous).toBe(0);
    expect(bins?.growth.change).toBe(4);
    expect(bins?.township.code).toBe('110116001');
    // largest first: the street-lamp tickets of the month outnumber the bins
    expect(topics[0]?.size).toBeGreaterThan(4);
    const byGrowth = (
      await supervisor.get('/api/analytics/hot-topics?period=2024-11&sort=growth')
    ).json() as {
      topics: { growth: { change: number } }[];
    };
    const changes = byGrowth.topics.map((t) => t.growth.change);
    expect([...changes].sort((x, y) => y - x)).toEqual(changes);
  });
});

/** Nothing personal and no free text may appear anywhere in an open-data answer. */
function expectNothingPersonal(body: string): void {
  for (const forbidden of [
    '13812341234',
    '138****1234',
    '张三',
    '张*',
    '路灯坏了',
    '垃圾桶',
    'number',
    'title',
    'citizen',
    'description',
  ]) {
    expect(body, forbidden).not.toContain(forbidden);
  }
}

describe(`open data on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('district summary: public, cacheable, aggregates only', async () => {
    const r = await publicClient.get('/api/open-data/summary');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=300');
    expectNothingPersonal(r.body);
    const s = r.json() as {
      months: { month: string; received: number; assessed: number; rates: { composite: number } }[];
      baseline: { year: number };
      totals: { received: number };
    };
    expect(s.months).toHaveLength(24);
    expect(s.months.at(-1)?.month).toBe('2024-11');
    const nov = s.months.find((m) => m.month === '2024-11');
    expect(nov).toMatchObject({ received: 15, assessed: 9 });
    expect(s.totals.received).toBe(17);
    expect(s.baseline.year).toBe(2019);
  });

  it('per township and village for a month, also as CSV; bad periods refused', async () => {
    const r = await publicClient.get('/api/open-data/areas?period=2024-11');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=300');
    expectNothingPersonal(r.body);
    const areas = r.json() as {
      townships: { code: string; received: number; assessed: number; rates: { composite: number | null } }[];
    };
    const quanhe = areas.townships.find((t) => t.code === '110116001');
    // every November ticket of the fixture is in 泉河街道: A's 4 counted + B 2 + C 1 + C2 1 + DEPT 1
    expect(quanhe).toMatchObject({ received: 15, assessed: 9 });
    expect(areas.townships.length).toBeGreaterThanOrEqual(16);
    const csv = await publicClient.get('/api/open-data/areas?period=2024-11&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('110116001');
    expect((await publicClient.get('/api/open-data/areas?period=2031-01')).json().error.code).toBe(
      'PERIOD_IN_FUTURE',
    );
    expect((await publicClient.get('/api/open-data/areas?from=2024-11-01')).statusCode).toBe(400);
  });

  it('district profile seeded from the 2024-08-26 report, each with source and date; the admin edits it', async () => {
    const r = await publicClient.get('/api/open-data/profile');
    expect(r.headers['cache-control']).toBe('public, max-age=300');
    const items = (r.json() as { items: { code: string; value: number; source: string; asOf: string }[] })
      .items;
    const value = (code: string) => items.find((i) => i.code === code)?.value;
    expect(value('science_facilities')).toBe(37);
    expect(value('researchers')).toBe(23000);
    expect(value('major_results')).toBe(227);
    expect(value('yanqi_events')).toBe(22500);
    expect(value('yanqi_visitors')).toBe(3_600_000);
    expect(value('beautiful_villages')).toBe(243);
    expect(value('instrument_firms')).toBe(325);
    expect(value('rural_income_growth')).toBe(7.5);
    expect(value('science_service_revenue_growth')).toBe(18);
    expect(items.every((i) => i.source.includes('2024-08-26') && i.asOf === '2024-08-26')).toBe(true);

    const body = {
      name: { zh: '影视出品票房占比', en: 'Share of national box office' },
      value: 20,
      unit: { zh: '%', en: '%' },
      source: '新京报 2024-08-26',
      asOf: '2024-08-26',
      sort: 10,
    };
    const put = (c: Client, code: string, b: unknown) =>
      c.request({ method: 'PUT', url: `/api/open-data/profile/${code}`, payload: b as object });
    expect((await put(publicClient, 'box_office', body)).statusCode).toBe(401);
    expect((await put(supervisor, 'box_office', body)).statusCode).toBe(403);
    expect((await put(admin, 'box_office', { ...body, asOf: '2024-02-30' })).statusCode).toBe(400);
    expect((await put(admin, 'Bad Code', body)).statusCode).toBe(400);
    expect((await put(admin, 'box_office', body)).statusCode).toBe(201);
    expect((await put(admin, 'box_office', { ...body, value: 21 })).statusCode).toBe(200);
    expect((await publicClient.get('/api/open-data/profile/box_office')).json().value).toBe(21);
    const audit = await rt.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', 'box_office')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['profile.create', 'profile.update']);
    expect(
      (await admin.request({ method: 'DELETE', url: '/api/open-data/profile/box_office' })).statusCode,
    ).toBe(204);
    const gone = await publicClient.get('/api/open-data/profile/box_office');
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('PROFILE_INDICATOR_NOT_FOUND');
    expect(
      (await admin.request({ method: 'DELETE', url: '/api/open-data/profile/box_office' })).statusCode,
    ).toBe(404);
  });

  it('the peer ranking shows figures of other units without their tickets', async () => {
    const b = await unitId(rt.ctx, UNIT_B);
    expect((await handlerA.get(`/api/assessment/cells/tickets?unitId=${b}&period=2024-11`)).statusCode).toBe(
      404,
    );
  });
});

describe('cards behind the cards table', () => {
  it('lists the tickets that got the red cards of a cell', async () => {
    rt.clock.set('2024-11-25T10:00:00+08:00');
    const t = await newTicket(rt.ctx);
    await dispatchTicket(rt.ctx, {
      ticketId: t.id,
      actor: DISPATCHER,
      mainUnitId: await unitId(rt.ctx, UNIT_A),
    });
    rt.clock.set('2024-11-26T11:00:00+08:00');
    await runDeadlineSweep(rt.ctx);
    const cards = (await supervisor.get('/api/analytics/cards?period=2024-11')).json() as {
      units: { unit: { code: string }; cards: { sign: { red: number }; response: { red: number } } }[];
    };
    const a = cards.units.find((u) => u.unit.code === UNIT_A);
    // this ticket and the fixture's reopened one, dispatched again on 11-09 and never signed since
    expect(a?.cards.sign.red).toBe(2);
    expect(a?.cards.response.red).toBe(2);
    const url = `/api/assessment/cells/tickets?unitId=${await unitId(rt.ctx, UNIT_A)}&period=2024-11&measure=red_card`;
    const all = (await supervisor.get(url)).json() as { total: number; items: { id: number }[] };
    expect(all.total).toBe(2);
    expect(all.items.map((i) => i.id)).toContain(t.id);
    const sign = (await supervisor.get(`${url}&outcome=sign`)).json() as { total: number };
    expect(sign.total).toBe(2);
    // only the reopened one is past its 7-day reply deadline
    const reply = (await supervisor.get(`${url}&outcome=reply`)).json() as {
      total: number;
      items: { id: number }[];
    };
    expect(reply.total).toBe(1);
    expect(reply.items.map((i) => i.id)).not.toContain(t.id);
  });
});
