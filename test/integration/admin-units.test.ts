/**
 * Admin: the unit tree. Creating, renaming, moving (materialised paths of the
 * whole subtree, refused cycles, a unit lead's reach following), areas
 * covered, deactivation; non-admins refused with nothing changed.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { auditRows, call, codeOf, countRows } from '../support/admin.js';
import { DISPATCHER, MAIN_UNIT, newTicket, unitId } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let admin: Client;
let dispatcher: Client;
let lead: Client;
let centreId: number;

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  admin = await signedIn(app, rt.ctx, 'admin');
  dispatcher = await signedIn(app, rt.ctx, 'dispatcher');
  lead = await signedIn(app, rt.ctx, 'unit_lead', MAIN_UNIT);
  centreId = await unitId(rt.ctx, 'centre');
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function create(code: string, parentId: number, extra: Record<string, unknown> = {}) {
  const r = await admin.post('/api/admin/units', {
    code,
    name: `测试单位 ${code}`,
    nameEn: `Test unit ${code}`,
    peerGroup: 'department',
    parentId,
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; path: string; areaCodes: string[] };
}

async function pathOf(id: number): Promise<string> {
  const row = await rt.ctx.db
    .selectFrom('units')
    .select('path')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.path;
}

async function unitsSnapshot() {
  return rt.ctx.db
    .selectFrom('units')
    .select(['id', 'parent_id', 'path', 'name', 'active'])
    .orderBy('id')
    .execute();
}

describe(`admin units on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('creates a unit under a parent with its areas, audited and visible at once', async () => {
    const u = await create('dept-test-a', centreId, {
      areaCodes: ['110116001', '110116002'],
      phone: '010-1234',
    });
    expect(u.path).toBe(`/${centreId}/${u.id}/`);
    expect(u.areaCodes).toEqual(['110116001', '110116002']);
    expect((await rt.ctx.reference.get()).units.get(u.id)?.code).toBe('dept-test-a');
    const [audit] = await auditRows(rt.ctx, 'unit.create', u.id);
    expect(audit?.detail).toMatchObject({
      after: { code: 'dept-test-a', areaCodes: ['110116001', '110116002'] },
    });
    expect(audit?.actor_user_id).toBe(admin.userId);
  });

  it('refuses non-admins (403) and anonymous callers (401), changing nothing', async () => {
    const before = await countRows(rt.ctx, 'units');
    const body = { code: 'x-nope', name: 'x', nameEn: 'x', peerGroup: 'department', parentId: centreId };
    const r = await dispatcher.post('/api/admin/units', body);
    expect(r.statusCode).toBe(403);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect((await anonymous(app).post('/api/admin/units', body)).statusCode).toBe(401);
    const id = await unitId(rt.ctx, MAIN_UNIT);
    expect((await call(lead, 'PATCH', `/api/admin/units/${id}`, { name: 'hijack' })).statusCode).toBe(403);
    expect((await lead.post(`/api/admin/units/${id}/move`, { parentId: centreId })).statusCode).toBe(403);
    expect(await countRows(rt.ctx, 'units')).toBe(before);
    expect((await rt.ctx.reference.get()).units.get(id)?.name).not.toBe('hijack');
  });

  it('refuses bad codes, duplicate codes, unknown parents and unknown areas', async () => {
    const before = await countRows(rt.ctx, 'units');
    const base = { name: 'x', nameEn: 'x', peerGroup: 'department', parentId: centreId };
    let r = await admin.post('/api/admin/units', { ...base, code: 'Bad Code' });
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
    r = await admin.post('/api/admin/units', { ...base, code: 'centre' });
    expect([r.statusCode, codeOf(r)]).toEqual([409, 'UNIT_CODE_TAKEN']);
    r = await admin.post('/api/admin/units', { ...base, code: 'dept-x', parentId: 999_999 });
    expect(codeOf(r)).toBe('UNIT_NOT_FOUND');
    r = await admin.post('/api/admin/units', { ...base, code: 'dept-x', areaCodes: ['110116999'] });
    expect([r.statusCode, codeOf(r)]).toEqual([400, 'AREA_NOT_FOUND']);
    r = await admin.post('/api/admin/units', { ...base, code: 'dept-x', parentId: null });
    expect(r.json().error.fields[0].path).toBe('parentId');
    expect(await countRows(rt.ctx, 'units')).toBe(before);
  });

  it('renames with before and after in the audit log', async () => {
    const u = await create('dept-rename', centreId);
    const r = await call(admin, 'PATCH', `/api/admin/units/${u.id}`, { name: '新名称', shortName: '新' });
    expect(r.json()).toMatchObject({ name: '新名称', shortName: '新' });
    const [audit] = await auditRows(rt.ctx, 'unit.update', u.id);
    expect(audit?.detail).toMatchObject({
      before: { name: '测试单位 dept-rename' },
      after: { name: '新名称' },
    });
    expect((await call(admin, 'PATCH', `/api/admin/units/${u.id}`, {})).statusCode).toBe(400);
  });

  it('moves a subtree: every path below is rewritten, and cycles are refused', async () => {
    const a = await create('tree-a', centreId);
    const b = await create('tree-b', a.id);
    const c = await create('tree-c', b.id);
    const d = await create('tree-d', centreId);
    const r = await admin.post(`/api/admin/units/${b.id}/move`, { parentId: d.id });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      unit: { parentId: d.id, path: `/${centreId}/${d.id}/${b.id}/` },
      subtreeSize: 2,
    });
    expect(await pathOf(c.id)).toBe(`/${centreId}/${d.id}/${b.id}/${c.id}/`);
    const [audit] = await auditRows(rt.ctx, 'unit.move', b.id);
    expect(audit?.detail).toMatchObject({ before: { parentId: a.id }, after: { parentId: d.id } });

    const before = await unitsSnapshot();
    const cycle = await admin.post(`/api/admin/units/${d.id}/move`, { parentId: c.id });
    expect([cycle.statusCode, codeOf(cycle)]).toEqual([409, 'UNIT_TREE_CYCLE']);
    const self = await admin.post(`/api/admin/units/${b.id}/move`, { parentId: b.id });
    expect(codeOf(self)).toBe('UNIT_TREE_CYCLE');
    const rootMove = await admin.post(`/api/admin/units/${centreId}/move`, { parentId: d.id });
    expect(rootMove.statusCode).toBe(400);
    expect(await unitsSnapshot()).toEqual(before);
  });

  it("a unit lead's reach follows a move into their unit", async () => {
    const x = await create('dept-moving', centreId);
    const ticket = await newTicket(rt.ctx);
    await dispatchTicket(rt.ctx, { ticketId: ticket.id, actor: DISPATCHER, mainUnitId: x.id });
    expect((await lead.get('/api/auth/me')).json().user.unitIds).not.toContain(x.id);
    expect((await lead.get(`/api/tickets/${ticket.id}`)).statusCode).toBe(404);

    const quanhe = await unitId(rt.ctx, MAIN_UNIT);
    expect((await admin.post(`/api/admin/units/${x.id}/move`, { parentId: quanhe })).statusCode).toBe(200);
    expect((await lead.get('/api/auth/me')).json().user.unitIds).toContain(x.id);
    expect((await lead.get(`/api/tickets/${ticket.id}`)).statusCode).toBe(200);
  });

  it('replaces the areas covered; unknown area codes change nothing', async () => {
    const u = await create('dept-areas', centreId, { areaCodes: ['110116'] });
    let r = await call(admin, 'PUT', `/api/admin/units/${u.id}/areas`, {
      areaCodes: ['110116001', '110116999'],
    });
    expect([r.statusCode, codeOf(r)]).toEqual([400, 'AREA_NOT_FOUND']);
    expect(r.json().error.message).toContain('110116999');
    r = await call(admin, 'PUT', `/api/admin/units/${u.id}/areas`, { areaCodes: ['110116003', '110116001'] });
    expect(r.json().areaCodes).toEqual(['110116001', '110116003']);
    const [audit] = await auditRows(rt.ctx, 'unit.set_areas', u.id);
    expect(audit?.detail).toEqual({
      before: { areaCodes: ['110116'] },
      after: { areaCodes: ['110116001', '110116003'] },
    });
  });

  it('deactivates a leaf unit (no more dispatches to it) but not one with active sub-units', async () => {
    const parent = await create('dept-parent', centreId);
    const child = await create('dept-child', parent.id);
    let r = await call(admin, 'PATCH', `/api/admin/units/${parent.id}`, { active: false });
    expect([r.statusCode, codeOf(r)]).toEqual([409, 'UNIT_HAS_ACTIVE_CHILDREN']);
    r = await call(admin, 'PATCH', `/api/admin/units/${child.id}`, { active: false });
    expect(r.json().active).toBe(false);
    expect(await auditRows(rt.ctx, 'unit.deactivate', child.id)).toHaveLength(1);

    const listed = (await anonymous(app).get('/api/reference/units?format=flat')).json().items;
    expect(listed.some((x: { id: number }) => x.id === child.id)).toBe(false);
    const t = await newTicket(rt.ctx);
    const d = await dispatcher.post(`/api/tickets/${t.id}/dispatch`, { mainUnitId: child.id });
    expect(codeOf(d)).toBe('UNIT_NOT_FOUND');

    r = await call(admin, 'PATCH', `/api/admin/units/${child.id}`, { active: true });
    expect(r.json().active).toBe(true);
  });
});
