/**
 * POST /api/intake/suggest latency with a million tickets in PostgreSQL:
 * category, hints, place, units (rules + history), similar tickets and
 * knowledge answers for one text. Baseline in the same run: a bare route
 * reading one ticket by primary key over the same pool. Also prints the
 * place parser's accuracy on the labelled set.
 *   npm run bench -- suggest [--tickets 1000000] [--requests 1000] [--concurrency 1]
 * DATABASE_URL selects the PostgreSQL server (else a throwaway one); the
 * database jiesu_bench_suggest is built once and reused.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { evaluatePlaces, readPlaceExamples } from '../src/nlp/places/evaluate.js';
import { createPlaceParser } from '../src/nlp/places/parser.js';
import { seedAreas } from '../src/nlp/places/seed-areas.js';
import { freePort, startChild } from './support/child-server.js';
import { intakeBenchDatabase } from './support/intake-data.js';
import { login, measure, printSeries } from './support/latency.js';
import { benchPostgres } from './support/postgres.js';
import { machine } from './support/stats.js';

const FIXTURE = join(import.meta.dirname, '..', 'test', 'fixtures', 'place-requests.jsonl');

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export function placeAccuracyLine(): string {
  const a = evaluatePlaces(createPlaceParser(seedAreas()), readPlaceExamples(FIXTURE));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `place parser on ${a.n} labelled requests: township ${pct(a.township)}, village ${pct(a.village)} (of ${a.villageN}), none ${pct(a.none)} (of ${a.noneN}), ambiguous left open ${pct(a.ambiguous)} (of ${a.ambiguousN}), exact ${pct(a.exact)}`;
}

export default async function run(args: string[] = process.argv.slice(2)): Promise<void> {
  const tickets = option(args, 'tickets', 1_000_000);
  const requests = option(args, 'requests', 1000);
  const concurrency = option(args, 'concurrency', 1);
  const server = await benchPostgres();
  try {
    const url = await intakeBenchDatabase(server.url, 'jiesu_bench_suggest', tickets);
    const port = await freePort();
    const baselinePort = await freePort();
    const child = await startChild<{ password: string; maxId: number }>(
      join(import.meta.dirname, 'support', 'intake-server.ts'),
      { DATABASE_URL: url, PORT: String(port), BASELINE_PORT: String(baselinePort), JIESU_POOL_SIZE: '10' },
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      const session = await login(base, 'bench-agent', child.ready.password);
      const texts = readPlaceExamples(FIXTURE).map((e) => ({ text: e.text, address: e.address ?? null }));
      const headers = {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
      };
      const suggest = await measure(
        `POST /api/intake/suggest (c=${concurrency})`,
        requests,
        (i) =>
          fetch(`${base}/api/intake/suggest`, {
            method: 'POST',
            headers,
            body: JSON.stringify(texts[i % texts.length]),
          }),
        { concurrency },
      );
      const baseline = await measure(
        `baseline: GET ticket by primary key (c=${concurrency})`,
        requests,
        (i) => fetch(`http://127.0.0.1:${baselinePort}/baseline/${1 + ((i * 7919) % child.ready.maxId)}`),
        { concurrency },
      );
      console.log(
        `\nsuggest, ${tickets.toLocaleString('en')} tickets — ${machine()}, load ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
      printSeries([suggest, baseline]);
      console.log(
        `suggest p95 / baseline p95: ${(suggest.p95 / baseline.p95).toFixed(1)}×; target p95 < 30 ms: ${suggest.p95 < 30 ? 'met' : 'NOT met'}`,
      );
      console.log(placeAccuracyLine());
    } finally {
      await child.stop();
    }
  } finally {
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
