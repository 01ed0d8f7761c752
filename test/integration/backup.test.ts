/**
 * Backup and restore round trips on the database under test (PGlite data
 * directories, or PostgreSQL databases when DATABASE_URL is set): every
 * table's row count and content hash after the restore equal the source's;
 * a non-empty target is refused without force; damaged and mismatched
 * backups are refused; and the operator's commands (`jiesu backup`,
 * `jiesu restore`, `jiesu audit verify`) do the same from the shell.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { isAppError } from '../../src/domain/errors.js';
import { createCipher } from '../../src/security/personal-data.js';
import { listArchive } from '../../src/services/backup/archive.js';
import { createBackup } from '../../src/services/backup/create-backup.js';
import { restoreBackup } from '../../src/services/backup/restore-backup.js';
import { differingTables, type TableDigests, tableDigests } from '../../src/services/backup/table-digests.js';
import { createContext } from '../../src/services/context.js';
import { cliEntry, REPO_ROOT } from '../support/crash-server.js';
import { ticketIn } from '../support/factories.js';
import { adminUrl, databaseUrl } from '../support/postgres.js';
import { fakeClock, TEST_SECRET } from '../support/runtime.js';

const PG = process.env.DATABASE_URL ?? '';
const kind = PG ? 'PostgreSQL' : 'PGlite';
const work = mkdtempSync(join(tmpdir(), 'jiesu-backup-test-'));
const created: string[] = [];
let admin: DatabaseHandle | null = null;

/** A target: a PostgreSQL URL of a new database, or a data directory. */
interface Target {
  url: string | null;
  dataDir: string;
  open(): Promise<DatabaseHandle>;
}

async function newTarget(fromTemplate: boolean): Promise<Target> {
  const name = `jiesu_b_${randomBytes(5).toString('hex')}`;
  const dataDir = join(work, name);
  if (PG) {
    admin ??= await openDatabase({ url: adminUrl(PG), poolSize: 1 });
    await admin.pool.query(
      `create database ${name}${fromTemplate ? ` template ${inject('pgTemplate')}` : ''}`,
    );
    created.push(name);
    const url = databaseUrl(PG, name);
    return { url, dataDir, open: () => openDatabase({ url, poolSize: 4 }) };
  }
  if (fromTemplate) {
    mkdirSync(dataDir, { recursive: true });
    const seeded = await PGlite.create(join(dataDir, 'db'), {
      extensions: { pg_trgm },
      loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
    });
    await seeded.close();
  }
  return { url: null, dataDir, open: () => openDatabase({ url: null, dataDir }) };
}

async function digestsOf(t: Target): Promise<TableDigests> {
  const h = await t.open();
  try {
    return await tableDigests(h.db);
  } finally {
    await h.close();
  }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

async function cli(args: string[], t: Target): Promise<{ code: number; out: string; err: string }> {
  // The CLI bundled from this tree (as `npm run build` bundles it): it starts faster than through tsx.
  const entry = await cliEntry();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: t.url ?? '', JIESU_DATA_DIR: t.dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

let source: Target;
let sourceDigests: TableDigests;
let file: string;
let number = '';

beforeAll(async () => {
  source = await newTarget(true);
  const handle = await source.open();
  try {
    const ctx = createContext({
      handle,
      config: { ...loadConfig({}), demoTickets: 0 },
      cipher: createCipher(TEST_SECRET),
      clock: fakeClock().now,
    });
    for (const s of ['received', 'in_progress', 'closed', 'return_requested'] as const) {
      number = (await ticketIn(ctx, s)).number;
    }
    file = join(work, 'one.jiesu-backup');
    const manifest = await createBackup({ handle, url: source.url, file });
    sourceDigests = await tableDigests(handle.db);
    expect(differingTables(manifest.tables, sourceDigests)).toEqual([]);
  } finally {
    await handle.close();
  }
});

afterAll(async () => {
  for (const name of created) await admin?.pool.query(`drop database if exists ${name} with (force)`);
  await admin?.close();
  rmSync(work, { recursive: true, force: true });
});

describe(`backup and restore on ${kind}`, () => {
  it('a round trip gives back every table, row for row', async () => {
    const target = await newTarget(false);
    const r = await restoreBackup({ file, url: target.url, dataDir: target.dataDir });
    expect(r.replacedRows).toBe(0);
    expect(r.tables).toBeGreaterThan(20);
    const restored = await digestsOf(target);
    expect(Object.keys(restored).length).toBe(Object.keys(sourceDigests).length);
    expect(differingTables(sourceDigests, restored)).toEqual([]);
    expect(restored.tickets?.rows).toBe(sourceDigests.tickets?.rows);
    expect(restored.ticket_events?.rows).toBeGreaterThan(10);
  });

  it('refuses to overwrite data without force, and overwrites it with force', async () => {
    const target = await newTarget(true);
    expect(await codeOf(restoreBackup({ file, url: target.url, dataDir: target.dataDir }))).toBe(
      'RESTORE_TARGET_NOT_EMPTY',
    );
    const r = await restoreBackup({ file, url: target.url, dataDir: target.dataDir, force: true });
    expect(r.replacedRows).toBeGreaterThan(0);
    expect(differingTables(sourceDigests, await digestsOf(target))).toEqual([]);
  });

  it('refuses damaged, foreign and mismatched files and changes nothing', async () => {
    const target = await newTarget(false);
    const bytes = readFileSync(file);
    const damaged = join(work, 'damaged');
    const copy = Buffer.from(bytes);
    const payload = listArchive(file).find((e) => e.name !== 'manifest.json');
    const at = (payload?.offset ?? 0) + Math.floor((payload?.size ?? 0) / 2);
    copy[at] = (copy[at] ?? 0) ^ 0xff;
    writeFileSync(damaged, copy);
    const truncated = join(work, 'truncated');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const foreign = join(work, 'foreign');
    writeFileSync(foreign, 'not a backup at all');
    for (const f of [damaged, truncated, foreign]) {
      expect(await codeOf(restoreBackup({ file: f, url: target.url, dataDir: target.dataDir }))).toBe(
        'BACKUP_INVALID',
      );
    }
    // A backup of one kind of database does not go into the other.
    const other = PG
      ? { url: null, dataDir: join(work, 'other') }
      : { url: 'postgres://127.0.0.1:1/none', dataDir: '' };
    expect(await codeOf(restoreBackup({ file, ...other }))).toBe('BACKUP_KIND_MISMATCH');
    if (PG) {
      const h = await target.open();
      const tables = await h.pool.query(
        "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
      );
      await h.close();
      expect(tables.rows[0].n).toBe(0);
    }
  });

  it('the commands: jiesu backup, jiesu restore, jiesu audit verify (exit 1 and the ticket on a broken chain)', async () => {
    const cliFile = join(work, 'cli.jiesu-backup');
    const backedUp = await cli(['backup', cliFile], source);
    expect(backedUp.code, backedUp.err).toBe(0);
    const target = await newTarget(false);
    const restored = await cli(['restore', cliFile], target);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(/restored and verified/);
    expect(differingTables(sourceDigests, await digestsOf(target))).toEqual([]);
    const h = await target.open();
    await h.db
      .updateTable('ticket_events')
      .set({ reason: '事后改写' })
      .where(
        'ticket_id',
        '=',
        (await h.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow())
          .id,
      )
      .where('seq', '=', 2)
      .execute();
    await h.close();
    const verified = await cli(['audit', 'verify'], target);
    expect(verified.code).toBe(1);
    expect(verified.err).toContain(number);
    expect(verified.err).toMatch(/event #2: hash_mismatch/);
  });
});
