/**
 * Reference data read by everyone, with ETag revalidation, and the cache
 * following an admin's edit at once.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, codeOf } from '../support/admin.js';
import { MAIN_UNIT, unitId } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let anon: Client;
let admin: Client;

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  anon = anonymous(app);
  admin = await signedIn(app, rt.ctx, 'admin');
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

interface UnitNode {
  id: number;
  code: string;
  name: string;
  peerGroup: string;
  areaCodes: string[];
  active: boolean;
  children: UnitNode[];
}

describe(`reference data on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('vocabulary: states, actions, types, channels, roles, satisfactions, peer groups in both languages', async () => {
    const r = await anon.get('/api/reference/vocabulary');
    expect(r.statusCode).toBe(200);
    const v = r.json();
    expect(v.states).toContainEqual({
      code: 'received',
      label: { zh: '已受理', en: 'Received' },
      terminal: false,
    });
    expect(v.actions.find((a: { code: string }) => a.code === 'dispatch')).toMatchObject({
      label: { zh: '派单' },
      from: ['received'],
      to: 'dispatched',
    });
    expect(v.types.map((t: { code: string }) => t.code)).toContain('complaint');
    expect(v.channels.length).toBeGreaterThan(3);
    expect(v.roles.find((x: { code: string }) => x.code === 'admin')).toMatchObject({ assignable: true });
    expect(v.roles.find((x: { code: string }) => x.code === 'system')).toMatchObject({ assignable: false });
    expect(v.satisfactions.map((s: { code: string }) => s.code)).toEqual([
      'satisfied',
      'basically_satisfied',
      'unsatisfied',
    ]);
    expect(v.peerGroups).toContainEqual({
      code: 'township',
      label: { zh: '街道乡镇', en: 'Streets and towns' },
    });
  });

  it('answers carry an ETag and a short max-age, and a matching If-None-Match gets 304', async () => {
    const first = await anon.get('/api/reference/policies');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await anon.get('/api/reference/policies', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const general = first.json().items.find((p: { code: string }) => p.code === 'general');
    expect(general).toMatchObject({
      mode: 'calendar',
      sign: '2h',
      response: '24h',
      reply: '7d',
      yellowAt: 0.75,
    });
  });

  it('areas: flat with short names and coordinates, filtered by level, or as a tree', async () => {
    const flat = (await anon.get('/api/reference/areas')).json().items;
    expect(flat.length).toBeGreaterThan(300);
    const towns = (await anon.get('/api/reference/areas?level=town,township')).json().items;
    expect(towns).toHaveLength(11);
    expect(towns.every((a: { level: string }) => a.level === 'town' || a.level === 'township')).toBe(true);
    const quanhe = flat.find((a: { code: string }) => a.code === '110116001');
    expect(quanhe).toMatchObject({ name: '泉河街道', parentCode: '110116', townshipCode: '110116001' });
    expect(typeof quanhe.lat).toBe('number');
    const tree = (await anon.get('/api/reference/areas?format=tree')).json().items;
    expect(tree).toHaveLength(1);
    expect(tree[0].code).toBe('110116');
    expect(tree[0].children.length).toBeGreaterThanOrEqual(17);
    const villages = (await anon.get('/api/reference/areas?parent=110116001')).json().items;
    expect(villages.every((a: { parentCode: string }) => a.parentCode === '110116001')).toBe(true);
  });

  it('units: a tree under the hotline centre with peer groups and areas covered', async () => {
    const tree: UnitNode[] = (await anon.get('/api/reference/units')).json().items;
    expect(tree).toHaveLength(1);
    expect(tree[0]?.code).toBe('centre');
    const quanhe = tree[0]?.children.find((u) => u.code === MAIN_UNIT);
    expect(quanhe).toMatchObject({ peerGroup: 'township', areaCodes: ['110116001'] });
    const flat: UnitNode[] = (await anon.get('/api/reference/units?format=flat')).json().items;
    expect(flat.length).toBeGreaterThan(20);
    expect(flat.every((u) => u.active)).toBe(true);
  });

  it('categories: level 1 with leaves, attributes, policy and keywords', async () => {
    const items = (await anon.get('/api/reference/categories')).json().items;
    expect(items.length).toBeGreaterThan(5);
    const leaves = items.flatMap((c: { children: unknown[] }) => c.children) as {
      level: number;
      policyCode: string;
      keywords: string[];
      attributes: { datatype: string; values: unknown[] }[];
    }[];
    expect(leaves.every((l) => l.level === 2)).toBe(true);
    expect(leaves.some((l) => l.policyCode === 'utility')).toBe(true);
    expect(leaves.some((l) => l.keywords.length > 0)).toBe(true);
    const lists = leaves.flatMap((l) => l.attributes).filter((a) => a.datatype.endsWith('valuelist'));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((a) => a.values.length > 0)).toBe(true);
  });

  it('calendar of a year: holidays, adjusted workdays, working periods', async () => {
    const r = (await anon.get('/api/reference/calendar?year=2024')).json();
    expect(r.year).toBe(2024);
    expect(r.periods[0]).toEqual({ start: '09:00', end: '12:00', startMinute: 540, endMinute: 720 });
    expect(r.days).toContainEqual(expect.objectContaining({ date: '2024-10-01', kind: 'holiday' }));
    expect(r.days.some((d: { kind: string }) => d.kind === 'workday')).toBe(true);
    expect(r.workingDays).toBeGreaterThan(240);
    expect(r.workingDays).toBeLessThan(260);
    expect((await anon.get('/api/reference/calendar?year=99')).statusCode).toBe(400);
  });

  it('inactive rows are for admins only', async () => {
    const r = await anon.get('/api/reference/units?includeInactive=true');
    expect(r.statusCode).toBe(403);
    const ok = await admin.get('/api/reference/units?includeInactive=true&format=flat');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('private, no-cache');
  });

  it('an admin edit is seen at once: new body, new ETag', async () => {
    const before = await anon.get('/api/reference/units?format=flat');
    const id = await unitId(rt.ctx, MAIN_UNIT);
    const r = await call(admin, 'PATCH', `/api/admin/units/${id}`, { name: '泉河街道办事处（测试改名）' });
    expect(r.statusCode).toBe(200);
    const after = await anon.get('/api/reference/units?format=flat', {
      'if-none-match': before.headers.etag as string,
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().items.find((u: UnitNode) => u.id === id).name).toBe('泉河街道办事处（测试改名）');
    expect((await rt.ctx.reference.get()).units.get(id)?.name).toBe('泉河街道办事处（测试改名）');
  });

  it('the OpenAPI document lists the reference and admin routes', async () => {
    const r = await anon.get('/docs/json');
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/reference/units',
        '/api/admin/units/{id}/move',
        '/api/admin/policies/{code}',
        '/api/admin/users',
        '/api/auth/password',
      ]),
    );
  });

  it('unknown query parameters are refused with the usual error shape', async () => {
    const r = await anon.get('/api/reference/units?colour=red');
    expect(r.statusCode).toBe(400);
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
  });
});
