/**
 * The security edge: headers and the content security policy on every kind
 * of answer; CSRF for cookie sessions; session expiry and revocation;
 * sign-in throttling and lockout; rate limits per address and per account,
 * configurable; proxies trusted only from loopback; password rules; and
 * personal data masked in logs.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { serializeError, serializeRequest } from '../../src/security/log-redaction.js';
import { checkPasswordRules } from '../../src/security/passwords.js';
import { parseRateLimits, trustProxyFromEnv } from '../../src/security/rate-limits.js';
import { createApiKey } from '../../src/services/auth/api-keys.js';
import { createUser } from '../../src/services/auth/create-user.js';
import { codeOf } from '../support/admin.js';
import { anonymous, type Client, PASSWORD, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let agent: Client;

const intake = {
  type: 'complaint',
  channel: 'phone',
  description: '小区路灯坏了，晚上出行不便。',
  areaCode: '110116001',
  citizen: { name: '王五', phone: '13900001234' },
};

async function tickets(): Promise<number> {
  const r = await rt.ctx.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n);
}

/** A server built with JIESU_RATE_LIMITS set to `limits`. */
async function serverWith(limits: string): Promise<FastifyInstance> {
  process.env.JIESU_RATE_LIMITS = limits;
  try {
    return await testServer(rt.ctx);
  } finally {
    delete process.env.JIESU_RATE_LIMITS;
  }
}

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  agent = await signedIn(app, rt.ctx, 'agent');
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

describe('security headers and the content security policy', () => {
  it('are on JSON answers, errors, the web app, Open311 XML and the API docs', async () => {
    for (const url of [
      '/api/auth/me',
      '/api/tickets/999999',
      '/',
      '/open311/v2/services.xml',
      '/docs',
      '/no/such/page',
    ]) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBeLessThan(500);
      const csp = String(r.headers['content-security-policy'] ?? '');
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      // The API docs carry swagger-ui's own policy, which allows framing by the same origin only.
      expect(csp, url).toMatch(url === '/docs' ? /frame-ancestors '(none|self)'/ : /frame-ancestors 'none'/);
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
      expect(String(r.headers['strict-transport-security']), url).toContain('max-age=');
      expect(String(r.headers['permissions-policy']), url).toContain('camera=()');
      expect(r.headers['x-powered-by'], url).toBeUndefined();
    }
  });

  it('keeps API answers out of shared caches unless a route says otherwise', async () => {
    const me = await agent.get('/api/auth/me');
    expect(me.headers['cache-control']).toBe('no-store');
    const ref = await app.inject({ url: '/api/reference/vocabulary' });
    expect(String(ref.headers['cache-control'])).toMatch(/max-age/);
  });
});

describe('CSRF for cookie sessions', () => {
  it('refuses a state change without the token, or with another one, and changes nothing', async () => {
    const before = await tickets();
    for (const headers of [{ 'x-csrf-token': '' }, { 'x-csrf-token': 'not-the-token' }]) {
      const r = await agent.post('/api/tickets', intake, headers);
      expect(r.statusCode).toBe(403);
      expect(codeOf(r)).toBe('CSRF_FAILED');
    }
    expect(await tickets()).toBe(before);
    expect((await agent.post('/api/tickets', intake)).statusCode).toBe(201);
    // Reads need no token; API keys need none (no cookie, nothing a browser would send by itself).
    expect((await agent.get('/api/auth/me', { 'x-csrf-token': '' })).statusCode).toBe(200);
  });

  it('the session cookie is HttpOnly and SameSite, the CSRF cookie readable by the page', async () => {
    await createUser(rt.ctx, { username: 'cookie-check', password: PASSWORD, role: 'agent' });
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'cookie-check', password: PASSWORD },
    });
    const session = r.cookies.find((c) => c.name === 'jiesu_session');
    const csrf = r.cookies.find((c) => c.name === 'jiesu_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
  });
});

