/**
 * The per-process session cache never outlives what ends a session: in the
 * same process (PGlite, or PostgreSQL when DATABASE_URL is set), and on a
 * PostgreSQL server across processes through LISTEN/NOTIFY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { createUser } from '../../src/services/auth/create-user.js';
import { resolveSession, revokeSession } from '../../src/services/auth/resolve-session.js';
import { signIn } from '../../src/services/auth/sign-in.js';
import { tokenHash } from '../../src/services/auth/tokens.js';
import type { ServiceContext } from '../../src/services/context.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

const PASSWORD = 'Yanqi-lake-2024';
let rt: TestRuntime;
let n = 0;
beforeAll(async () => {
  rt = await openTestRuntime();
});
afterAll(async () => {
  await rt?.close();
});

async function session(ctx: ServiceContext): Promise<string> {
  n += 1;
  const username = `cache-agent-${n}`;
  await createUser(ctx, { username, password: PASSWORD, role: 'agent' });
  return (await signIn(ctx, { username, password: PASSWORD })).token;
}

async function within(ms: number, done: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await done()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not within ${ms} ms`);
}

describe(`session cache in one process on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('refuses a cached session at once after sign-out', async () => {
    const token = await session(rt.ctx);
    expect(await resolveSession(rt.ctx, token)).not.toBeNull();
    expect(await resolveSession(rt.ctx, token)).not.toBeNull();
    await revokeSession(rt.ctx, tokenHash(token));
    expect(await resolveSession(rt.ctx, token)).toBeNull();
  });

  it('refuses a cached session once it expires, without asking the database', async () => {
    const token = await session(rt.ctx);
    const principal = await resolveSession(rt.ctx, token);
    expect(principal).not.toBeNull();
    rt.clock.advance(13 * 3600_000);
    expect(await resolveSession(rt.ctx, token)).toBeNull();
  });
});

describe.skipIf(!process.env.DATABASE_URL)('session cache across processes on PostgreSQL', () => {
  let a: Runtime;
  let b: Runtime;
  beforeAll(async () => {
    const url = rt.handle.pool.options.connectionString ?? '';
    const config = {
      ...loadConfig({}),
      databaseUrl: url,
      demoTickets: 0,
      sweepIntervalSeconds: 0,
      poolSize: 2,
    };
    a = await openRuntime({ config, listen: true });
    b = await openRuntime({ config, listen: true });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('drops a session revoked in another process within moments', async () => {
    const token = await session(a.ctx);
    // b caches once its change feed listens
    await within(5000, async () => (await resolveSession(b.ctx, token)) !== null && b.ctx.sessions.size > 0);
    await revokeSession(a.ctx, tokenHash(token));
    const ms = await within(2000, async () => (await resolveSession(b.ctx, token)) === null);
    console.log(`[session-cache] revocation reached the other process in ${ms} ms`);
  });

  it('drops the sessions of a user disabled by a raw statement (as an operator at psql would)', async () => {
    const token = await session(a.ctx);
    await within(5000, async () => (await resolveSession(b.ctx, token)) !== null && b.ctx.sessions.size > 0);
    await a.handle.pool.query(`update users set active = false where username = $1`, [`cache-agent-${n}`]);
    await within(2000, async () => (await resolveSession(b.ctx, token)) === null);
  });
});
