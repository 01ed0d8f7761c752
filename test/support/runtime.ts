/**
 * A fresh database for a test file (from the template built by global-setup),
 * a service context with a clock the test controls, and factories.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { createCipher } from '../../src/security/personal-data.js';
import { createContext, type ServiceContext } from '../../src/services/context.js';
import { adminUrl, databaseUrl } from './postgres.js';

export interface FakeClock {
  now(): Date;
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function fakeClock(start: Date | string = '2024-11-26T10:00:00+08:00'): FakeClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export interface TestRuntime {
  handle: DatabaseHandle;
  ctx: ServiceContext;
  clock: FakeClock;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export const TEST_SECRET = Buffer.alloc(32, 7);

export async function openTestDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = inject('pgTemplate');
    const name = `jiesu_t_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ url: adminUrl(url), poolSize: 1 });
    await admin.pool.query(`create database ${name} template ${template}`);
    const handle = await openDatabase({ url: databaseUrl(url, name), poolSize: 10 });
    return {
      handle,
      drop: async () => {
        await admin.pool.query(`drop database if exists ${name} with (force)`);
        await admin.close();
      },
    };
  }
  const file = inject('pgliteTemplate');
  const blob = new Blob([readFileSync(file)]);
  const handle = await openDatabase({ url: null, memory: { loadDataDir: blob } });
  return { handle, drop: async () => {} };
}

export async function openTestRuntime(options: { clock?: FakeClock } = {}): Promise<TestRuntime> {
  const { handle, drop } = await openTestDatabase();
  const clock = options.clock ?? fakeClock();
  const config = { ...loadConfig({}), demoTickets: 0, sweepIntervalSeconds: 0 };
  const ctx = createContext({ handle, config, cipher: createCipher(TEST_SECRET), clock: clock.now });
  return {
    handle,
    ctx,
    clock,
    kind: handle.kind,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}
