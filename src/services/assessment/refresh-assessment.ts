/**
 * Incremental refresh of the assessment aggregates 考核汇总.
 *
 * Triggers (migration 2026-11-27T0200) queue the id of every ticket whose
 * assessment-relevant columns or cards change, in the changing transaction.
 * A refresh batch, in one transaction:
 *
 *   1. takes the refresh lock (`pg_advisory_xact_lock`): batches of all
 *      processes run one at a time, so two never read the same old facts;
 *   2. deletes a batch of queue rows, keeping their ticket ids; it sees only
 *      committed rows, and a committed queue row means the change is
 *      committed too, so the next statement reads the ticket after it;
 *   3. in ONE statement (one snapshot): computes the tickets' new facts,
 *      reads their old facts, replaces the facts, and adds new − old to every
 *      cube. A ticket changed again meanwhile has a newer queue row, left for
 *      the next batch; recomputing a ticket twice is harmless because facts
 *      are replaced, not added.
 *
 * So after every commit the cubes equal the sum of the facts, and the facts
 * equal the tickets as of the queue rows consumed. A rollback undoes the
 * whole batch, queue deletion included. `recompute-assessment.ts` rebuilds
 * the same cubes from raw tickets for the agreement test and the benchmark.
 */
import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';
import {
  AREA_CUBE,
  CARD_CUBE,
  CARD_FACT_SELECT,
  FACT_COLUMNS,
  FACT_SELECT,
  UNIT_CUBE,
  UNIT_MONTH_CUBE,
  upsertDelta,
  VOLUME_CUBE,
} from './cube-sql.js';

/** Key of the refresh lock ("jiesu考核" in spirit; any constant no other feature uses). */
export const REFRESH_LOCK_KEY = 7_311_202_611_270_200;

export interface RefreshOptions {
  /** queue rows per transaction */
  batchSize?: number;
  /** at most this many transactions in one call; the rest is left for the next call */
  maxBatches?: number;
  /** vacuum the queue afterwards when at least this many queue rows were consumed (default VACUUM_AFTER_ROWS) */
  vacuumAfterRows?: number;
}

export interface RefreshResult {
  /** distinct tickets recomputed */
  tickets: number;
  batches: number;
  /** false when queue rows were left for a later call */
  upToDate: boolean;
}

const DEFAULT_BATCH = 5000;

