/**
 * A fingerprint of every table: its row count and a hash of its rows'
 * text, independent of physical order. A backup records them; a restore
 * recomputes and compares them, so "the restore worked" is checked rather
 * than assumed; the backup tests compare whole databases with them.
 *
 * Plain SQL through a `SqlRunner`, because a backup reads them on the very
 * connection that exported its snapshot to pg_dump, and a restore on a
 * PGlite instance it opened itself, neither of which is a Kysely executor.
 */
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';

export interface TableDigest {
  rows: number;
  /** MD5 over the sorted MD5s of each row's text form; '' for an empty table */
  hash: string;
}

export type TableDigests = Record<string, TableDigest>;

export type SqlRunner = (text: string) => Promise<Record<string, unknown>[]>;

export function kyselyRunner(db: Executor): SqlRunner {
  return async (text) => (await sql.raw<Record<string, unknown>>(text).execute(db)).rows;
}

export interface Queryable {
  query(text: string): Promise<{ rows: unknown[] }>;
}

/** A node-postgres client, or a PGlite instance or transaction. */
export function clientRunner(client: Queryable): SqlRunner {
  return async (text) => (await client.query(text)).rows as Record<string, unknown>[];
}

/** Text forms of timestamps, dates and floats depend on the session: pinned, digests compare. */
export const OUTPUT_SETTINGS = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 1',
];

/** Migration bookkeeping is not data: a freshly migrated database is still empty. */
const BOOKKEEPING = new Set(['kysely_migration', 'kysely_migration_lock']);

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Every ordinary table of the public schema, by name. */
export async function publicTables(run: SqlRunner): Promise<string[]> {
  const rows = await run(`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`);
  return rows.map((r) => String(r.name));
}

/** Digests of `tables` (default: all); the caller has opened a transaction and applied OUTPUT_SETTINGS. */
export async function digestTables(run: SqlRunner, tables?: readonly string[]): Promise<TableDigests> {
  const out: TableDigests = {};
  for (const table of tables ?? (await publicTables(run))) {
    const [row] = await run(`
      select count(*)::bigint as rows, md5(string_agg(h, '' order by h)) as hash
      from (select md5(t::text) as h from ${quoteIdent(table)} t) x`);
    out[table] = { rows: Number(row?.rows ?? 0), hash: typeof row?.hash === 'string' ? row.hash : '' };
  }
  return out;
}

/** Digests read in one repeatable-read transaction of `db`, with pinned output settings. */
export async function tableDigests(db: Db, tables?: readonly string[]): Promise<TableDigests> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const run = kyselyRunner(trx);
      for (const s of OUTPUT_SETTINGS) await run(s);
      return digestTables(run, tables);
    });
}

/** Rows in all tables but the migration bookkeeping: what "an empty database" is measured by. */
export async function dataRows(run: SqlRunner): Promise<number> {
  let total = 0;
  for (const table of await publicTables(run)) {
    if (BOOKKEEPING.has(table)) continue;
    const [row] = await run(`select count(*)::bigint as n from ${quoteIdent(table)}`);
    total += Number(row?.n ?? 0);
  }
  return total;
}

/** Tables whose digests differ (missing on either side included). */
export function differingTables(a: TableDigests, b: TableDigests): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n]?.rows !== b[n]?.rows || a[n]?.hash !== b[n]?.hash).sort();
}
