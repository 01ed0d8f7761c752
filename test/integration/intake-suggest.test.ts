/**
 * POST /api/intake/suggest and its reduced public variant through HTTP:
 * category, type, urgency, place, units (rule, then history), similar
 * tickets and knowledge answers in one call; bad input answered with 400,
 * never 500; a missing or corrupt model leaves the server serving.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { saveModel, train } from '../../src/nlp/classifier.js';
import { DEMO_TEXTS } from '../../src/seed/demo/texts.js';
import { classifyCategory } from '../../src/services/intake/classify-category.js';
import { clearUnitHistoryCache } from '../../src/services/intake/suggest-units.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { categoryId, DISPATCHER, newTicket, unitId } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

// No trained model in tests: suggestion runs on keywords unless a test says otherwise.
process.env.JIESU_MODEL = join(tmpdir(), 'jiesu-no-such-model.json');

let rt: TestRuntime;
let app: FastifyInstance;
let agent: Client;
let citizen: Client;
let quanheTicket: number;

interface Suggestion {
  category: { code: string; level: number; source: string; matched: string[] } | null;
  type: { type: string; matched: string[] };
  urgency: { urgency: string; matched: string[] };
  place: { code: string | null; townshipCode: string | null; confidence: number; ambiguous: boolean };
  units: { code: string; reason: string; share: number | null }[];
  similar: { id: number; number: string; similarity: number; score: number }[];
  knowledge: { question: string; score: number }[];
  model: string;
}

const PROPERTY = '泉河街道富乐北里小区的物业不作为，楼道灯坏了一个月也不修，物业费照收。';

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  agent = await signedIn(app, rt.ctx, 'agent');
  citizen = await signedIn(app, rt.ctx, 'citizen');
  const property = await categoryId(rt.ctx, 'urban-property');
  const streetlight = await categoryId(rt.ctx, 'city-streetlight');
  const quanhe = await unitId(rt.ctx, 'tw-quanhe');
  const longshan = await unitId(rt.ctx, 'tw-longshan');
  // History: 泉河 property tickets went to 泉河街道; two 雁栖 streetlight tickets went, against the rule, to 龙山街道.
  for (const description of [
    '富乐北里小区物业不管事，楼道灯坏了好几天没人修。',
    '富乐北里小区的物业把绿地改成了停车位。',
  ]) {
    const t = await newTicket(rt.ctx, { description, categoryId: property, areaCode: '110116001002' });
    await dispatchTicket(rt.ctx, { ticketId: t.id, actor: DISPATCHER, mainUnitId: quanhe });
    quanheTicket = t.id;
  }
  for (let i = 0; i < 2; i++) {
    const t = await newTicket(rt.ctx, {
      description: `雁栖镇八道河村的路灯不亮第${i + 1}回`,
      categoryId: streetlight,
      areaCode: '110116004220',
    });
    await dispatchTicket(rt.ctx, { ticketId: t.id, actor: DISPATCHER, mainUnitId: longshan });
  }
  clearUnitHistoryCache();
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function suggest(body: unknown, client: Client = agent) {
  const res = await client.post('/api/intake/suggest', body);
  return { res, s: res.json() as Suggestion };
}

describe('POST /api/intake/suggest', () => {
  it('puts a 泉河 property complaint under 物业管理 in 泉河 for 泉河街道, with the earlier tickets', async () => {
    const { res, s } = await suggest({ text: PROPERTY });
    expect(res.statusCode).toBe(200);
    expect(s.model).toBe('missing');
    expect(s.category?.code).toBe('urban-property');
    expect(s.category?.source).toBe('keywords');
    expect(s.place.code).toBe('110116001002');
    expect(s.place.townshipCode).toBe('110116001');
    expect(s.units[0]).toMatchObject({ code: 'tw-quanhe', reason: 'rule', share: 1 });
    expect(s.type.type).toBe('complaint');
    expect(s.urgency.urgency).toBe('normal');
    expect(s.similar.length).toBeGreaterThanOrEqual(2);
    expect(s.similar[0]!.id).toBeGreaterThan(0);
    expect(s.similar.map((t) => t.id)).toContain(quanheTicket);
  });

  it('falls back to what history did, with the share of past tickets', async () => {
    const { s } = await suggest({ text: '八道河村路灯又不亮了', address: '雁栖镇八道河村' });
    expect(s.category?.code).toBe('city-streetlight');
    expect(s.place.code).toBe('110116004220');
    expect(s.units.map((u) => [u.code, u.reason])).toEqual([
      ['dept-cgw', 'rule'],
      ['tw-longshan', 'history'],
    ]);
    expect(s.units[1]!.share).toBe(1);
    expect(s.similar.length).toBe(2);
  });

  it('reads traditional characters', async () => {
    const { res, s } = await suggest({ text: '懷柔區泉河街道富樂北里社區的物業不作為，樓道燈壞了' });
    expect(res.statusCode).toBe(200);
    expect(s.place.code).toBe('110116001002');
    expect(s.category?.code).toBe('urban-property');
  });

  it('flags urgency and answers an inquiry from the knowledge base', async () => {
    const gas = await suggest({ text: '龙山街道南华园四区家里闻到很重的煤气味，怀疑燃气泄漏' });
    expect(gas.s.urgency).toEqual({
      urgency: 'urgent',
      matched: expect.arrayContaining(['煤气味', '燃气泄漏']),
    });
    expect(gas.s.category?.code).toBe('urban-gas-leak');
    expect(gas.s.units[0]?.code).toBe('util-gas');
    const inquiry = await suggest({ text: '请问今年供暖季什么时候开始？暖气什么时候来？' });
    expect(inquiry.s.type.type).toBe('inquiry');
    expect(inquiry.s.knowledge[0]?.question).toContain('供暖季');
  });

  it('takes emoji, mixed English and 100,000 characters without a 500', async () => {
    const emoji = await suggest({ text: '😡😡😡🙏' });
    expect(emoji.res.statusCode).toBe(200);
    expect(emoji.s.place.code).toBeNull();
    expect(emoji.s.category).toBeNull();
    const mixed = await suggest({ text: 'The streetlight at 雁栖镇八道河村 is broken 💡' });
    expect(mixed.s.place.code).toBe('110116004220');
    const started = Date.now();
    const huge = await suggest({ text: `${PROPERTY}${'物业'.repeat(50_000)}` });
    expect(huge.res.statusCode).toBe(200);
    expect(huge.s.place.townshipCode).toBe('110116001');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers empty or whitespace text with 400', async () => {
    for (const body of [{ text: '' }, { text: '   \n\t ' }, {}, { text: 42 }]) {
      const { res } = await suggest(body);
      expect(res.statusCode).toBe(400);
      expect((res.json() as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    }
    // a NUL anywhere in a request is refused before any route reads it
    const { res } = await suggest({ text: 'a\u0000b' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });

  it('is for hotline staff only', async () => {
    expect((await suggest({ text: PROPERTY }, citizen)).res.statusCode).toBe(403);
    expect((await suggest({ text: PROPERTY }, anonymous(app))).res.statusCode).toBe(401);
  });
});

describe('POST /api/public/suggest', () => {
  it('gives anyone the category and place, and nothing about other tickets', async () => {
    const res = await anonymous(app).post('/api/public/suggest', { text: PROPERTY });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['category', 'place']);
    expect((body.place as { code: string }).code).toBe('110116001002');
    expect((await anonymous(app).post('/api/public/suggest', { text: ' ' })).statusCode).toBe(400);
  });
});

describe('GET /api/tickets/:id/similar', () => {
  it('lists the tickets an existing one may duplicate, not itself', async () => {
    const res = await agent.get(`/api/tickets/${quanheTicket}/similar`);
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { id: number }[] }).items;
    expect(items.length).toBe(1);
    expect(items[0]!.id).not.toBe(quanheTicket);
    expect((await citizen.get(`/api/tickets/${quanheTicket}/similar`)).statusCode).toBe(403);
  });
});

describe('the category model', () => {
  it('reports a corrupt model at start and still serves, on keywords', async () => {
    const file = join(tmpdir(), `jiesu-corrupt-${process.pid}.json`);
    writeFileSync(file, '{"labels": [1, 2');
    process.env.JIESU_MODEL = file;
    const other = await buildServer(rt.ctx, { logger: false });
    try {
      const admin = await signedIn(other, rt.ctx, 'admin');
      const status = (await admin.get('/api/intake/status')).json() as { model: string; message: string };
      expect(status.model).toBe('corrupt');
      expect(status.message).toMatch(/分类模型.*\/ Category model/);
      const res = await admin.post('/api/intake/suggest', { text: PROPERTY });
      expect(res.statusCode).toBe(200);
      expect((res.json() as Suggestion).category?.code).toBe('urban-property');
      expect((await admin.get('/healthz')).statusCode).toBe(200);
    } finally {
      await other.close();
      process.env.JIESU_MODEL = join(tmpdir(), 'jiesu-no-such-model.json');
    }
  });

  it('loads a trained model and suggests from it', async () => {
    // A small model trained here on the demo texts, labelled with leaf codes.
    const fill = (t: string) =>
      t
        .replace(/\{place\}/g, '某小区')
        .replace(/\{town\}/g, '')
        .replace(/\{road\}/g, '某路')
        .replace(/\{time\}/g, '晚上')
        .replace(/\{days\}/g, '三');
    const examples = DEMO_TEXTS.flatMap((l) =>
      [...l.titles, ...l.bodies].map((t) => ({ text: fill(t), label: l.category })),
    );
    const file = join(tmpdir(), `jiesu-model-${process.pid}.model`);
    await saveModel(train(examples), file);
    process.env.JIESU_MODEL = file;
    const other = await buildServer(rt.ctx, { logger: false });
    try {
      const staff = await signedIn(other, rt.ctx, 'dispatcher');
      expect(((await staff.get('/api/intake/status')).json() as { model: string }).model).toBe('loaded');
      const s = (await staff.post('/api/intake/suggest', { text: PROPERTY })).json() as Suggestion;
      expect(s.model).toBe('loaded');
      expect(s.category?.source).toMatch(/^model/);
      expect(s.category?.code).toMatch(/^urban-property/);
    } finally {
      await other.close();
      process.env.JIESU_MODEL = join(tmpdir(), 'jiesu-no-such-model.json');
    }
  });

  it('uses a model label: a leaf as is, a level-1 category refined by keywords, a throwing model ignored', async () => {
    const ref = await rt.ctx.reference.get();
    const leaf = classifyCategory(
      ref.categories,
      { predict: () => ({ label: 'env-noise', score: 0.8 }) },
      '楼上太吵',
    );
    expect(leaf.best).toMatchObject({ code: 'env-noise', source: 'model', confidence: 0.8 });
    const top = classifyCategory(
      ref.categories,
      { predict: () => ({ label: '城乡建设', score: 0.7 }) },
      PROPERTY,
    );
    expect(top.best).toMatchObject({ code: 'urban-property', source: 'model+keywords' });
    const broken = classifyCategory(
      ref.categories,
      {
        predict: () => {
          throw new Error('boom');
        },
      },
      PROPERTY,
    );
    expect(broken.best?.source).toBe('keywords');
  });
});
