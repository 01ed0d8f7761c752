/**
 * Assessment 考核 at scale, on a PostgreSQL server (DATABASE_URL, or a
 * throwaway server): generates N handled tickets, builds the aggregates, then
 * times, in the same run and on the same data,
 *   - the assessment of all units for one month (ranks, previous month and
 *     baseline year included) from the aggregates, against the same figures
 *     recomputed from raw tickets (also with a temporary index on
 *     callback_at, so the baseline is not a straw man);
 *   - the trend by month over all years of one unit;
 *   - the incremental refresh: a burst of changed tickets, and one change.
 * Both ways must give the same counts, which the run checks.
 *
 *   npx tsx bench/assessment.ts --tickets 1000000 [--runs 50] [--raw-runs 5]
 *       [--generator sql|demo] [--years 5] [--reuse]
 *   npm run bench -- assessment [same options]
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { rankWithinGroups, ratesOf } from '../src/domain/assessment.js';
import {
  addMonths,
  baselinePeriod,
  monthRange,
  type Period,
  previousPeriod,
} from '../src/domain/assessment-period.js';
import { createCipher } from '../src/security/personal-data.js';
import { seedDemo } from '../src/seed/demo/seed-demo.js';
import { seedReference } from '../src/seed/seed-reference.js';
import { assessUnits } from '../src/services/assessment/assess-units.js';
import { loadAssessmentSettings } from '../src/services/assessment/assessment-settings.js';
import { assessmentTrend } from '../src/services/assessment/assessment-trend.js';
import { assessFromRawTickets } from '../src/services/assessment/recompute-assessment.js';
import { rebuildAssessment, refreshAssessment } from '../src/services/assessment/refresh-assessment.js';
import { createContext, type ServiceContext } from '../src/services/context.js';
import { generateTickets } from './support/assessment-data.js';
import { benchPostgres } from './support/postgres.js';
import { machine, summarise, timeIt } from './support/stats.js';

interface Options {
  tickets: number;
  runs: number;
  rawRuns: number;
  generator: 'sql' | 'demo';
  years: number;
  reuse: boolean;
}

function parse(args: string[]): Options {
  const get = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    tickets: Number(get('tickets') ?? 1_000_000),
    runs: Math.max(50, Number(get('runs') ?? 50)),
    rawRuns: Math.max(3, Number(get('raw-runs') ?? 5)),
    generator: get('generator') === 'demo' ? 'demo' : 'sql',
    years: Number(get('years') ?? 5),
    reuse: args.includes('--reuse'),
  };
}

const UNTIL = new Date('2026-11-26T10:00:00+08:00');
const MONTH = '2026-10';

async function times(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm the caches and the plan
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await timeIt(fn));
  return out;
}

/** The same table as assessUnits, from raw tickets: three scans (period, previous, baseline) and the ranking. */
async function rawAssessment(ctx: ServiceContext, period: Period) {
  const settings = await loadAssessmentSettings(ctx.db);
  const ref = await ctx.reference.get();
  const [now, before] = await Promise.all(
    [period, previousPeriod(period), baselinePeriod(settings.baselineYear)].map((p) =>
      assessFromRawTickets(ctx, p.range),
    ),
  );
  const score = (rows: NonNullable<typeof now>) =>
    rankWithinGroups(
      rows.map((r) => ({
        id: r.unitId,
        group: ref.units.get(r.unitId)?.peer_group ?? '',
        composite: ratesOf(r.counts, settings).composite,
      })),
    );
  return { rows: now ?? [], ranks: score(now ?? []), previous: score(before ?? []) };
}

async function load(ctx: ServiceContext, o: Options): Promise<void> {
  const since = `${addMonths(MONTH, -12 * o.years + 1)}`;
  let last = 0;
  const progress = (done: number) => {
    if (done - last >= o.tickets / 10 || done === o.tickets) {
      last = done;
      process.stderr.write(`  generated ${done}/${o.tickets}\n`);
    }
  };
  const ms = await timeIt(async () => {
    if (o.generator === 'demo') {
      await seedDemo(ctx, {
        tickets: o.tickets,
        since,
        until: UNTIL,
        seed: 7,
        batchSize: 2000,
        onProgress: progress,
      });
    } else {
      await generateTickets(ctx.db, await ctx.reference.get(), {
        tickets: o.tickets,
        since: new Date(`${since}-01T00:00:00+08:00`),
        until: UNTIL,
        onProgress: progress,
      });
    }
  });
  console.log(
    `generated ${o.tickets} tickets (${o.generator}) since ${since} in ${(ms / 1000).toFixed(1)} s`,
  );
  await sql`analyze`.execute(ctx.db);
}

