/**
 * One way to reach the database whichever it is: Kysely over node-postgres.
 * With DATABASE_URL it is a PostgreSQL server; otherwise PGlite (PostgreSQL
 * compiled to WebAssembly) in the data directory, reached through PGlite's
 * node-postgres adapter so that every query takes the same code path.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories take either the database or an open transaction. */
export type Executor = Db | Trx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  pool: pg.Pool;
  /** the PGlite instance when embedded (for dumps and backups) */
  pglite: PGlite | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; null means embedded PGlite */
  url: string | null;
  /** data directory for PGlite; the database lives in `<dataDir>/db` */
  dataDir?: string;
  /** PGlite only: keep the database in memory, optionally starting from a dump */
  memory?: { loadDataDir?: Blob | File };
  poolSize?: number;
  applicationName?: string;
}

let parsersInstalled = false;
function installTypeParsers(): void {
  if (parsersInstalled) return;
  parsersInstalled = true;
  // bigint ids and counts stay far below 2^53 for this application.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
  // A `date` is a calendar day, not an instant: keep the string.
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  installTypeParsers();
  if (options.url)
    return openPostgres(options.url, options.poolSize ?? 20, options.applicationName ?? 'jiesu');
  return openPglite(options);
}

async function openPostgres(url: string, poolSize: number, applicationName: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: applicationName,
    allowExitOnIdle: true,
  });
  // An idle connection the server closes (restart, failover, DROP DATABASE) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', (err) => {
    process.emitWarning(`idle database connection closed: ${err.message}`);
  });
  // Fail fast with a clear message rather than at the first request.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    pool,
    pglite: null,
    close: () => db.destroy(),
  };
}

async function openPglite(options: OpenOptions): Promise<DatabaseHandle> {
  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  if (options.memory) {
    pglite = await PGlite.create({
      extensions: { pg_trgm },
      ...(options.memory.loadDataDir ? { loadDataDir: options.memory.loadDataDir } : {}),
    });
  } else {
    const dataDir = options.dataDir ?? './data';
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    try {
      pglite = await PGlite.create(join(dataDir, 'db'), { extensions: { pg_trgm } });
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  // PGlite is one connection: a pool of one serialises transactions, which is what it needs.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pool,
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}
