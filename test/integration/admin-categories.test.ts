/**
 * Admin: categories, their Open311 attributes and routing rules. Codes are
 * frozen once tickets use them; list attributes need values; routing rules
 * name real areas and units; non-admins change nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, call, codeOf, countRows } from '../support/admin.js';
import { MAIN_UNIT, newTicket, someLeafCategory, unitId } from '../support/factories.js';
import { type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let admin: Client;
let agent: Client;

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  admin = await signedIn(app, rt.ctx, 'admin');
  agent = await signedIn(app, rt.ctx, 'agent');
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function createCategory(body: Record<string, unknown>) {
  const r = await admin.post('/api/admin/categories', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; code: string; level: number; attributes?: { id: number }[] };
}

async function leafPair(prefix: string) {
  const group = await createCategory({
    code: `${prefix}-group`,
    name: `${prefix}组`,
    nameEn: 'Group',
    parentId: null,
  });
  const leaf = await createCategory({
    code: `${prefix}-leaf`,
    name: `${prefix}叶`,
    nameEn: 'Leaf',
    parentId: group.id,
    keywords: ['桥梁', ' 桥梁 ', '护栏'],
    policyCode: 'urgent',
  });
  return { group, leaf };
}

describe(`admin categories and routing on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('creates a level-1 category and a leaf with keywords and policy, seen at once', async () => {
    const { group, leaf } = await leafPair('bridge');
    expect(group.level).toBe(1);
    expect(leaf).toMatchObject({
      level: 2,
      keywords: ['桥梁', '护栏'],
      policyCode: 'urgent',
      attributes: [],
    });
    const ref = await rt.ctx.reference.get();
    expect(ref.categoriesByCode.get('bridge-leaf')?.parent_id).toBe(group.id);
    const listed = (await agent.get('/api/reference/categories')).json().items;
    expect(listed.find((c: { id: number }) => c.id === group.id).children[0].code).toBe('bridge-leaf');
    expect(await auditRows(rt.ctx, 'category.create', leaf.id)).toHaveLength(1);
  });

  it('refuses non-ASCII codes, a leaf under a leaf, unknown policies, and non-admins', async () => {
    const before = await countRows(rt.ctx, 'categories');
    const leaf = await someLeafCategory(rt.ctx);
    let r = await admin.post('/api/admin/categories', {
      code: '分类',
      name: 'x',
      nameEn: 'x',
      parentId: null,
    });
    expect(r.json().error.fields[0].path).toBe('code');
    r = await admin.post('/api/admin/categories', { code: 'deep', name: 'x', nameEn: 'x', parentId: leaf });
    expect(r.json().error.fields[0].code).toBe('not_level_1');
    r = await admin.post('/api/admin/categories', {
      code: 'nopolicy',
      name: 'x',
      nameEn: 'x',
      parentId: null,
      policyCode: 'nope',
    });
    expect(codeOf(r)).toBe('POLICY_NOT_FOUND');
    r = await agent.post('/api/admin/categories', {
      code: 'agentcat',
      name: 'x',
      nameEn: 'x',
      parentId: null,
    });
    expect(r.statusCode).toBe(403);
    expect(await countRows(rt.ctx, 'categories')).toBe(before);
  });

  it('edits a leaf; its code changes until a ticket uses it, then is frozen', async () => {
    const { leaf } = await leafPair('frozen');
    let r = await call(admin, 'PATCH', `/api/admin/categories/${leaf.id}`, {
      code: 'frozen-leaf-2',
      policyCode: null,
    });
    expect(r.json()).toMatchObject({ code: 'frozen-leaf-2', policyCode: null });
    await newTicket(rt.ctx, { categoryId: leaf.id });
    r = await call(admin, 'PATCH', `/api/admin/categories/${leaf.id}`, { code: 'frozen-leaf-3' });
    expect([r.statusCode, codeOf(r)]).toEqual([409, 'CATEGORY_CODE_IN_USE']);
    r = await call(admin, 'PATCH', `/api/admin/categories/${leaf.id}`, {
      name: '改名可以',
      keywords: ['新词'],
    });
    expect(r.json()).toMatchObject({ code: 'frozen-leaf-2', name: '改名可以', keywords: ['新词'] });
    const [audit] = await auditRows(rt.ctx, 'category.update', leaf.id);
    expect(audit?.detail).toMatchObject({
      before: { code: 'frozen-leaf' },
      after: { code: 'frozen-leaf-2' },
    });
  });

  it('deactivating a level-1 category deactivates its leaves; intake then refuses them', async () => {
    const { group, leaf } = await leafPair('retire');
    const r = await call(admin, 'PATCH', `/api/admin/categories/${group.id}`, { active: false });
    expect(r.json().active).toBe(false);
    expect((await rt.ctx.reference.get()).categories.get(leaf.id)?.active).toBe(false);
    const intake = await agent.post('/api/tickets', {
      type: 'complaint',
      description: '桥梁护栏损坏，存在安全隐患，请尽快处理。',
      categoryId: leaf.id,
    });
    expect(codeOf(intake)).toBe('CATEGORY_NOT_FOUND');
    const again = await call(admin, 'PATCH', `/api/admin/categories/${leaf.id}`, { active: true });
    expect(again.json().error.fields[0].code).toBe('parent_inactive');
    const listed = (await agent.get('/api/reference/categories')).json().items;
    expect(listed.some((c: { id: number }) => c.id === group.id)).toBe(false);
  });

  it('attributes: the six Open311 datatypes, values only for lists, order and required', async () => {
    const { leaf } = await leafPair('attr');
    const url = `/api/admin/categories/${leaf.id}/attributes`;
    const before = await countRows(rt.ctx, 'category_attributes');
    let r = await admin.post(url, { code: 'kind', datatype: 'singlevaluelist', description: '类型' });
    expect(r.json().error.fields[0]).toMatchObject({ path: 'values', code: 'required' });
    r = await admin.post(url, {
      code: 'len',
      datatype: 'number',
      description: '长度',
      values: [{ key: 'a', name: 'A' }],
    });
    expect(r.json().error.fields[0]).toMatchObject({ path: 'values', code: 'not_allowed' });
    r = await admin.post(url, {
      code: 'kind',
      datatype: 'multivaluelist',
      description: '类型',
      values: [
        { key: 'a', name: 'A' },
        { key: 'a', name: 'B' },
      ],
    });
    expect(r.json().error.fields[0].code).toBe('duplicate');
    r = await admin.post(url, { code: 'x', datatype: 'colour', description: 'x' });
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
    expect(await countRows(rt.ctx, 'category_attributes')).toBe(before);

    for (const datatype of ['string', 'number', 'datetime', 'text']) {
      r = await admin.post(url, { code: `f-${datatype}`, datatype, description: datatype });
      expect(r.statusCode, r.body).toBe(201);
    }
    r = await admin.post(url, {
      code: 'side',
      datatype: 'singlevaluelist',
      description: '哪一侧',
      required: true,
      order: 1,
      values: [
        { key: 'east', name: '东侧' },
        { key: 'west', name: '西侧' },
      ],
    });
    expect(r.json()).toMatchObject({
      code: 'side',
      required: true,
      order: 1,
      values: [{ key: 'east' }, { key: 'west' }],
    });
    const side = r.json().id as number;
    r = await admin.post(url, { code: 'side', datatype: 'string', description: 'dup' });
    expect([r.statusCode, codeOf(r)]).toEqual([409, 'ATTRIBUTE_CODE_TAKEN']);

    r = await call(admin, 'PATCH', `${url}/${side}`, { datatype: 'string' });
    expect(r.json()).toMatchObject({ datatype: 'string', values: [] });
    r = await call(admin, 'PATCH', `${url}/${side}`, { datatype: 'multivaluelist' });
    expect(r.json().error.fields[0]).toMatchObject({ path: 'values', code: 'required' });
    r = await call(admin, 'PATCH', `${url}/${side}`, { order: 9, required: false });
    expect(r.json()).toMatchObject({ order: 9, required: false, datatype: 'string' });

    const listed = (await agent.get('/api/reference/categories')).json().items;
    const shown = listed.flatMap(
      (c: { children: { id: number; attributes: { code: string }[] }[] }) => c.children,
    );
    expect(
      shown.find((c: { id: number }) => c.id === leaf.id).attributes.map((a: { code: string }) => a.code),
    ).toEqual(['f-string', 'f-number', 'f-datetime', 'f-text', 'side']);

    expect((await call(agent, 'DELETE', `${url}/${side}`)).statusCode).toBe(403);
    expect((await call(admin, 'DELETE', `${url}/${side}`)).statusCode).toBe(204);
    expect(codeOf(await call(admin, 'DELETE', `${url}/${side}`))).toBe('ATTRIBUTE_NOT_FOUND');
    expect(await auditRows(rt.ctx, 'category.attribute_remove', leaf.id)).toHaveLength(1);
    const group = (await rt.ctx.reference.get()).categories.get(leaf.id)?.parent_id as number;
    r = await admin.post(`/api/admin/categories/${group}/attributes`, {
      code: 'g',
      datatype: 'string',
      description: 'g',
    });
    expect(codeOf(r)).toBe('CATEGORY_NOT_LEAF');
  });

  it('routing rules: create, edit, list, delete; the cache sees each change', async () => {
    const { leaf } = await leafPair('route');
    const unit = await unitId(rt.ctx, 'dept-cgw');
    let r = await admin.post('/api/admin/routing-rules', {
      categoryId: leaf.id,
      areaCode: null,
      unitId: unit,
    });
    expect(r.statusCode, r.body).toBe(201);
    const rule = r.json();
    expect(rule).toMatchObject({
      categoryId: leaf.id,
      areaCode: null,
      unitId: unit,
      toTownship: false,
      priority: 10,
    });
    expect((await rt.ctx.reference.get()).routing.find((x) => x.id === rule.id)?.unitId).toBe(unit);

    r = await call(admin, 'PATCH', `/api/admin/routing-rules/${rule.id}`, {
      toTownship: true,
      areaCode: '110116001',
    });
    expect(r.json()).toMatchObject({ unitId: null, toTownship: true, areaCode: '110116001' });
    expect((await rt.ctx.reference.get()).routing.find((x) => x.id === rule.id)?.toTownship).toBe(true);

    const listed = await admin.get(`/api/admin/routing-rules?categoryId=${leaf.id}`);
    expect(listed.json()).toMatchObject({ total: 1, items: [{ id: rule.id }] });
    expect((await agent.get('/api/admin/routing-rules')).statusCode).toBe(403);

    expect((await call(admin, 'DELETE', `/api/admin/routing-rules/${rule.id}`)).statusCode).toBe(204);
    expect((await rt.ctx.reference.get()).routing.some((x) => x.id === rule.id)).toBe(false);
    expect((await auditRows(rt.ctx, 'routing_rule.delete', rule.id))[0]?.detail).toMatchObject({
      before: { toTownship: true, areaCode: '110116001' },
    });
  });

  it('routing rules: unknown areas, two targets, inactive units and non-admins change nothing', async () => {
    const leaf = await someLeafCategory(rt.ctx);
    const unit = await unitId(rt.ctx, MAIN_UNIT);
    const before = await countRows(rt.ctx, 'routing_rules');
    let r = await admin.post('/api/admin/routing-rules', {
      categoryId: leaf,
      areaCode: '110116999',
      unitId: unit,
    });
    expect([r.statusCode, codeOf(r)]).toEqual([400, 'AREA_NOT_FOUND']);
    r = await admin.post('/api/admin/routing-rules', {
      categoryId: leaf,
      areaCode: null,
      unitId: unit,
      toTownship: true,
    });
    expect(r.json().error.fields[0].code).toBe('one_target');
    r = await admin.post('/api/admin/routing-rules', { categoryId: leaf, areaCode: null });
    expect(r.json().error.fields[0].code).toBe('one_target');
    r = await admin.post('/api/admin/routing-rules', {
      categoryId: 999_999,
      areaCode: null,
      toTownship: true,
    });
    expect(codeOf(r)).toBe('CATEGORY_NOT_FOUND');
    r = await agent.post('/api/admin/routing-rules', { categoryId: leaf, areaCode: null, unitId: unit });
    expect(r.statusCode).toBe(403);
    expect(await countRows(rt.ctx, 'routing_rules')).toBe(before);
    expect(codeOf(await call(admin, 'PATCH', '/api/admin/routing-rules/999999', { priority: 5 }))).toBe(
      'ROUTING_RULE_NOT_FOUND',
    );
  });
});
