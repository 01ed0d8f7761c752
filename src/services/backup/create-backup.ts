/**
 * 备份 `jiesu backup FILE`: one file holding the whole database and a
 * manifest of every table's fingerprint.
 *
 * - PostgreSQL: `pg_dump -Fc` (custom format, compressed, restorable table
 *   by table). The fingerprints are read in a repeatable-read transaction
 *   whose snapshot pg_dump is given (`--snapshot`), so dump and manifest
 *   describe the same instant while the servers go on writing.
 * - PGlite: the data directory as PGlite's own tarball (`dumpDataDir`),
 *   taken by the process that holds the data directory's lock — stop the
 *   server first, as with any embedded database.
 *
 * The secret key (JIESU_SECRET_KEY or `<dataDir>/secret.key`) is not in
 * the backup: personal data in it stays sealed until the key is supplied.
 */
import { mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DatabaseHandle } from '../../db/database.js';
import { sha256OfFile, writeArchive } from './archive.js';
import { type BackupManifest, MANIFEST_NAME, PAYLOAD_NAMES } from './manifest.js';
import { connectionFor, pgToolPath, runTool } from './pg-tools.js';
import {
  clientRunner,
  digestTables,
  kyselyRunner,
  OUTPUT_SETTINGS,
  type SqlRunner,
  type TableDigests,
} from './table-digests.js';

export interface CreateBackupOptions {
  handle: DatabaseHandle;
  /** the PostgreSQL URL (for pg_dump); null for PGlite */
  url: string | null;
  file: string;
  now?: Date;
}

async function migrationsOf(run: SqlRunner): Promise<string[]> {
  const rows = await run('select name from kysely_migration order by name');
  return rows.map((r) => String(r.name));
}

export async function createBackup(o: CreateBackupOptions): Promise<BackupManifest> {
  // Next to the target, not in /tmp: a database dump may be larger than a tmpfs.
  const work = mkdtempSync(join(dirname(resolve(o.file)), '.jiesu-backup-'));
  try {
    const payload = join(work, 'payload');
    const snapshot =
      o.handle.kind === 'postgres' ? await dumpPostgres(o, payload) : await dumpPglite(o.handle, payload);
    const manifest: BackupManifest = {
      format: 'jiesu-backup',
      version: 1,
      kind: o.handle.kind,
      createdAt: (o.now ?? new Date()).toISOString(),
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      payload: {
        name: PAYLOAD_NAMES[o.handle.kind],
        bytes: statSync(payload).size,
        sha256: sha256OfFile(payload),
      },
    };
    // Written aside and renamed, so FILE is either the old backup or a whole new one.
    const partial = join(work, 'backup.tar');
    writeArchive(partial, [
      { name: MANIFEST_NAME, data: Buffer.from(JSON.stringify(manifest, null, 2)) },
      { name: manifest.payload.name, file: payload },
    ]);
    renameSync(partial, o.file);
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

interface Snapshot {
  migrations: string[];
  tables: TableDigests;
}

async function dumpPostgres(o: CreateBackupOptions, payload: string): Promise<Snapshot> {
  if (!o.url) throw new Error('a PostgreSQL backup needs the database URL');
  const client = await o.handle.pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const run = clientRunner(client);
    for (const s of OUTPUT_SETTINGS) await run(s);
    const [row] = await run('select pg_export_snapshot() as id');
    const snapshotId = String(row?.id ?? '');
    const tables = await digestTables(run);
    const migrations = await migrationsOf(run);
    const target = connectionFor(o.url);
    await runTool(
      pgToolPath('pg_dump'),
      [
        '--format=custom',
        `--snapshot=${snapshotId}`,
        '--no-owner',
        '--no-privileges',
        '-f',
        payload,
        '-d',
        target.url,
      ],
      { env: target.env },
    );
    await client.query('commit');
    return { migrations, tables };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function dumpPglite(handle: DatabaseHandle, payload: string): Promise<Snapshot> {
  if (!handle.pglite) throw new Error('no PGlite instance to dump');
  // This process holds the data directory's lock: nothing writes between the digests and the dump.
  const snapshot = await handle.db.transaction().execute(async (trx) => {
    const run = kyselyRunner(trx);
    for (const s of OUTPUT_SETTINGS) await run(s);
    return { tables: await digestTables(run), migrations: await migrationsOf(run) };
  });
  const dump = await handle.pglite.dumpDataDir('gzip');
  writeFileSync(payload, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
  return snapshot;
}