export default async function run(args: string[] = process.argv.slice(2)): Promise<void> {
  const o = parse(args);
  const server = await benchPostgres();
  const name = 'jiesu_bench_assessment';
  const url = o.reuse ? new URL(`/${name}`, server.url).toString() : await server.createDatabase(name);
  const handle = await openDatabase({ url, poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    const config = { ...loadConfig({}), demoTickets: 0, sweepIntervalSeconds: 0 };
    const ctx = createContext({ handle, config, cipher: createCipher(randomBytes(32)), clock: () => UNTIL });
    if (!o.reuse) {
      await seedReference(handle.db);
      ctx.reference.invalidate();
      await load(ctx, o);
    }
    const count = Number(
      (await sql<{ n: number }>`select count(*)::bigint as n from tickets`.execute(handle.db)).rows[0]?.n ??
        0,
    );
    const rebuildMs = await timeIt(() => rebuildAssessment(ctx));
    await sql`analyze`.execute(handle.db);

    const period: Period = { kind: 'month', label: MONTH, range: monthRange(MONTH) };
    const reach = { kind: 'all' } as const;
    // Same counts both ways, or the comparison means nothing.
    const table = await assessUnits(ctx, { period, reach });
    const raw = await rawAssessment(ctx, period);
    const fromCubes = new Map(table.groups.flatMap((g) => g.units).map((u) => [u.unit.id, u.counts.tickets]));
    const mismatches = raw.rows.filter((r) => fromCubes.get(r.unitId) !== r.counts.tickets);
    if (mismatches.length > 0)
      throw new Error(`aggregates and raw tickets disagree for ${mismatches.length} units`);
    const assessed = raw.rows.reduce((a, r) => a + r.counts.tickets, 0);

    const agg = summarise(await times(o.runs, () => assessUnits(ctx, { period, reach })));
    const rawScan = summarise(await times(o.rawRuns, () => rawAssessment(ctx, period)));
    await sql`create index bench_tickets_callback on tickets (callback_at)`.execute(handle.db);
    await sql`analyze tickets`.execute(handle.db);
    const rawIndexed = summarise(await times(o.rawRuns, () => rawAssessment(ctx, period)));
    await sql`drop index bench_tickets_callback`.execute(handle.db);

    const unit = [...(await ctx.reference.get()).townshipUnits.values()][0];
    if (!unit) throw new Error('no township unit');
    const trend = summarise(await times(o.runs, () => assessmentTrend(ctx, { unitId: unit.id, reach })));
    const months = (await assessmentTrend(ctx, { unitId: unit.id, reach })).months.length;

    // A burst of changes (exemptions granted), then a single one: what the worker and a reader pay.
    const burst = 10_000;
    await sql`update tickets set exempt = not exempt where id in (
      select id from tickets where callback_at is not null order by id desc limit ${burst})`.execute(
      handle.db,
    );
    const burstMs = await timeIt(() => refreshAssessment(ctx, { batchSize: 5000 }));
    const single: number[] = [];
    for (let i = 0; i < 20; i++) {
      await sql`update tickets set exempt = not exempt where id = (select max(id) - ${i} from tickets)`.execute(
        handle.db,
      );
      single.push(await timeIt(() => refreshAssessment(ctx)));
    }
    const one = summarise(single);

    const f = (x: number) => +x.toFixed(2);
    const cpuLoad = loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(
      `\nassessment on PostgreSQL — ${count.toLocaleString('en')} tickets — ${machine()}, load ${cpuLoad}`,
    );
    console.log(
      `month ${MONTH}: ${assessed.toLocaleString('en')} tickets called back, ${raw.rows.length} units`,
    );
    console.table({
      'assessment, all units, from aggregates': { runs: agg.n, p50_ms: f(agg.p50), p95_ms: f(agg.p95) },
      'same, recomputed from raw tickets (no index on callback_at)': {
        runs: rawScan.n,
        p50_ms: f(rawScan.p50),
        p95_ms: f(rawScan.p95),
      },
      'same, recomputed from raw tickets (with an index on callback_at)': {
        runs: rawIndexed.n,
        p50_ms: f(rawIndexed.p50),
        p95_ms: f(rawIndexed.p95),
      },
      [`trend of one unit, ${months} months`]: { runs: trend.n, p50_ms: f(trend.p50), p95_ms: f(trend.p95) },
      'refresh after one changed ticket': { runs: one.n, p50_ms: f(one.p50), p95_ms: f(one.p95) },
    });
    console.log(
      `speed-up over raw (p50): ${f(rawScan.p50 / agg.p50)}× without index, ${f(rawIndexed.p50 / agg.p50)}× with index`,
    );
    console.log(
      `full rebuild of the aggregates: ${f(rebuildMs / 1000)} s (${Math.round((count * 1000) / rebuildMs)} tickets/s)`,
    );
    console.log(
      `incremental refresh of ${burst} changed tickets: ${f(burstMs / 1000)} s (${Math.round((burst * 1000) / burstMs)} tickets/s)`,
    );
    const ok = agg.p95 < 100 && trend.p95 < 100 && rawScan.p50 / agg.p50 >= 20;
    console.log(`targets (p95 < 100 ms, ≥ 20× raw): ${ok ? 'met' : 'NOT met'}`);
  } finally {
    await handle.close();
    server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
