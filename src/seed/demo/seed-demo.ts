/**
 * `jiesu seed --demo`: generates N realistic, deterministic demo tickets
 * received since a month and handled up to `until` (default now), and loads
 * them in bulk. The rows are what the use cases would have written (see
 * history.ts), but they are built in memory and inserted a few thousand
 * tickets per statement, so a million tickets take minutes, not hours.
 *
 * Into an empty database (first start) the whole load is one transaction
 * that sets foreign keys and secondary indexes aside and restores them at
 * the end, as pg_restore does (bulkLoad) — several times faster than
 * maintaining them row by row — and leaves either all tickets or none.
 * Into a database that has tickets, each batch commits on its own with the
 * indexes in place. While PostgreSQL writes one batch the next is generated;
 * ticket numbers continue the daily counters, so a second run and live
 * intake never collide.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { reserveTicketIds } from '../../db/repositories/ticket-ids.js';
import { formatTicketNumber } from '../../domain/ticket-number.js';
import type { ServiceContext } from '../../services/context.js';
import { sweepSettings } from '../../services/sweep/ticket-clocks.js';
import { bulkLoad, insertBatch } from './bulk-insert.js';
import { DemoGenerator } from './generator.js';
import type { TicketHistory } from './history.js';
import { Random } from './random.js';
import { type DayPlan, planDays, timesOfDay } from './timeline.js';

export interface SeedDemoOptions {
  tickets: number;
  since: string /* 'YYYY-MM' */;
  until?: Date /* default ctx.clock() */;
  seed: number;
  onProgress?: (done: number) => void;
  /** tickets per statement; larger batches mean fewer round trips and more memory */
  batchSize?: number;
}

export interface SeedDemoResult {
  tickets: number;
  events: number;
}

/**
 * Tickets per statement. PGlite parses one large message in more than
 * linear time, so it takes small batches; a PostgreSQL server takes larger
 * ones, which save round trips.
 */
const DEFAULT_BATCH = { pglite: 500, postgres: 2000 } as const;
/** The tables a batch writes to. */
const BULK_TABLES = ['tickets', 'ticket_events', 'ticket_units', 'callbacks', 'ticket_cards'];

/** The weight of 基本满意 in the satisfaction rate (settings 'assessment'), which the outcome model aims at. */
async function basicallySatisfiedWeight(ctx: ServiceContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'assessment')
    .executeTakeFirst();
  const weight = Number(
    (row?.value as { basicallySatisfiedWeight?: unknown } | undefined)?.basicallySatisfiedWeight,
  );
  return Number.isFinite(weight) && weight > 0 && weight < 1 ? weight : 0.8;
}

/** The last number already used per Beijing day, so demo numbering continues after it. */
async function existingCounters(ctx: ServiceContext): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom('ticket_number_counters')
    .select(['day', 'last'])
    .where('prefix', '=', ctx.config.ticketPrefix)
    .execute();
  return new Map(rows.map((r) => [r.day, r.last]));
}

export async function seedDemo(ctx: ServiceContext, options: SeedDemoOptions): Promise<SeedDemoResult> {
  if (!Number.isInteger(options.tickets) || options.tickets <= 0)
    throw new Error('tickets must be a positive integer');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.since)) throw new Error('since must look like 2019-01');
  const until = options.until ?? ctx.clock();
  // Everything read through the pool happens before a transaction may hold PGlite's only connection.
  const generator = new DemoGenerator({
    ref: await ctx.reference.get(),
    cipher: ctx.cipher,
    seed: options.seed,
    until,
    satisfaction: { basicWeight: await basicallySatisfiedWeight(ctx) },
    sweep: await sweepSettings(ctx.db, ctx.reference),
  });
  const timing = new Random(options.seed, 'timeline');
  const plans = planDays(generator, options.since, until, options.tickets, timing);
  const loader: Loader = {
    generator,
    timing,
    plans,
    until,
    counters: await existingCounters(ctx),
    prefix: ctx.config.ticketPrefix,
    batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH[ctx.kind]),
    total: options.tickets,
    onProgress: options.onProgress,
  };
  const empty = (await ctx.db.selectFrom('tickets').select('id').limit(1).executeTakeFirst()) === undefined;
  const result = empty
    ? await ctx.db.transaction().execute((trx) => bulkLoad(trx, BULK_TABLES, () => load(trx, loader)))
    : await load(ctx.db, loader);
  // Fresh planner statistics: without them a full-text search for rare words walks the date index
  // through every ticket (300 ms at a million) instead of reading the word index (under 50 ms).
  await sql`analyze tickets, ticket_events`.execute(ctx.db);
  return result;
}

interface Loader {
  generator: DemoGenerator;
  timing: Random;
  plans: DayPlan[];
  until: Date;
  counters: Map<string, number>;
  prefix: string;
  batchSize: number;
  total: number;
  onProgress: ((done: number) => void) | undefined;
}

/** Generates the tickets day by day and inserts them batch by batch, one batch in flight while the next is made. */
async function load(db: Executor, l: Loader): Promise<SeedDemoResult> {
  let done = 0;
  let events = 0;
  let batch: TicketHistory[] = [];
  let used = new Map<string, number>();
  let ids: number[] = [];
  let next = 0;
  let remaining = l.total;
  let inflight: Promise<void> = Promise.resolve();
  // A failed insert is kept until the loop next waits for it, so it is never an unhandled rejection.
  let failure: { error: unknown } | null = null;
  const settle = async () => {
    await inflight;
    if (failure) throw failure.error;
  };
  const flush = async () => {
    const histories = batch;
    const counters = used;
    batch = [];
    used = new Map();
    // The previous batch must be in first: merges point at earlier tickets.
    await settle();
    inflight = insertBatch(db, histories, l.prefix, counters).then(
      (n) => {
        done += n.tickets;
        events += n.events;
        l.onProgress?.(done);
      },
      (error: unknown) => {
        failure = { error };
      },
    );
  };

  for (const plan of l.plans) {
    if (plan.count === 0) continue;
    let sequence = l.counters.get(plan.day.date) ?? 0;
    for (const receivedAt of timesOfDay(l.timing, plan, l.until.getTime())) {
      if (next >= ids.length) {
        ids = await reserveTicketIds(db, Math.min(l.batchSize, remaining));
        next = 0;
      }
      const id = ids[next++] as number;
      remaining--;
      sequence++;
      batch.push(
        l.generator.ticket(plan.day, id, formatTicketNumber(l.prefix, receivedAt, sequence), receivedAt),
      );
      used.set(plan.day.date, sequence);
      if (batch.length >= l.batchSize) await flush();
    }
    l.counters.set(plan.day.date, sequence);
  }
  if (batch.length > 0) await flush();
  await settle();
  return { tickets: done, events };
}
