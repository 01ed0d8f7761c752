/**
 * Admin: users and API keys, and a user changing their own password.
 * Deactivation and password resets end sessions; the last admin stays;
 * hashes never leave the server; non-admins get 403 with nothing changed.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, call, codeOf, countRows } from '../support/admin.js';
import { MAIN_UNIT, OTHER_UNIT, unitId } from '../support/factories.js';
import { anonymous, type Client, PASSWORD, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let admin: Client;
let dispatcher: Client;
let ipCounter = 0;

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

/** Signs in from a fresh address each time, so the sign-in rate limit does not bite the test. */
async function login(
  username: string,
  password: string,
): Promise<{ res: LightMyRequestResponse; client: Client }> {
  ipCounter += 1;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    headers: { 'x-forwarded-for': `10.9.0.${ipCounter}` },
  });
  const session = res.cookies.find((c) => c.name === 'jiesu_session')?.value ?? '';
  const csrf = res.statusCode === 200 ? (res.json() as { csrfToken: string }).csrfToken : '';
  const request = (o: InjectOptions) =>
    app.inject({
      ...o,
      cookies: { jiesu_session: session },
      headers: { 'x-csrf-token': csrf, ...(o.headers ?? {}) },
    });
  const client: Client = {
    role: 'anonymous',
    userId: null,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers }),
    post: (url, body, headers) => request({ method: 'POST', url, payload: (body ?? {}) as object, headers }),
  };
  return { res, client };
}

let userCounter = 0;
async function newUser(role: string, unit?: string) {
  userCounter += 1;
  const username = `u${userCounter}-${role}`;
  const r = await admin.post('/api/admin/users', {
    username,
    password: PASSWORD,
    role,
    unitId: unit ? await unitId(rt.ctx, unit) : null,
    displayName: `用户 ${userCounter}`,
  });
  expect(r.statusCode, r.body).toBe(201);
  return { id: r.json().id as number, username };
}

