/**
 * The `jiesu user …` and `jiesu api-key …` commands, run as a child process
 * the way an operator runs them: against a data directory made from the test
 * template (PGlite) or a fresh database made from it (PostgreSQL). Kept to a
 * handful of runs, since each one starts Node and opens the database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { verifyPassword } from '../../src/security/passwords.js';
import { tokenHash } from '../../src/services/auth/tokens.js';
import { adminUrl, databaseUrl } from '../support/postgres.js';

const PG_URL = process.env.DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'jiesu-cli-'));
let pgName: string | null = null;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function jiesu(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      'npx',
      ['tsx', 'src/cli/main.ts', ...args],
      {
        cwd: process.cwd(),
        timeout: 120_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? dir,
          JIESU_DATA_DIR: dir,
          JIESU_SECRET_KEY: Buffer.alloc(32, 7).toString('hex'),
          ...(pgName && PG_URL ? { DATABASE_URL: databaseUrl(PG_URL, pgName) } : {}),
          ...env,
        },
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    // No terminal on stdin: the commands must not wait for a password.
    child.stdin?.end();
  });
}

async function openDb(): Promise<DatabaseHandle> {
  return PG_URL && pgName
    ? openDatabase({ url: databaseUrl(PG_URL, pgName), poolSize: 1 })
    : openDatabase({ url: null, dataDir: dir });
}

beforeAll(async () => {
  if (PG_URL) {
    pgName = `jiesu_cli_${process.pid}`;
    const admin = await openDatabase({ url: adminUrl(PG_URL), poolSize: 1 });
    await admin.pool.query(`drop database if exists ${pgName}`);
    await admin.pool.query(`create database ${pgName} template ${inject('pgTemplate')}`);
    await admin.close();
  } else {
    // A data directory from the migrated, seeded template, so the CLI skips initdb.
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const pg = await PGlite.create(join(dir, 'db'), { extensions: { pg_trgm }, loadDataDir: blob });
    await pg.close();
  }
});

afterAll(async () => {
  if (PG_URL && pgName) {
    const admin = await openDatabase({ url: adminUrl(PG_URL), poolSize: 1 });
    await admin.pool.query(`drop database if exists ${pgName} with (force)`);
    await admin.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe(`jiesu CLI on ${PG_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('user create: refuses to run without a password option when not interactive', async () => {
    const r = await jiesu(['user', 'create', '--username', 'root', '--role', 'admin']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PASSWORD_OPTION_REQUIRED');
    expect(r.stderr).toContain('--password-env');
  }, 180_000);

  it('creates users and an API key, lists keys without secrets, resets a password', async () => {
    let r = await jiesu(
      ['user', 'create', '--username', 'root', '--role', 'admin', '--password-env', 'ROOT_PW'],
      {
        ROOT_PW: 'Yanqi-lake-2024',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('root (admin)');

    r = await jiesu([
      'user',
      'create',
      '--username',
      'quanhe-handler',
      '--role',
      'handler',
      '--unit',
      'tw-quanhe',
      '--name',
      '泉河承办人',
      '--password',
      'Handler-pass-2024',
    ]);
    expect(r.code, r.stderr).toBe(0);

    r = await jiesu(['api-key', 'create', '--name', 'city-platform', '--scopes', 'open311,tickets:read']);
    expect(r.code, r.stderr).toBe(0);
    const key = r.stdout.trim();
    expect(key).toMatch(/^jsk_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}$/);
    expect(r.stderr).toContain('will not be shown again');

    r = await jiesu(['api-key', 'list']);
    expect(r.stdout).toContain('city-platform');
    expect(r.stdout).toContain(`${key.split('_').slice(0, 2).join('_')}_…`);
    expect(r.stdout).not.toContain(key);

    r = await jiesu(['user', 'reset-password', '--username', 'quanhe-handler', '--generate']);
    expect(r.code, r.stderr).toBe(0);
    const generated = r.stdout.trim().split('\n').at(-1) ?? '';
    expect(generated).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const handle = await openDb();
    try {
      const users = await handle.db
        .selectFrom('users as u')
        .leftJoin('units as n', 'n.id', 'u.unit_id')
        .select(['u.username', 'u.role', 'u.display_name', 'u.password_hash', 'n.code as unit'])
        .orderBy('u.id')
        .execute();
      expect(users.map((u) => [u.username, u.role, u.unit])).toEqual([
        ['root', 'admin', null],
        ['quanhe-handler', 'handler', 'tw-quanhe'],
      ]);
      expect(await verifyPassword(users[0]?.password_hash ?? '', 'Yanqi-lake-2024')).toBe(true);
      expect(await verifyPassword(users[1]?.password_hash ?? '', generated)).toBe(true);
      const stored = await handle.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
      expect(stored.key_hash).toBe(tokenHash(key));
      expect(stored.scopes).toEqual(['open311', 'tickets:read']);
      const audit = await handle.db
        .selectFrom('audit_log')
        .select(['action', 'actor_role'])
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'user.create',
        'user.create',
        'api_key.create',
        'user.reset_password',
      ]);
      expect(audit.every((a) => a.actor_role === 'system')).toBe(true);

      if (!PG_URL) {
        // While another process (here: this test, as the server would) holds the embedded database.
        const locked = await jiesu(['api-key', 'revoke', String(stored.id)]);
        expect(locked.code).toBe(1);
        expect(locked.stderr).toContain('DATA_DIR_LOCKED');
        expect(locked.stderr).toContain('stop the server first');
      }
    } finally {
      await handle.close();
    }
  }, 900_000);
});