/** Recomputes the facts of `ids` and moves every cube by the difference, in one statement. */
export async function applyTickets(trx: Trx, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const set = sql.raw(FACT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '));
  await sql`
    with ids as (select distinct unnest(${[...ids]}::bigint[]) as id),
    new as (select ${FACT_SELECT} from tickets t join ids on ids.id = t.id),
    old as (select f.* from assessment_facts f join ids on ids.id = f.ticket_id),
    put as (
      insert into assessment_facts select * from new
      on conflict (ticket_id) do update set ${set}),
    gone as (
      delete from assessment_facts f using ids
      where f.ticket_id = ids.id and not exists (select 1 from new where new.ticket_id = ids.id)),
    d as (select 1 as s, new.* from new union all select -1 as s, old.* from old),
    unit_put as (${upsertDelta(UNIT_CUBE, 'd')}),
    unit_month_put as (${upsertDelta(UNIT_MONTH_CUBE, 'd')}),
    area_put as (${upsertDelta(AREA_CUBE, 'd')}),
    volume_put as (${upsertDelta(VOLUME_CUBE, 'd')}),
    card_new as (
      select ${CARD_FACT_SELECT} from ticket_cards c join ids on ids.id = c.ticket_id
      where c.unit_id is not null),
    card_old as (select f.* from assessment_card_facts f join ids on ids.id = f.ticket_id),
    card_del as (delete from assessment_card_facts f using ids where f.ticket_id = ids.id),
    card_ins as (insert into assessment_card_facts select * from card_new),
    cd as (select 1 as s, card_new.* from card_new union all select -1 as s, card_old.* from card_old),
    card_put as (${upsertDelta(CARD_CUBE, 'cd')})
    select 1 as done`.execute(trx);
}

async function refreshBatch(trx: Trx, batchSize: number): Promise<{ rows: number; tickets: number }> {
  await sql`select pg_advisory_xact_lock(${REFRESH_LOCK_KEY})`.execute(trx);
  const taken = await sql<{ ticket_id: number }>`
    delete from assessment_queue
    where seq in (select seq from assessment_queue order by seq limit ${batchSize})
    returning ticket_id`.execute(trx);
  const ids = [...new Set(taken.rows.map((r) => Number(r.ticket_id)))];
  await applyTickets(trx, ids);
  return { rows: taken.rows.length, tickets: ids.length };
}

/** Consumes the change queue in batches; what the worker loop and the benchmark call. */
export async function refreshAssessment(
  ctx: ServiceContext,
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let tickets = 0;
  let batches = 0;
  let rows = 0;
  let drained = false;
  while (batches < maxBatches && !drained) {
    const done = await inTransaction(ctx.db, (trx) => refreshBatch(trx, batchSize));
    batches++;
    tickets += done.tickets;
    rows += done.rows;
    drained = done.rows < batchSize;
  }
  if (rows >= (options.vacuumAfterRows ?? VACUUM_AFTER_ROWS)) await vacuumQueue(ctx);
  return { tickets, batches, upToDate: drained || !(await hasPendingChanges(ctx)) };
}

export async function hasPendingChanges(ctx: ServiceContext): Promise<boolean> {
  // Through the primary key, not a scan: right after a big refresh the heap is full of dead rows
  // until vacuum, while the index skips entries already known dead.
  const row = await sql<{ seq: number }>`select seq from assessment_queue order by seq limit 1`.execute(
    ctx.db,
  );
  return row.rows.length > 0;
}

/**
 * Before a read: brings the aggregates up to date when few changes wait
 * (the usual case costs one indexed EXISTS). After a bulk import the
 * backlog is left to the worker and the answer says it is not up to date.
 */
export async function ensureFresh(ctx: ServiceContext): Promise<{ upToDate: boolean }> {
  if (!(await hasPendingChanges(ctx))) return { upToDate: true };
  const r = await refreshAssessment(ctx, { batchSize: DEFAULT_BATCH, maxBatches: 4 });
  return { upToDate: r.upToDate };
}

/**
 * Reads the aggregates and checks for pending changes at the same time (two
 * connections on PostgreSQL: one round trip of latency, not two); only when
 * changes were pending does it refresh and read again. A change committed
 * while the read runs is left out, exactly as if the request had come a
 * moment earlier.
 */
export async function freshRead<T>(
  ctx: ServiceContext,
  read: () => Promise<T>,
): Promise<{ value: T; upToDate: boolean }> {
  const [pending, value] = await Promise.all([hasPendingChanges(ctx), read()]);
  if (!pending) return { value, upToDate: true };
  const fresh = await ensureFresh(ctx);
  return { value: await read(), upToDate: fresh.upToDate };
}

const AGGREGATE_TABLES = [
  'assessment_facts',
  'assessment_card_facts',
  'assessment_unit_days',
  'assessment_unit_months',
  'assessment_area_months',
  'assessment_card_days',
  'assessment_volume_days',
];

/**
 * Recomputes every aggregate from all tickets in a few set-based statements
 * (after a bulk import, or a change of the fact definitions): far faster
 * than the queue for millions of tickets. The queue is emptied FIRST, so a
 * change committed while the rebuild reads tickets is either in what it read
 * or still queued (then applied once more, which is harmless). Aggregate
 * reads wait for the rebuild to commit; ticket writes never do.
 */
export async function rebuildAssessment(ctx: ServiceContext): Promise<{ tickets: number }> {
  const result = await inTransaction(ctx.db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${REFRESH_LOCK_KEY})`.execute(trx);
    await sql`delete from assessment_queue`.execute(trx);
    await sql.raw(`truncate ${AGGREGATE_TABLES.join(', ')}`).execute(trx);
    const facts = await sql`insert into assessment_facts select ${FACT_SELECT} from tickets t`.execute(trx);
    await sql`
      insert into assessment_card_facts
      select ${CARD_FACT_SELECT} from ticket_cards c where c.unit_id is not null`.execute(trx);
    // In key order, so that the rows of one day or month sit together on disk.
    for (const [cube, source] of [
      [UNIT_CUBE, 'assessment_facts'],
      [UNIT_MONTH_CUBE, 'assessment_facts'],
      [AREA_CUBE, 'assessment_facts'],
      [VOLUME_CUBE, 'assessment_facts'],
      [CARD_CUBE, 'assessment_card_facts'],
    ] as const) {
      const cols = [...cube.keys, ...cube.values].join(', ');
      const nonZero = cube.values.map((v) => `d.${v} <> 0`).join(' or ');
      await sql
        .raw(`insert into ${cube.table} (${cols})
          select ${cols} from (${cube.select(`(select 1 as s, x.* from ${source} x)`)}) d where ${nonZero}
          order by ${cube.keys.join(', ')}`)
        .execute(trx);
    }
    return { tickets: Number(facts.numAffectedRows ?? 0) };
  });
  await vacuumQueue(ctx);
  return result;
}

/** Queue rows consumed in one call above which the refresh vacuums the queue afterwards. */
export const VACUUM_AFTER_ROWS = 20_000;

/**
 * Every read asks the queue's primary key for its first row. After a bulk
 * load the index holds one dead entry per ticket until vacuum: at 10 million
 * tickets that first-row probe stepped over them and took 100–160 ms on every
 * assessment read, where it takes 0.3 ms on a vacuumed queue. Autovacuum
 * would get there eventually; a bulk consumer does not wait for it.
 */
async function vacuumQueue(ctx: ServiceContext): Promise<void> {
  await sql`vacuum assessment_queue`.execute(ctx.db);
}
