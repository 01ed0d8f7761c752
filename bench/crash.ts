/**
 * The long crash run: the real server under concurrent intake load, killed
 * with SIGKILL many times at seeded random moments and restarted, on PGlite
 * and on PostgreSQL, and on PostgreSQL also with several processes of which
 * one is killed at a time. The checks are those of the CI test
 * (test/integration/crash.test.ts), at a larger size; the baseline is the
 * same load on a process that is never killed.
 *   npm run bench -- crash [--kills 10] [--db pg|pglite|both] [--processes 3] [--concurrency 8] [--seed N]
 */
import { type CrashDb, type CrashRunReport, prepareCrashDb, runCrash } from '../test/support/crash-run.js';
import { benchPostgres } from './support/postgres.js';
import { machine } from './support/stats.js';

interface Options {
  kills: number;
  db: 'pg' | 'pglite' | 'both';
  processes: number;
  concurrency: number;
  seed: number;
}

function parse(args: string[]): Options {
  const get = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    kills: Number(get('kills') ?? 10),
    db: (get('db') ?? 'both') as Options['db'],
    processes: Number(get('processes') ?? 3),
    concurrency: Number(get('concurrency') ?? 8),
    seed: Number(get('seed') ?? Date.now() % 1_000_000),
  };
}

function problems(r: CrashRunReport): string[] {
  const f = r.findings;
  const out: string[] = [];
  if (f.acknowledged !== f.keys) out.push(`${f.keys - f.acknowledged} intakes never answered`);
  if (f.missing.length) out.push(`${f.missing.length} acknowledged intakes missing`);
  if (f.duplicated.length) out.push(`${f.duplicated.length} keys with two tickets`);
  if (f.duplicateNumbers) out.push(`${f.duplicateNumbers} duplicate ticket numbers`);
  if (!f.chain.ok) out.push(`broken chain: ${f.chain.firstBroken}`);
  if (f.cards.duplicated || f.cards.withoutEvent) out.push('double or unlogged cards');
  if (f.sms.ticketsWithoutOne || f.sms.ticketsWithTwo || f.sms.neverArrived || f.sms.unknownAtGateway)
    out.push('SMS not exactly once');
  if (f.inapp.notifications !== f.inapp.sent) out.push('in-app messages not exactly once');
  return out;
}

async function one(
  label: string,
  make: () => Promise<CrashDb>,
  kills: number,
  processes: number,
  o: Options,
  finalLoadMs = 1000,
): Promise<CrashRunReport> {
  const db = await make();
  try {
    const r = await runCrash({
      db,
      seed: o.seed,
      kills,
      killAfterMs: [1000, 8000],
      concurrency: o.concurrency,
      processes,
      overdueTickets: 40,
      finalLoadMs,
      log: (line) => process.stderr.write(`  ${label}: ${line}\n`),
    });
    const p = problems(r);
    console.log(
      `${label}: ${r.killsSurvived} kills survived, ${r.findings.acknowledged} tickets acknowledged and ${r.findings.acknowledged - r.findings.missing.length} found, ` +
        `${r.requests} requests (${(r.requests / r.seconds).toFixed(1)}/s over the whole run; ${r.retried} retries, ${r.replayed} replays), ${r.findings.cards.issued} cards, ` +
        `${r.findings.sms.sent} SMS (${r.findings.sms.resent} resent with the same key), ${r.seconds} s — ${p.length ? `PROBLEMS: ${p.join('; ')}` : 'all checks hold'}`,
    );
    if (p.length) process.exitCode = 1;
    return r;
  } finally {
    await db.cleanup();
  }
}

export default async function run(args: string[]): Promise<void> {
  const o = parse(args);
  console.log(`crash runs, seed ${o.seed}, ${o.kills} kills each — ${machine()}`);
  const reports: CrashRunReport[] = [];
  if (o.db === 'pglite' || o.db === 'both') {
    // Baseline: the same load without kills, for the throughput ratio.
    const calm = await one('PGlite, no kills (baseline)', () => prepareCrashDb({}), 0, 1, o, o.kills * 4500);
    const hit = await one('PGlite, 1 process', () => prepareCrashDb({}), o.kills, 1, o);
    reports.push(calm, hit);
  }
  if (o.db === 'pg' || o.db === 'both') {
    const pg = await benchPostgres();
    try {
      const calm = await one(
        'PostgreSQL, no kills (baseline)',
        () => prepareCrashDb({ pgUrl: pg.url }),
        0,
        1,
        o,
        o.kills * 4500,
      );
      const hit = await one('PostgreSQL, 1 process', () => prepareCrashDb({ pgUrl: pg.url }), o.kills, 1, o);
      const many = await one(
        `PostgreSQL, ${o.processes} processes`,
        () => prepareCrashDb({ pgUrl: pg.url }),
        o.kills,
        o.processes,
        o,
      );
      reports.push(calm, hit, many);
    } finally {
      pg.stop();
    }
  }
  const kills = reports.reduce((n, r) => n + r.killsSurvived, 0);
  const acknowledged = reports.reduce((n, r) => n + r.findings.acknowledged, 0);
  const found = reports.reduce((n, r) => n + r.findings.acknowledged - r.findings.missing.length, 0);
  console.log(
    `\ntotal: ${kills} kills survived; ${acknowledged} tickets acknowledged, ${found} found exactly once`,
  );
}
