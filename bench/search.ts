/**
 * Chinese full-text search over a million tickets: GET /api/tickets?q= with
 * two-word queries newest first (pages of 50, the API's default, and of 20,
 * what the agent's search screen asks for) and by relevance, the same
 * repository call without HTTP and presentation, and a baseline bare
 * primary-key read over the same pool.
 *   npm run bench -- search [--tickets 1000000] [--requests 600] [--concurrency 1]
 * DATABASE_URL selects the PostgreSQL server (else a throwaway one); the
 * database jiesu_bench_suggest is built once and reused.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { placeAccuracyLine } from './suggest.js';
import { freePort, startChild } from './support/child-server.js';
import { intakeBenchDatabase } from './support/intake-data.js';
import { login, measure, printSeries } from './support/latency.js';
import { benchPostgres } from './support/postgres.js';
import { machine } from './support/stats.js';

/** Two words as an agent types them: a place or object and a problem, common and rare ones mixed. */
export const TWO_WORD_QUERIES = [
  '物业 楼道',
  '路灯 不亮',
  '雁栖 噪音',
  '停水 村里',
  '暖气 不热',
  '小区 停车',
  '垃圾 清运',
  '民宿 退订',
  '工地 夜间',
  '泉河 物业费',
  '燃气 泄漏',
  '公交 司机',
  '板栗 收购',
  '宅基地 翻建',
  '养老 驿站',
  '八道河 路灯',
  '慕田峪 门票',
  '电梯 困人',
  '油烟 饭馆',
  '野猪 庄稼',
];

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export default async function run(args: string[] = process.argv.slice(2)): Promise<void> {
  const tickets = option(args, 'tickets', 1_000_000);
  const requests = option(args, 'requests', 600);
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
      const session = await login(base, 'bench-dispatcher', child.ready.password);
      const headers = { cookie: session.cookie };
      const q = (i: number) => encodeURIComponent(TWO_WORD_QUERIES[i % TWO_WORD_QUERIES.length]!);
      const series = [
        await measure(
          `GET /api/tickets?q=<2 words>&limit=50 newest (c=${concurrency})`,
          requests,
          (i) => fetch(`${base}/api/tickets?q=${q(i)}&limit=50`, { headers }),
          { concurrency },
        ),
        await measure(
          `GET /api/tickets?q=<2 words> relevance (c=${concurrency})`,
          requests,
          (i) => fetch(`${base}/api/tickets?q=${q(i)}&limit=50&sort=relevance`, { headers }),
          { concurrency },
        ),
        await measure(
          `same search without HTTP and presenting (c=${concurrency})`,
          requests,
          (i) => fetch(`http://127.0.0.1:${baselinePort}/search-sql?q=${q(i)}&limit=50`),
          { concurrency },
        ),
        await measure(
          `baseline: GET ticket by primary key (c=${concurrency})`,
          requests,
          (i) => fetch(`http://127.0.0.1:${baselinePort}/baseline/${1 + ((i * 7919) % child.ready.maxId)}`),
          { concurrency },
        ),
        await measure(
          `GET /api/tickets?q=<2 words>&limit=20 newest (c=${concurrency})`,
          requests,
          (i) => fetch(`${base}/api/tickets?q=${q(i)}&limit=20`, { headers }),
          { concurrency },
        ),
      ];
      console.log(
        `\nsearch, ${tickets.toLocaleString('en')} tickets — ${machine()}, load ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
      printSeries(series);
      const [newest, relevance, , baseline, page20] = series;
      console.log(
        `search p95 / baseline p95: ${(newest!.p95 / baseline!.p95).toFixed(1)}× (relevance ${(relevance!.p95 / baseline!.p95).toFixed(1)}×); target p95 < 30 ms: ${newest!.p95 < 30 ? 'met' : 'NOT met'} at 50 a page, ${page20!.p95 < 30 ? 'met' : 'NOT met'} at 20`,
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
