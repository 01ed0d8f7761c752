/**
 * 恢复 `jiesu restore FILE [--force]`: puts a backup back and proves it by
 * recomputing every table's fingerprint against the manifest.
 *
 * A database that already holds data (anything beyond the migration
 * bookkeeping) is only overwritten with `force`.
 *
 * - PostgreSQL: `pg_restore` renders the dump as SQL, which psql runs in
 *   ONE transaction together with dropping and recreating the public
 *   schema: a restore that fails half-way leaves the old database intact.
 * - PGlite: under the data directory's lock, the old database directory is
 *   moved aside, the dump unpacked by PGlite into a new one, checked, and
 *   only then the old one deleted; on any failure it is moved back.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { acquireDataDirLock } from '../../db/lock.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { AppError } from '../../domain/errors.js';
import { extractEntry, readEntry } from './archive.js';
import { type BackupManifest, openBackup } from './manifest.js';
import { connectionFor, pgToolPath, runTool } from './pg-tools.js';
import {
  clientRunner,
  dataRows,
  differingTables,
  digestTables,
  OUTPUT_SETTINGS,
  type Queryable,
  type TableDigests,
} from './table-digests.js';

export interface RestoreBackupOptions {
  file: string;
  /** the PostgreSQL database to restore into; null restores the PGlite database of `dataDir` */
  url: string | null;
  dataDir: string;
  force?: boolean;
}

export interface RestoreBackupResult {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  /** rows the target held before (0 unless forced) */
  replacedRows: number;
}

export async function restoreBackup(o: RestoreBackupOptions): Promise<RestoreBackupResult> {
  const { manifest, payload } = openBackup(o.file);
  const kind = o.url ? 'postgres' : 'pglite';
  if (manifest.kind !== kind) throw new AppError('BACKUP_KIND_MISMATCH', { from: manifest.kind, to: kind });
  const unknown = manifest.migrations.filter((m) => !(m in MIGRATIONS));
  if (unknown.length > 0) {
    throw new AppError('BACKUP_INVALID', {
      reason: `made by a newer jiesu (migration ${unknown[0]}); upgrade first`,
    });
  }
  const replacedRows = o.url
    ? await restorePostgres(o.url, o, manifest, payload)
    : await restorePglite(o.dataDir, o, manifest, payload);
  const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
  return { manifest, tables: Object.keys(manifest.tables).length, rows, replacedRows };
}

/** Reads every table's digest inside one transaction with pinned output settings. */
async function digestsOf(q: Queryable): Promise<TableDigests> {
  await q.query('begin isolation level repeatable read');
  try {
    const run = clientRunner(q);
    for (const s of OUTPUT_SETTINGS) await run(s);
    return await digestTables(run);
  } finally {
    await q.query('commit');
  }
}

function checkAgainst(manifest: BackupManifest, restored: TableDigests): void {
  const differing = differingTables(manifest.tables, restored);
  if (differing.length > 0) throw new AppError('RESTORE_VERIFY_FAILED', { table: differing.join(', ') });
}

type Payload = ReturnType<typeof openBackup>['payload'];

async function restorePostgres(
  url: string,
  o: RestoreBackupOptions,
  manifest: BackupManifest,
  payload: Payload,
): Promise<number> {
  const before = new pg.Client({ connectionString: url });
  await before.connect();
  let existing: number;
  try {
    existing = await dataRows(clientRunner(before));
  } finally {
    await before.end();
  }
  if (existing > 0 && !o.force) throw new AppError('RESTORE_TARGET_NOT_EMPTY', { rows: existing });

  const work = mkdtempSync(join(dirname(resolve(o.file)), '.jiesu-restore-'));
  try {
    const dump = join(work, 'database.pgdump');
    if (extractEntry(o.file, payload, dump) !== manifest.payload.sha256) {
      throw new AppError('BACKUP_INVALID', { reason: 'payload checksum mismatch' });
    }
    const target = connectionFor(url);
    const render = spawn(pgToolPath('pg_restore'), ['--no-owner', '--no-privileges', '-f', '-', dump], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let renderError = '';
    render.stderr?.on('data', (c: Buffer) => {
      renderError = (renderError + c.toString('utf8')).slice(-2000);
    });
    const rendered = new Promise<number>((done) => render.on('close', (code) => done(code ?? 1)));
    await runTool(
      pgToolPath('psql'),
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '--single-transaction',
        '-d',
        target.url,
        '-c',
        'drop schema if exists public cascade; create schema public;',
        '-f',
        '-',
      ],
      { env: target.env, stdinFrom: render },
    );
    if ((await rendered) !== 0) {
      throw new AppError('TOOL_FAILED', { tool: 'pg_restore', reason: renderError.trim() || 'failed' });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const after = new pg.Client({ connectionString: url });
  await after.connect();
  try {
    checkAgainst(manifest, await digestsOf(after));
  } finally {
    await after.end();
  }
  return existing;
}

async function restorePglite(
  dataDir: string,
  o: RestoreBackupOptions,
  manifest: BackupManifest,
  payload: Payload,
): Promise<number> {
  const data = readEntry(o.file, payload);
  if (createHash('sha256').update(data).digest('hex') !== manifest.payload.sha256) {
    throw new AppError('BACKUP_INVALID', { reason: 'payload checksum mismatch' });
  }
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  try {
    const dbDir = join(dataDir, 'db');
    let existing = 0;
    let aside: string | null = null;
    if (existsSync(dbDir) && readdirSync(dbDir).length > 0) {
      const current = await PGlite.create(dbDir, { extensions: { pg_trgm } });
      try {
        existing = await dataRows(clientRunner(current));
      } finally {
        await current.close();
      }
      if (existing > 0 && !o.force) throw new AppError('RESTORE_TARGET_NOT_EMPTY', { rows: existing });
      aside = `${dbDir}.replaced-${Date.now()}`;
      renameSync(dbDir, aside);
    }
    try {
      const restored = await PGlite.create(dbDir, {
        extensions: { pg_trgm },
        loadDataDir: new Blob([new Uint8Array(data)]),
      });
      try {
        checkAgainst(manifest, await digestsOf(restored));
      } finally {
        await restored.close();
      }
    } catch (err) {
      rmSync(dbDir, { recursive: true, force: true });
      if (aside) renameSync(aside, dbDir);
      throw err;
    }
    if (aside) rmSync(aside, { recursive: true, force: true });
    return existing;
  } finally {
    lock.release();
  }
}