describe('sessions', () => {
  it('end at their expiry, at sign-out, and at a password change (the other sessions)', async () => {
    const a = await signedIn(app, rt.ctx, 'agent');
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    rt.clock.advance(12 * 3_600_000 + 1000);
    const expired = await a.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(codeOf(expired)).toBe('SESSION_EXPIRED');
    rt.clock.advance(-(12 * 3_600_000 + 1000));

    const b = await signedIn(app, rt.ctx, 'dispatcher');
    expect((await b.post('/api/auth/logout', {})).statusCode).toBe(200);
    expect(codeOf(await b.get('/api/auth/me'))).toBe('SESSION_EXPIRED');

    const c1 = await signedIn(app, rt.ctx, 'supervisor');
    const me = (await c1.get('/api/auth/me')).json() as { user: { username: string } };
    const c2login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: me.user.username, password: PASSWORD },
    });
    const c2 = c2login.cookies.find((c) => c.name === 'jiesu_session')?.value ?? '';
    const changed = await c1.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Another-pass-2025',
    });
    expect(changed.statusCode).toBe(200);
    expect((await c1.get('/api/auth/me')).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', cookies: { jiesu_session: c2 } })).statusCode).toBe(401);
  });
});

describe('sign-in throttling, lockout and rate limits', () => {
  it('locks an account after five failures, whatever comes next, and tells nobody whether a name exists', async () => {
    await createUser(rt.ctx, { username: 'lock-me', password: PASSWORD, role: 'agent' });
    const pub = anonymous(app);
    const ip = (n: number) => ({ 'x-forwarded-for': `10.7.0.${n}` });
    const ghost = await pub.post(
      '/api/auth/login',
      { username: 'no-such-user', password: 'whatever-1' },
      ip(99),
    );
    const wrong = await pub.post('/api/auth/login', { username: 'lock-me', password: 'whatever-1' }, ip(98));
    expect(codeOf(ghost)).toBe(codeOf(wrong));
    for (let i = 0; i < 4; i++)
      await pub.post('/api/auth/login', { username: 'lock-me', password: 'wrong-1' }, ip(i));
    const right = await pub.post('/api/auth/login', { username: 'lock-me', password: PASSWORD }, ip(50));
    expect(right.statusCode).toBe(423);
    expect(codeOf(right)).toBe('ACCOUNT_LOCKED');
  });

  it('limits sign-in per account across addresses and per address across accounts', async () => {
    const limited = await serverWith('signin.account=3/15m,signin.ip=4/1m');
    try {
      const pub = anonymous(limited);
      const tries = async (
        n: number,
        body: (i: number) => object,
        headers: (i: number) => Record<string, string>,
      ) => {
        const codes: (string | undefined)[] = [];
        for (let i = 0; i < n; i++)
          codes.push(codeOf(await pub.post('/api/auth/login', body(i), headers(i))));
        return codes;
      };
      const perAccount = await tries(
        4,
        () => ({ username: 'Target-User', password: 'guess-1' }),
        (i) => ({ 'x-forwarded-for': `10.8.1.${i}` }),
      );
      expect(perAccount.slice(0, 3)).toEqual([
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
      ]);
      expect(perAccount[3]).toBe('RATE_LIMITED');
      const perAddress = await tries(
        5,
        (i) => ({ username: `spray-${i}`, password: 'guess-1' }),
        () => ({ 'x-forwarded-for': '10.8.2.1' }),
      );
      expect(perAddress[4]).toBe('RATE_LIMITED');
      const r = await pub.post(
        '/api/auth/login',
        { username: 'spray-x', password: 'guess-1' },
        { 'x-forwarded-for': '10.8.2.1' },
      );
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('limits intake per account and Open311 POSTs per key, as configured, and the limited request changes nothing', async () => {
    const limited = await serverWith('intake.account=2/1m,open311.account=1/1m');
    try {
      const one = await signedIn(limited, rt.ctx, 'agent');
      const two = await signedIn(limited, rt.ctx, 'agent');
      expect((await one.post('/api/tickets', intake)).statusCode).toBe(201);
      expect((await one.post('/api/tickets', intake)).statusCode).toBe(201);
      const before = await tickets();
      const third = await one.post('/api/tickets', intake);
      expect(third.statusCode).toBe(429);
      expect(codeOf(third)).toBe('RATE_LIMITED');
      expect(await tickets()).toBe(before);
      expect((await two.post('/api/tickets', intake)).statusCode).toBe(201);

      const { key } = await createApiKey(rt.ctx, { name: 'limited client', scopes: ['open311'] });
      const form = (n: number) =>
        limited.inject({
          method: 'POST',
          url: `/open311/v2/requests.json?api_key=${key}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `service_code=nope-${n}&lat=40.32&long=116.64`,
        });
      expect((await form(1)).statusCode).not.toBe(429);
      // Open311 answers 400 for everything but 403/404 (the spec), with 429 as the code in the body.
      const over = await form(2);
      expect(over.statusCode).toBe(400);
      expect(over.headers['content-type']).toContain('json');
      expect(over.json()).toEqual([expect.objectContaining({ code: 429 })]);
    } finally {
      await limited.close();
    }
  });

  it('limits public filing per phone number, whatever the address', async () => {
    const limited = await serverWith('public.phone=2/1h');
    try {
      const pub = anonymous(limited);
      const file = (n: number) =>
        pub.post(
          '/api/public/tickets',
          { type: 'help', description: '楼道灯不亮，请维修。', phone: '13700001111' },
          { 'x-forwarded-for': `10.9.9.${n}` },
        );
      expect((await file(1)).statusCode).toBe(201);
      expect((await file(2)).statusCode).toBe(201);
      expect((await file(3)).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('trusts X-Forwarded-For from a local proxy only', async () => {
    const limited = await serverWith('track.ip=2/1m');
    try {
      const track = (xff: string) =>
        limited.inject({
          method: 'POST',
          url: '/api/public/track',
          remoteAddress: '203.0.113.9',
          headers: { 'x-forwarded-for': xff },
          payload: { number: 'HR000000', phoneLast4: '1234' },
        });
      // A client on the internet choosing a new address each time is still one address.
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await track(`10.0.0.${i}`)).statusCode);
      expect(codes[2]).toBe(429);
    } finally {
      await limited.close();
    }
    expect(trustProxyFromEnv({})).toBe('loopback');
    expect(trustProxyFromEnv({ JIESU_TRUST_PROXY: '10.0.0.0/8' })).toBe('10.0.0.0/8');
  });

  it('reads its configuration strictly', () => {
    expect(parseRateLimits('off').enabled).toBe(false);
    expect(parseRateLimits('signin.ip=5/30s').limits['signin.ip']).toEqual({ max: 5, windowMs: 30_000 });
    for (const bad of ['nope=1/1m', 'signin.ip=0/1m', 'signin.ip=5', 'signin.ip=5/1d']) {
      expect(() => parseRateLimits(bad)).toThrow(AppError);
    }
  });
});

describe('password rules', () => {
  it('refuses short, letter- or digit-less, repeated, common and name-bearing passwords', () => {
    for (const weak of [
      'short1',
      'onlyletterslong',
      '12345678901234',
      'aaaaaaaaaaaa',
      'Password123',
      'huairou12345',
      'xx-zhangwei-2024',
    ]) {
      expect(() => checkPasswordRules(weak, 'zhangwei'), weak).toThrow(AppError);
    }
    expect(() => checkPasswordRules('Jiesu-test-2024', 'zhangwei')).not.toThrow();
  });
});

describe('personal data in logs', () => {
  it('masks phone and ID numbers in logged URLs and error messages', () => {
    const req = {
      method: 'GET',
      url: '/api/callers/history?phone=13812345678&id=11010519491231002X',
      host: 'x',
      ip: '127.0.0.1',
    };
    const logged = serializeRequest(req as never);
    expect(logged.url).not.toContain('13812345678');
    expect(logged.url).not.toContain('19491231');
    expect(logged.url).toContain('138****5678');
    const err = Object.assign(new Error('duplicate key (phone)=(13812345678)'), {
      detail: 'Key (id_number)=(11010519491231002X) exists',
    });
    const e = serializeError(err);
    expect(`${e.message} ${e.detail} ${e.stack}`).not.toMatch(/13812345678|19491231/);
  });

  it('no mobile number survives the masking of free text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.integer({ min: 3, max: 9 }),
        fc.nat(99_999_999),
        fc.string({ maxLength: 20 }),
        (a, second, rest, b) => {
          const phone = `1${second}${String(rest).padStart(9, '0')}`;
          // Digits glued on either side would make it another, longer number: keep the edges apart.
          const text = serializeError(
            new Error(`${a.replace(/[\d+]+$/, '')} ${phone}${b.replace(/^\d+/, '')}`),
          ).message;
          expect(text).not.toContain(phone);
        },
      ),
      { numRuns: 300 },
    );
  });
});
