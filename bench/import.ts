/**
 * Bulk import throughput 批量导入: `jiesu import` of N realistic legacy rows
 * (tickets with handling histories, from the demo generator) into a fresh,
 * migrated PostgreSQL database with reference data, against a bare COPY of
 * the same N ticket rows into a table of the same shape, in the same run.
 *
 * "Same shape": `create table tickets_copy (like tickets including all)` —
 * the same columns, defaults, check constraints and indexes (including the
 * trigram index on search_text), without foreign keys and triggers, which
 * `like` does not copy. The rows are the ones the import wrote, dumped with
 * COPY TO and loaded with psql's \copy (COPY FROM STDIN). A second baseline
 * without indexes is printed for reference.
 *
 * The import writes with COPY FROM STDIN (as the CLI does on PostgreSQL) and
 * prints where its time went: reading, look-ups, replay, encoding (this
 * process, overlapping the write of the batch before) and the wait for the
 * database. --floor also times COPY of everything the import wrote into the
 * real tables — what any importer keeping the foreign keys and triggers pays.
 *
 * --initial-load runs the import as the go-live load (one transaction,
 * indexes and keys dropped and rebuilt at the end, see
 * src/import/initial-load.ts); the baseline stays the same.
 *
 * Batches are replayed and encoded on worker threads (--workers, default one
 * per core; 0 replays on the importing thread, as before).
 *
 *   npx tsx bench/import.ts --rows 100000 [--batch 2000] [--keep] [--initial-load] [--workers N]
 *   npm run bench -- import --rows 1000000
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { openRuntime } from '../src/runtime.js';
import { seedReference } from '../src/seed/seed-reference.js';
import { defaultWorkers, emptyTimings, importTickets } from '../src/services/import-tickets.js';
import { sweepSettings } from '../src/services/sweep/ticket-clocks.js';
import { legacyRows } from './support/legacy-rows.js';
import { benchPostgres } from './support/postgres.js';
import { machine } from './support/stats.js';

interface Options {
  rows: number;
  batch: number;
  keep: boolean;
  /** also time COPY of every row the import wrote (all five tables) back into the real tables */
  floor: boolean;
  /** import with --initial-load */
  initialLoad: boolean;
  /** replay worker threads (default: one per core) */
  workers: number | undefined;
}

function parse(args: string[]): Options {
  const get = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    rows: Number(get('rows') ?? 100_000),
    batch: Number(get('batch') ?? 2000),
    keep: args.includes('--keep'),
    floor: args.includes('--floor'),
    initialLoad: args.includes('--initial-load'),
    workers: get('workers') === undefined ? undefined : Number(get('workers')),
  };
}

/** Busy and idle time of all cores so far, in ticks (/proc/stat via os.cpus). */
function machineCpu(): { busy: number; idle: number } {
  let busy = 0;
  let idle = 0;
  for (const c of cpus()) {
    busy += c.times.user + c.times.nice + c.times.sys + c.times.irq;
    idle += c.times.idle;
  }
  return { busy, idle };
}

const UNTIL = new Date('2024-11-26T10:00:00+08:00');
const BASE = 100_000;

