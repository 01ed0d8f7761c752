/**
 * 首次导入 Initial load: the go-live import into empty ticket tables, done
 * the way pg_restore and other bulk loaders do it, in ONE transaction —
 * lock the tables it fills, check they are empty, drop their secondary
 * indexes, the primary/unique keys nothing outside them references and
 * their foreign keys, COPY every batch, then build the indexes (a sorted
 * bulk build instead of one incremental GIN/B-tree insert per row) and
 * re-add the keys (each foreign key validated by one join instead of one
 * look-up per row), and commit. PostgreSQL DDL is transactional: a bad row,
 * an error or a crash anywhere rolls all of it back, and the tables are
 * exactly as before, with every index and key (sequences aside, which never
 * roll back: unused ticket ids are skipped).
 *
 * The definitions come from the catalogue at run time (pg_get_indexdef,
 * pg_get_constraintdef), so whatever migrations add is put back as it was.
 * Dropping a foreign key locks the table it references too (units, users,
 * categories…): nothing else should run against the database meanwhile —
 * it is the go-live step, not a way to import into a live system.
 */
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';

/** The tables an import fills, each of which must be empty. */
export const LOADED_TABLES = [
  'tickets',
  'ticket_events',
  'ticket_units',
  'callbacks',
  'ticket_cards',
] as const;

interface Definition {
  table: string;
  name: string;
  /** CREATE INDEX … for an index, the constraint's text (PRIMARY KEY (…), FOREIGN KEY …) for a key */
  def: string;
}

export interface InitialLoad {
  client: pg.PoolClient;
  /** queries in the load's transaction (they wait for the COPY in flight on the same connection) */
  db: Db;
  /** the daily number counters of the deployment's prefix as they stood: numbers are handed out from here */
  counters: Map<string, number>;
  indexes: Definition[];
  keys: Definition[];
  foreignKeys: Definition[];
  /** committed or rolled back: the connection is back in the pool */
  ended: boolean;
}

/** milliseconds per step of the rebuild ("index tickets_state", "foreign key …", "commit") */
export type RebuildSteps = Record<string, number>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A Kysely over the one connection of the transaction: "releasing" it after a query keeps it. */
function connectionDb(client: pg.PoolClient): Db {
  const held = { query: client.query.bind(client), release: () => {} } as unknown as PostgresPoolClient;
  const pool: PostgresPool = { connect: async () => held, end: async () => {} };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function definitions(
  client: pg.PoolClient,
): Promise<Pick<InitialLoad, 'indexes' | 'keys' | 'foreignKeys'>> {
  const tables = [...LOADED_TABLES];
  // Indexes that back no constraint (constraint indexes go and come back with their constraint).
  const indexes = await client.query<Definition>(
    `select c.relname as "table", i.relname as name, pg_get_indexdef(x.indexrelid) as def
     from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
     where c.relname = any($1::text[]) and c.relnamespace = current_schema()::regnamespace
       and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.conrelid = x.indrelid)
     order by 1, 2`,
    [tables],
  );
  // Primary and unique keys, unless a foreign key from a table not loaded here stands on them.
  const keys = await client.query<Definition>(
    `select c.relname as "table", k.conname as name, pg_get_constraintdef(k.oid) as def
     from pg_constraint k join pg_class c on c.oid = k.conrelid
     where c.relname = any($1::text[]) and c.relnamespace = current_schema()::regnamespace
       and k.contype in ('p', 'u')
       and not exists (
         select 1 from pg_constraint f join pg_class o on o.oid = f.conrelid
         where f.contype = 'f' and f.conindid = k.conindid and not (o.relname = any($1::text[])))
     order by 1, 2`,
    [tables],
  );
  const foreignKeys = await client.query<Definition>(
    `select c.relname as "table", k.conname as name, pg_get_constraintdef(k.oid) as def
     from pg_constraint k join pg_class c on c.oid = k.conrelid
     where c.relname = any($1::text[]) and c.relnamespace = current_schema()::regnamespace and k.contype = 'f'
     order by 1, 2`,
    [tables],
  );
  return { indexes: indexes.rows, keys: keys.rows, foreignKeys: foreignKeys.rows };
}

/**
 * Opens the load's transaction, refuses unless every loaded table is empty,
 * and drops the indexes and keys it will rebuild. Waits at most `lockWait`
 * for the tables: a running server holding them is an error, not a hang.
 */
export async function beginInitialLoad(
  pool: pg.Pool,
  prefix: string,
  lockWait = '30s',
): Promise<InitialLoad> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('lock_timeout', $1, true)`, [lockWait]);
    await client.query(`lock table ${LOADED_TABLES.join(', ')} in access exclusive mode`);
    for (const table of LOADED_TABLES) {
      const r = await client.query(`select 1 from ${table} limit 1`);
      if ((r.rowCount ?? 0) > 0) throw new AppError('IMPORT_INITIAL_LOAD_NOT_EMPTY', { table });
    }
    const defs = await definitions(client);
    for (const k of defs.foreignKeys)
      await client.query(`alter table ${quote(k.table)} drop constraint ${quote(k.name)}`);
    for (const k of defs.keys)
      await client.query(`alter table ${quote(k.table)} drop constraint ${quote(k.name)}`);
    for (const i of defs.indexes) await client.query(`drop index ${quote(i.name)}`);
    await client.query(`select set_config('lock_timeout', '0', true)`);
    const counters = await client.query<{ day: string; last: number }>(
      'select day::text as day, last from ticket_number_counters where prefix = $1',
      [prefix],
    );
    return {
      client,
      db: connectionDb(client),
      counters: new Map(counters.rows.map((c) => [c.day, c.last])),
      ...defs,
      ended: false,
    };
  } catch (err) {
    await rollback(client);
    throw err;
  }
}

/**
 * Builds the indexes and re-adds the keys (a violation — a duplicate number,
 * an event of no ticket — fails here and rolls everything back), then commits.
 * More maintenance memory makes each index one sort in memory.
 */
export async function finishInitialLoad(load: InitialLoad, steps?: RebuildSteps): Promise<void> {
  const { client } = load;
  const timed = async (step: string, text: string) => {
    const start = process.hrtime.bigint();
    await client.query(text);
    if (steps) steps[step] = Number(process.hrtime.bigint() - start) / 1e6;
  };
  try {
    await client.query(`select set_config('maintenance_work_mem', '256MB', true)`);
    for (const i of load.indexes) await timed(`index ${i.name}`, i.def);
    const add = (kind: string, k: Definition) =>
      timed(`${kind} ${k.name}`, `alter table ${quote(k.table)} add constraint ${quote(k.name)} ${k.def}`);
    for (const k of load.keys) await add('key', k);
    for (const k of load.foreignKeys) await add('foreign key', k);
    await timed('commit', 'commit');
    load.ended = true;
    client.release();
  } catch (err) {
    await abortInitialLoad(load);
    throw err;
  }
}

/** Rolls the load back (nothing of it stays) and gives the connection back, or drops it if it is broken. */
export async function abortInitialLoad(load: InitialLoad): Promise<void> {
  if (load.ended) return;
  load.ended = true;
  await rollback(load.client);
}

async function rollback(client: pg.PoolClient): Promise<void> {
  let broken: Error | undefined;
  await client.query('rollback').catch((e: unknown) => {
    broken = e as Error;
  });
  client.release(broken);
}