describe(`admin users and API keys on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('creates users with a role and unit; refuses bad ones; never shows hashes', async () => {
    const h = await newUser('handler', MAIN_UNIT);
    const shown = (await admin.get(`/api/admin/users/${h.id}`)).json();
    expect(shown).toMatchObject({
      username: h.username,
      role: 'handler',
      unit: { code: MAIN_UNIT },
      active: true,
    });
    expect(JSON.stringify(shown)).not.toMatch(/argon2|password_hash|passwordHash/);
    expect((await auditRows(rt.ctx, 'user.create', h.id))[0]?.actor_user_id).toBe(admin.userId);

    const before = await countRows(rt.ctx, 'users');
    const base = { username: 'someone', password: PASSWORD };
    expect(codeOf(await admin.post('/api/admin/users', { ...base, role: 'handler' }))).toBe(
      'UNIT_REQUIRED_FOR_ROLE',
    );
    expect(codeOf(await admin.post('/api/admin/users', { ...base, role: 'wizard' }))).toBe('ROLE_UNKNOWN');
    expect(codeOf(await admin.post('/api/admin/users', { ...base, role: 'system' }))).toBe('ROLE_UNKNOWN');
    expect(codeOf(await admin.post('/api/admin/users', { ...base, role: 'agent', password: 'short1' }))).toBe(
      'PASSWORD_TOO_WEAK',
    );
    expect(
      codeOf(await admin.post('/api/admin/users', { ...base, username: h.username, role: 'agent' })),
    ).toBe('USERNAME_TAKEN');
    expect((await dispatcher.post('/api/admin/users', { ...base, role: 'agent' })).statusCode).toBe(403);
    expect(await countRows(rt.ctx, 'users')).toBe(before);
  });

  it('lists users with filters and live session counts', async () => {
    const h = await newUser('handler', OTHER_UNIT);
    await login(h.username, PASSWORD);
    const r = await admin.get(`/api/admin/users?role=handler&q=${h.username}`);
    expect(r.json()).toMatchObject({ total: 1, items: [{ id: h.id, activeSessions: 1, locked: false }] });
    const all = (await admin.get('/api/admin/users?limit=200')).json();
    expect(all.items.length).toBe(all.total);
    expect(JSON.stringify(all)).not.toContain('$argon2');
    expect((await admin.get('/api/admin/users?active=false')).json().total).toBe(0);
    expect((await dispatcher.get('/api/admin/users')).statusCode).toBe(403);
  });

  it('changes role and unit; the user sees it on the next request', async () => {
    const h = await newUser('handler', MAIN_UNIT);
    const { client } = await login(h.username, PASSWORD);
    const other = await unitId(rt.ctx, OTHER_UNIT);
    const r = await call(admin, 'PATCH', `/api/admin/users/${h.id}`, { role: 'unit_lead', unitId: other });
    expect(r.json()).toMatchObject({ role: 'unit_lead', unit: { code: OTHER_UNIT } });
    const me = (await client.get('/api/auth/me')).json().user;
    expect(me).toMatchObject({ role: 'unit_lead', unitId: other });
    expect(codeOf(await call(admin, 'PATCH', `/api/admin/users/${h.id}`, { unitId: null }))).toBe(
      'UNIT_REQUIRED_FOR_ROLE',
    );
    expect((await auditRows(rt.ctx, 'user.update', h.id))[0]?.detail).toMatchObject({
      before: { role: 'handler' },
      after: { role: 'unit_lead', unitId: other },
    });
  });

  it('deactivating a user ends their sessions at once; activating lets them back in', async () => {
    const a = await newUser('agent');
    const { client } = await login(a.username, PASSWORD);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await dispatcher.post(`/api/admin/users/${a.id}/deactivate`)).statusCode).toBe(403);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);

    const r = await admin.post(`/api/admin/users/${a.id}/deactivate`);
    expect(r.json()).toMatchObject({ user: { active: false }, revokedSessions: 1 });
    expect(codeOf(await client.get('/api/auth/me'))).toBe('SESSION_EXPIRED');
    expect(codeOf((await login(a.username, PASSWORD)).res)).toBe('ACCOUNT_DISABLED');
    const revoked = await rt.ctx.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('user_id', '=', a.id)
      .execute();
    expect(revoked.every((s) => s.revoked_at !== null)).toBe(true);

    expect((await admin.post(`/api/admin/users/${a.id}/activate`)).json().user.active).toBe(true);
    expect((await login(a.username, PASSWORD)).res.statusCode).toBe(200);
  });

  it('keeps at least one active admin', async () => {
    const other = await newUser('admin');
    expect((await admin.post(`/api/admin/users/${other.id}/deactivate`)).statusCode).toBe(200);
    const self = await admin.post(`/api/admin/users/${admin.userId}/deactivate`);
    expect([self.statusCode, codeOf(self)]).toEqual([409, 'LAST_ADMIN']);
    const demote = await call(admin, 'PATCH', `/api/admin/users/${admin.userId}`, { role: 'agent' });
    expect(codeOf(demote)).toBe('LAST_ADMIN');
    expect((await admin.get('/api/auth/me')).json().user.role).toBe('admin');
    expect((await admin.post(`/api/admin/users/${other.id}/activate`)).statusCode).toBe(200);
  });

  it('resets a password (given or generated), ending sessions; weak ones change nothing', async () => {
    const a = await newUser('agent');
    const { client } = await login(a.username, PASSWORD);
    let r = await admin.post(`/api/admin/users/${a.id}/reset-password`, { password: 'abc' });
    expect(codeOf(r)).toBe('PASSWORD_TOO_WEAK');
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);

    r = await admin.post(`/api/admin/users/${a.id}/reset-password`, {});
    const generated = r.json().generatedPassword as string;
    expect(generated).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(r.json().revokedSessions).toBe(1);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    expect(codeOf((await login(a.username, PASSWORD)).res)).toBe('INVALID_CREDENTIALS');
    expect((await login(a.username, generated)).res.statusCode).toBe(200);
    const [audit] = await auditRows(rt.ctx, 'user.reset_password', a.id);
    expect(JSON.stringify(audit?.detail)).not.toContain(generated);
  });

  it('unlocks an account locked by failed sign-ins', async () => {
    const a = await newUser('agent');
    for (let i = 0; i < 5; i++) await login(a.username, 'wrong-password-1');
    expect(codeOf((await login(a.username, PASSWORD)).res)).toBe('ACCOUNT_LOCKED');
    expect((await admin.get(`/api/admin/users?locked=true&q=${a.username}`)).json().total).toBe(1);
    const r = await admin.post(`/api/admin/users/${a.id}/unlock`);
    expect(r.json()).toMatchObject({ locked: false, failedLogins: 0 });
    expect((await login(a.username, PASSWORD)).res.statusCode).toBe(200);
    expect(await auditRows(rt.ctx, 'user.unlock', a.id)).toHaveLength(1);
  });

  it('API keys: created and shown once, listed without secrets, revoked', async () => {
    const r = await admin.post('/api/admin/api-keys', {
      name: '市级平台',
      scopes: ['open311', 'tickets:read'],
    });
    expect(r.statusCode).toBe(201);
    const created = r.json();
    expect(created.key).toMatch(/^jsk_[0-9a-f]{12}_/);
    expect(created.warning.en).toContain('not be shown again');
    const listed = (await admin.get('/api/admin/api-keys')).json().items;
    expect(listed[0]).toMatchObject({
      id: created.id,
      prefix: created.prefix,
      scopes: ['open311', 'tickets:read'],
    });
    const text = JSON.stringify(listed);
    expect(text).not.toContain(created.key.split('_')[2]);
    expect(text).not.toMatch(/hash/i);
    const stored = await rt.ctx.db.selectFrom('idempotency_keys').select('response').execute();
    expect(JSON.stringify(stored)).not.toContain(created.key);

    const withKey = { 'x-api-key': created.key };
    expect((await anonymous(app).get('/api/reference/vocabulary', withKey)).statusCode).toBe(200);
    expect((await dispatcher.post(`/api/admin/api-keys/${created.id}/revoke`)).statusCode).toBe(403);
    expect((await admin.post(`/api/admin/api-keys/${created.id}/revoke`)).statusCode).toBe(200);
    expect(codeOf(await anonymous(app).get('/api/reference/vocabulary', withKey))).toBe('API_KEY_INVALID');
    expect(codeOf(await admin.post(`/api/admin/api-keys/${created.id}/revoke`))).toBe('API_KEY_NOT_FOUND');
    expect(
      (await admin.get('/api/admin/api-keys')).json().items.some((k: { id: number }) => k.id === created.id),
    ).toBe(false);
    expect(
      (await admin.get('/api/admin/api-keys?includeRevoked=true')).json().items[0].revokedAt,
    ).not.toBeNull();
    expect(await auditRows(rt.ctx, 'api_key.revoke', created.id)).toHaveLength(1);

    const before = await countRows(rt.ctx, 'api_keys');
    expect(codeOf(await admin.post('/api/admin/api-keys', { name: 'x', scopes: ['root'] }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await dispatcher.post('/api/admin/api-keys', { name: 'x', scopes: ['open311'] })).statusCode,
    ).toBe(403);
    expect(await countRows(rt.ctx, 'api_keys')).toBe(before);
  });

  it('the audit log is readable by admins only', async () => {
    const r = await admin.get('/api/admin/audit?subjectType=user&limit=5');
    expect(r.json().items.length).toBe(5);
    expect(r.json().nextBefore).toEqual(expect.any(Number));
    expect((await dispatcher.get('/api/admin/audit')).statusCode).toBe(403);
  });

  it('a user changes their own password: old one checked, rules applied, other sessions ended', async () => {
    const a = await newUser('agent');
    const { client: first } = await login(a.username, PASSWORD);
    const { client: second } = await login(a.username, PASSWORD);
    const url = '/api/auth/password';
    expect(
      codeOf(await first.post(url, { currentPassword: 'nope-12345', newPassword: 'Brand-new-2025' })),
    ).toBe('CURRENT_PASSWORD_WRONG');
    expect(codeOf(await first.post(url, { currentPassword: PASSWORD, newPassword: 'weak' }))).toBe(
      'PASSWORD_TOO_WEAK',
    );
    expect(codeOf(await first.post(url, { currentPassword: PASSWORD, newPassword: PASSWORD }))).toBe(
      'PASSWORD_UNCHANGED',
    );
    expect((await second.get('/api/auth/me')).statusCode).toBe(200);

    const r = await first.post(url, { currentPassword: PASSWORD, newPassword: 'Brand-new-2025' });
    expect(r.json()).toEqual({ ok: true, revokedSessions: 1 });
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(a.username, 'Brand-new-2025')).res.statusCode).toBe(200);
    expect(await auditRows(rt.ctx, 'auth.password_change', a.id)).toHaveLength(1);
    expect((await anonymous(app).post(url, { currentPassword: 'a', newPassword: 'b' })).statusCode).toBe(401);
  });
});
