/**
 * 重建检索 Fills the word index of tickets that have none: rows loaded in
 * bulk (demo data, imports) or written before full-text search existed.
 * Batches are claimed with FOR UPDATE SKIP LOCKED, so several server
 * processes (or a server and `jiesu reindex`) share the work without doing
 * it twice, and each batch commits on its own: an interrupted run loses at
 * most one batch and resumes where the partial index says.
 */
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import { indexText } from '../../nlp/search-terms.js';

export interface ReindexOptions {
  batchSize?: number;
  /** called after each batch with the number indexed so far */
  onProgress?: (done: number) => void;
  /** checked between batches; true stops the run */
  stopped?: () => boolean;
  /** re-index every ticket, not only those without words (after a dictionary change) */
  all?: boolean;
}

/** Tickets still without words (through the partial index; 0 once everything is indexed). */
export async function ticketsToIndex(db: Db): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from tickets where search_vector is null`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function writeVectors(
  trx: Executor,
  rows: readonly { id: number; title: string; description: string }[],
) {
  const ids = rows.map((r) => Number(r.id));
  const vectors = rows.map((r) => indexText(r.title, r.description).searchVector);
  await sql`
    update tickets t set search_vector = v.vector::tsvector
    from (select unnest(${ids}::bigint[]) as id, unnest(${vectors}::text[]) as vector) v
    where t.id = v.id`.execute(trx);
}

/** Every ticket, in id order: after a dictionary change. The old words serve searches until each batch is replaced. */
async function reindexAll(db: Db, batch: number, o: ReindexOptions): Promise<number> {
  let after = 0;
  let done = 0;
  while (!o.stopped?.()) {
    const rows = await sql<{ id: number; title: string; description: string }>`
      select id, title, description from tickets where id > ${after} order by id limit ${batch}`.execute(db);
    if (rows.rows.length === 0) break;
    await writeVectors(db, rows.rows);
    after = Number(rows.rows[rows.rows.length - 1]!.id);
    done += rows.rows.length;
    o.onProgress?.(done);
  }
  return done;
}

export async function reindexTickets(db: Db, o: ReindexOptions = {}): Promise<number> {
  const batch = Math.max(1, o.batchSize ?? 1000);
  if (o.all) {
    const all = await reindexAll(db, batch, o);
    await analyzeIfChanged(db, all);
    return all;
  }
  let done = 0;
  while (!o.stopped?.()) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await sql<{ id: number; title: string; description: string }>`
        select id, title, description from tickets where search_vector is null
        order by id limit ${batch} for update skip locked`.execute(trx);
      if (rows.rows.length > 0) await writeVectors(trx, rows.rows);
      return rows.rows.length;
    });
    if (n === 0) break;
    done += n;
    o.onProgress?.(done);
  }
  await analyzeIfChanged(db, done);
  return done;
}

/** The planner's word statistics must see the new vectors, or rare-word searches scan by date. */
async function analyzeIfChanged(db: Db, done: number): Promise<void> {
  if (done > 0) await sql`analyze tickets`.execute(db);
}
