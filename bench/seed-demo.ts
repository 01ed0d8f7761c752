/**
 * Demo generation throughput: `seedDemo` of N tickets into a fresh database
 * (migrated, reference data loaded), against a bare bulk insert of N
 * one-column rows in the same run, same batch size, same database kind.
 * Also times generation alone (no database) on up to 20,000 tickets, to
 * tell the CPU's share from the database's.
 *   npx tsx bench/seed-demo.ts [--tickets 100000] [--db pglite|pg|both] [--since 2019-01] [--batch N]
 *   npm run bench -- seed-demo [same options]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { formatTicketNumber } from '../src/domain/ticket-number.js';
import { createCipher } from '../src/security/personal-data.js';
import { DemoGenerator } from '../src/seed/demo/generator.js';
import { Random } from '../src/seed/demo/random.js';
import { seedDemo } from '../src/seed/demo/seed-demo.js';
import { planDays, timesOfDay } from '../src/seed/demo/timeline.js';
import { seedReference } from '../src/seed/seed-reference.js';
import { createContext, type ServiceContext } from '../src/services/context.js';
import { DEFAULT_SWEEP_SETTINGS } from '../src/services/sweep/ticket-clocks.js';
import { benchPostgres } from './support/postgres.js';
import { machine, timeIt } from './support/stats.js';

interface Options {
  tickets: number;
  db: 'pg' | 'pglite' | 'both';
  since: string;
  /** tickets per statement; by default what seedDemo picks for the database kind */
  batch: number | undefined;
}

function parse(args: string[]): Options {
  const get = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    tickets: Number(get('tickets') ?? 100_000),
    db: (get('db') ?? 'both') as Options['db'],
    since: get('since') ?? '2019-01',
    batch: get('batch') === undefined ? undefined : Number(get('batch')),
  };
}

const UNTIL = new Date('2026-11-26T10:00:00+08:00');
const SEED = 12345;

async function prepare(handle: DatabaseHandle): Promise<ServiceContext> {
  await migrateToLatest(handle.db);
  await seedReference(handle.db);
  const config = { ...loadConfig({}), demoTickets: 0, sweepIntervalSeconds: 0 };
  return createContext({ handle, config, cipher: createCipher(randomBytes(32)), clock: () => UNTIL });
}

/** The same number of rows, one bigint column, same batches, one transaction: what the database can do at best. */
async function baseline(handle: DatabaseHandle, rows: number, batch: number): Promise<number> {
  await sql`create table bench_baseline (id bigint)`.execute(handle.db);
  return timeIt(() =>
    handle.db.transaction().execute(async (trx) => {
      for (let from = 0; from < rows; from += batch) {
        const n = Math.min(batch, rows - from);
        const ids = `{${Array.from({ length: n }, (_, i) => from + i).join(',')}}`;
        await sql`insert into bench_baseline select * from unnest(${ids}::bigint[])`.execute(trx);
      }
    }),
  );
}

/** Generation alone, no database: the CPU cost per ticket. */
async function generationOnly(
  ctx: ServiceContext,
  o: Options,
): Promise<{ tickets: number; ms: number; events: number }> {
  const tickets = Math.min(o.tickets, 20_000);
  let events = 0;
  const ms = await timeIt(async () => {
    const generator = new DemoGenerator({
      ref: await ctx.reference.get(),
      cipher: ctx.cipher,
      seed: SEED,
      until: UNTIL,
      satisfaction: { basicWeight: 0.8 },
      sweep: DEFAULT_SWEEP_SETTINGS,
    });
    const timing = new Random(SEED, 'timeline');
    let id = 1;
    for (const plan of planDays(generator, o.since, UNTIL, tickets, timing)) {
      let seq = 0;
      for (const at of timesOfDay(timing, plan, UNTIL.getTime())) {
        events += generator.ticket(plan.day, id++, formatTicketNumber('HR', at, ++seq), at).events.length;
      }
    }
  });
  return { tickets, ms, events };
}

/** A million demo tickets take gigabytes: the bench's database goes when the bench is done. */
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

async function runOne(kind: 'pg' | 'pglite', o: Options): Promise<void> {
  const server = kind === 'pg' ? await benchPostgres() : null;
  const database = `jiesu_bench_seed_${process.pid}`;
  try {
    const url = server ? await server.createDatabase(database) : null;
    // PGlite in a data directory on disk, as `npm start` runs it (an in-memory PGlite grows its files by copying).
    const dataDir = url ? null : mkdtempSync(join(tmpdir(), 'jiesu-bench-seed-'));
    const handle = await openDatabase(url ? { url, poolSize: 4 } : { url: null, dataDir: dataDir as string });
    try {
      const ctx = await prepare(handle);
      const batch = o.batch ?? (kind === 'pg' ? 2000 : 500);
      const generated = await generationOnly(ctx, o);
      let last = 0;
      let result = { tickets: 0, events: 0 };
      const seedMs = await timeIt(async () => {
        result = await seedDemo(ctx, {
          tickets: o.tickets,
          since: o.since,
          until: UNTIL,
          seed: SEED,
          batchSize: batch,
          onProgress: (done) => {
            if (done - last >= o.tickets / 10 || done === o.tickets) {
              last = done;
              process.stderr.write(`  ${done}/${o.tickets}\n`);
            }
          },
        });
      });
      const baseMs = await baseline(handle, o.tickets, batch);
      const name = kind === 'pg' ? 'PostgreSQL' : 'PGlite';
      const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);
      console.log(
        `\nseed --demo on ${name}, ${o.tickets} tickets since ${o.since}, batches of ${batch} — ${machine()}`,
      );
      console.table({
        'seedDemo (generate + load)': {
          seconds: +(seedMs / 1000).toFixed(1),
          'tickets/s': perSecond(result.tickets, seedMs),
          'events/s': perSecond(result.events, seedMs),
          'events/ticket': +(result.events / result.tickets).toFixed(2),
        },
        [`generation only (${generated.tickets} tickets, no database)`]: {
          seconds: +(generated.ms / 1000).toFixed(1),
          'tickets/s': perSecond(generated.tickets, generated.ms),
          'events/s': perSecond(generated.events, generated.ms),
          'events/ticket': +(generated.events / generated.tickets).toFixed(2),
        },
        'baseline (bare insert, one bigint column)': {
          seconds: +(baseMs / 1000).toFixed(1),
          'tickets/s': perSecond(o.tickets, baseMs),
          'events/s': Number.NaN,
          'events/ticket': Number.NaN,
        },
      });
      console.log(
        `ratio: seedDemo takes ${(seedMs / baseMs).toFixed(1)}× the baseline's time for the same number of rows`,
      );
    } finally {
      await handle.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    if (server) await dropDatabase(server.url, database);
    server?.stop();
  }
}

export default async function run(args: string[] = process.argv.slice(2)): Promise<void> {
  const o = parse(args);
  if (!Number.isInteger(o.tickets) || o.tickets <= 0) throw new Error('--tickets must be a positive integer');
  if (o.db === 'pglite' || o.db === 'both') await runOne('pglite', o);
  if (o.db === 'pg' || o.db === 'both') await runOne('pg', o);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