function psql(url: string, command: string): number {
  const started = process.hrtime.bigint();
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export default async function run(args: string[] = process.argv.slice(2)): Promise<void> {
  const o = parse(args);
  if (!Number.isInteger(o.rows) || o.rows <= 0) throw new Error('--rows must be a positive integer');
  const pg = await benchPostgres();
  const url = await pg.createDatabase('jiesu_bench_import');
  const dir = join(tmpdir(), 'jiesu-bench-import');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `legacy-${o.rows}.jsonl`);
  const dump = join(dir, `tickets-${o.rows}.copy`);
  const runtime = await openRuntime({
    config: { ...loadConfig(), databaseUrl: url, dataDir: dir, sweepIntervalSeconds: 0, demoTickets: 0 },
    clock: () => new Date(),
  });
  try {
    await seedReference(runtime.handle.db);
    const ctx = runtime.ctx;
    ctx.reference.invalidate();
    if (!existsSync(file)) {
      // Generated once per size and kept: the rows are deterministic, and generating a million takes a while.
      const t0 = Date.now();
      const ref = await ctx.reference.get();
      const sweep = await sweepSettings(ctx.db, ctx.reference);
      const out = createWriteStream(`${file}.part`);
      // Past BASE rows the generated ones are repeated with suffixed numbers (and merge targets):
      // the demo generator plays a ticket in about a millisecond, too slow to draw a million.
      const base: string[] = [];
      for (const { row } of legacyRows({
        ref,
        cipher: ctx.cipher,
        sweep,
        rows: Math.min(o.rows, BASE),
        until: UNTIL,
        since: '2019-01',
      })) {
        base.push(JSON.stringify(row));
      }
      let n = 0;
      for (let copy = 0; n < o.rows; copy++) {
        for (const line of base) {
          if (n >= o.rows) break;
          const text =
            copy === 0 ? line : line.replace(/"(number|target)":"([A-Za-z0-9]+)"/g, `"$1":"$2-${copy}"`);
          if (!out.write(`${text}\n`)) await once(out, 'drain');
          n++;
        }
      }
      out.end();
      await once(out, 'close');
      renameSync(`${file}.part`, file);
      console.log(`generated ${n} legacy rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const size = statSync(file).size;

    const cpuBefore = process.cpuUsage();
    const machineBefore = machineCpu();
    const started = process.hrtime.bigint();
    const timings = emptyTimings();
    const result = await importTickets(ctx, {
      file,
      batchSize: o.batch,
      force: true,
      initialLoad: o.initialLoad,
      workers: o.workers,
      pool: runtime.handle.pool,
      timings,
    });
    const importSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const machineAfter = machineCpu();
    if (result.rejected > 0) throw new Error(`${result.rejected} rows rejected: see ${result.rejectsFile}`);
    const counts = await sql<{ tickets: number; events: number; units: number; callbacks: number }>`
      select (select count(*) from tickets)::int as tickets, (select count(*) from ticket_events)::int as events,
             (select count(*) from ticket_units)::int as units, (select count(*) from callbacks)::int as callbacks`.execute(
      ctx.db,
    );
    const c = counts.rows[0];

    // The baseline: the same ticket rows, bare COPY into the same table shape.
    psql(url, `\\copy tickets to '${dump}'`);
    psql(url, 'create table tickets_copy (like tickets including all)');
    const copySeconds = psql(url, `\\copy tickets_copy from '${dump}'`);
    psql(url, 'create table tickets_bare (like tickets including defaults including constraints)');
    const bareSeconds = psql(url, `\\copy tickets_bare from '${dump}'`);

    let floorSeconds = 0;
    if (o.floor) {
      // The floor of any importer writing what the live system writes: COPY of every imported row
      // (tickets, events, ticket_units, callbacks, cards) back into the real tables, keys and triggers included.
      const tables = ['tickets', 'ticket_events', 'ticket_units', 'callbacks', 'ticket_cards'];
      for (const t of tables) psql(url, `\\copy ${t} to '${dump}.${t}'`);
      psql(url, `truncate ${tables.join(', ')}, assessment_queue, assessment_facts cascade`);
      for (const t of tables) floorSeconds += psql(url, `\\copy ${t} from '${dump}.${t}'`);
      for (const t of tables) rmSync(`${dump}.${t}`, { force: true });
    }
    const importRate = result.imported / importSeconds;
    const copyRate = o.rows / copySeconds;
    const bareRate = o.rows / bareSeconds;
    console.log(
      `\njiesu import, ${o.rows} tickets (${(size / 2 ** 20).toFixed(0)} MiB JSONL, batch ${o.batch}${o.initialLoad ? ', initial load' : ''}, ${o.workers ?? defaultWorkers()} workers) — ${machine()}`,
    );
    console.log(
      `  wrote ${c?.tickets} tickets, ${c?.events} events, ${c?.units} ticket_units, ${c?.callbacks} callbacks`,
    );
    console.log(
      `  jiesu import                                  ${importSeconds.toFixed(1).padStart(7)} s ${Math.round(importRate).toString().padStart(8)} rows/s`,
    );
    const { rebuildSteps, ...spans } = timings;
    const phases = Object.entries(spans)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)}`)
      .join(', ');
    console.log(`    phases, s (write overlaps read…encode): ${phases}`);
    const steps = Object.entries(rebuildSteps);
    if (steps.length > 0) {
      const sum = (kind: string) =>
        steps.filter(([k]) => k.startsWith(kind)).reduce((s, [, ms]) => s + ms, 0) / 1000;
      const slowest = [...steps]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)}`);
      console.log(
        `    rebuild, s: indexes ${sum('index ').toFixed(1)}, keys ${sum('key ').toFixed(1)}, foreign keys ${sum('foreign key ').toFixed(1)}, commit ${sum('commit').toFixed(1)}; slowest: ${slowest.join(', ')}`,
      );
    }
    const busy = machineAfter.busy - machineBefore.busy;
    const all = busy + machineAfter.idle - machineBefore.idle;
    console.log(
      `    CPU: this process (all threads) ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; the machine ${((100 * busy) / Math.max(1, all)).toFixed(0)} % busy over the import (${cpus().length} cores; the database's share is the rest)`,
    );
    console.log(
      `  COPY into (like tickets including all)        ${copySeconds.toFixed(1).padStart(7)} s ${Math.round(copyRate).toString().padStart(8)} rows/s`,
    );
    console.log(
      `  COPY into (like tickets, no indexes)          ${bareSeconds.toFixed(1).padStart(7)} s ${Math.round(bareRate).toString().padStart(8)} rows/s`,
    );
    if (o.floor) {
      const floorRate = o.rows / floorSeconds;
      console.log(
        `  COPY of all imported rows into the real tables ${floorSeconds.toFixed(1).padStart(6)} s ${Math.round(floorRate).toString().padStart(8)} rows/s`,
      );
      console.log(`  ratio import / COPY of all imported rows:  ${(importRate / floorRate).toFixed(2)}`);
      console.log(
        `  ratio COPY of all rows / COPY of tickets:  ${(floorRate / copyRate).toFixed(2)}  (the ceiling for any importer)`,
      );
    }
    console.log(`  ratio import / COPY (same shape): ${(importRate / copyRate).toFixed(2)}  (target ≥ 0.50)`);
    console.log(`  ratio import / COPY (no indexes): ${(importRate / bareRate).toFixed(2)}`);
  } finally {
    await runtime.close();
    rmSync(dump, { force: true });
    if (!o.keep) rmSync(file, { force: true });
    pg.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}
