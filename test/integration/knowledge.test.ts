/**
 * The knowledge base 知识库: seeded answers, search as the agent types
 * (ranked), and admin-only create / edit / deactivate / delete with audit.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_SEEDS } from '../../src/seed/demo/knowledge.js';
import { auditRows, call, codeOf } from '../support/admin.js';
import { categoryId } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let admin: Client;
let agent: Client;
let citizen: Client;

interface Hit {
  id: number;
  question: string;
  score: number;
  matched: string[];
}

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  admin = await signedIn(app, rt.ctx, 'admin');
  agent = await signedIn(app, rt.ctx, 'agent');
  citizen = await signedIn(app, rt.ctx, 'citizen');
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function search(q: string, client: Client = agent): Promise<Hit[]> {
  const res = await client.get(`/api/knowledge?q=${encodeURIComponent(q)}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: Hit[] }).items;
}

describe('seeded answers', () => {
  it('holds every standard answer', async () => {
    const res = await admin.get('/api/admin/knowledge?limit=500');
    expect((res.json() as { items: unknown[] }).items.length).toBe(KNOWLEDGE_SEEDS.length);
  });

  it('ranks the answer that fits best first, as the agent types', async () => {
    expect((await search('供暖费怎么交'))[0]?.question).toContain('供暖费');
    expect((await search('闻到燃气味'))[0]?.question).toContain('燃气味');
    expect((await search('停电了找谁'))[0]?.question).toContain('停电');
    // half-typed: a prefix of a keyword still finds the heating answers
    const partial = await search('供暖');
    expect(partial.length).toBeGreaterThanOrEqual(2);
    expect(partial.slice(0, 2).every((h) => h.question.includes('供暖'))).toBe(true);
    const scores = partial.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers traditional characters and ignores noise', async () => {
    expect((await search('供暖費怎麼交'))[0]?.question).toContain('供暖费');
    expect(await search('😡😡')).toEqual([]);
    expect(await search('')).toEqual([]);
  });

  it('is readable by any signed-in user, not anonymously', async () => {
    expect((await search('供暖', citizen)).length).toBeGreaterThan(0);
    expect((await anonymous(app).get('/api/knowledge?q=供暖')).statusCode).toBe(401);
  });
});

describe('admin CRUD', () => {
  it('creates, edits, deactivates and deletes, audited, and search follows', async () => {
    const heating = await categoryId(rt.ctx, 'urban-heating');
    const created = await call(admin, 'POST', '/api/admin/knowledge', {
      question: '雁栖湖冬季冰面能不能滑冰？',
      answer: '雁栖湖冰面未开放，严禁上冰。可到区内正规冰场滑冰。',
      keywords: ['滑冰', '冰面', '雁栖湖', ' 滑冰 '],
      categoryId: null,
    });
    expect(created.statusCode).toBe(201);
    const article = created.json() as { id: number; keywords: string[]; active: boolean };
    expect(article.keywords).toEqual(['滑冰', '冰面', '雁栖湖']);
    expect((await search('雁栖湖滑冰'))[0]?.id).toBe(article.id);

    const edited = await call(admin, 'PATCH', `/api/admin/knowledge/${article.id}`, {
      answer: '雁栖湖冰面不开放，请勿上冰；滑冰请到正规冰场。',
      categoryId: heating,
    });
    expect(edited.statusCode).toBe(200);
    expect((edited.json() as { category_id: number }).category_id).toBe(heating);

    expect(
      (await call(admin, 'PATCH', `/api/admin/knowledge/${article.id}`, { active: false })).statusCode,
    ).toBe(200);
    expect((await search('雁栖湖滑冰')).some((h) => h.id === article.id)).toBe(false);
    expect((await agent.get(`/api/knowledge/${article.id}`)).statusCode).toBe(404);
    const listed = (await admin.get('/api/admin/knowledge?q=雁栖湖滑冰')).json() as { items: Hit[] };
    expect(listed.items[0]?.id).toBe(article.id);

    expect((await call(admin, 'DELETE', `/api/admin/knowledge/${article.id}`)).statusCode).toBe(204);
    const gone = await admin.get(`/api/admin/knowledge/${article.id}`);
    expect(gone.statusCode).toBe(404);
    expect(codeOf(gone)).toBe('KNOWLEDGE_NOT_FOUND');
    const actions = ['knowledge.create', 'knowledge.update', 'knowledge.delete'];
    for (const action of actions)
      expect((await auditRows(rt.ctx, action, article.id)).length).toBeGreaterThan(0);
  });

  it('ranks a question that names the words above an answer that only mentions them', async () => {
    const inAnswer = await call(admin, 'POST', '/api/admin/knowledge', {
      question: '村里的路什么时候修？',
      answer: '道路维修由镇政府安排，栗蘑种植户运输困难的可先向村委会反映。',
    });
    const inQuestion = await call(admin, 'POST', '/api/admin/knowledge', {
      question: '栗蘑种植有没有补贴？',
      answer: '请咨询镇农业服务中心，以当年政策为准。',
      keywords: ['栗蘑'],
    });
    const hits = await search('栗蘑');
    const ids = hits.map((h) => h.id);
    const q = (inQuestion.json() as { id: number }).id;
    const a = (inAnswer.json() as { id: number }).id;
    expect(ids.indexOf(q)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(a)).toBeGreaterThan(ids.indexOf(q));
  });

  it('refuses other roles, bad input and unknown categories', async () => {
    const body = { question: '问题', answer: '回答' };
    expect((await call(agent, 'POST', '/api/admin/knowledge', body)).statusCode).toBe(403);
    expect((await call(citizen, 'DELETE', '/api/admin/knowledge/1')).statusCode).toBe(403);
    expect((await call(agent, 'GET', '/api/admin/knowledge')).statusCode).toBe(403);
    expect(
      (await call(admin, 'POST', '/api/admin/knowledge', { question: ' ', answer: 'x' })).statusCode,
    ).toBe(400);
    const badCategory = await call(admin, 'POST', '/api/admin/knowledge', { ...body, categoryId: 999_999 });
    expect(codeOf(badCategory)).toBe('KNOWLEDGE_CATEGORY_INVALID');
    expect((await call(admin, 'PATCH', '/api/admin/knowledge/999999', { active: false })).statusCode).toBe(
      404,
    );
    expect((await call(admin, 'PATCH', '/api/admin/knowledge/1', {})).statusCode).toBe(400);
  });
});
