/**
 * Intake throughput: POST /api/tickets (validation, routing lookup, ticket
 * number, event, outbox row) at 100 concurrent connections, against a bare
 * Fastify route doing one INSERT over the same pool, in the same run.
 *   npm run bench -- intake [--seconds 30] [--connections 100] [--db pg|pglite|both]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, startChild } from './support/child-server.js';
import { benchPostgres } from './support/postgres.js';
import { machine } from './support/stats.js';

interface Options {
  seconds: number;
  connections: number;
  db: 'pg' | 'pglite' | 'both';
}

function parse(args: string[]): Options {
  const get = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    seconds: Number(get('seconds') ?? 30),
    connections: Number(get('connections') ?? 100),
    db: (get('db') ?? 'both') as Options['db'],
  };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(
  o: Options,
  url: string,
  headers: Record<string, string>,
  body: () => string,
): Promise<Figures> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: o.connections,
    duration: o.seconds,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const DESCRIPTIONS = [
  '泉河街道某小区楼下路灯损坏一周，夜间出行不便，希望尽快修复。',
  '雁栖镇某村附近工地夜间施工，噪音很大，影响休息。',
  '龙山街道某小区物业不作为，楼道垃圾多日无人清理。',
  '庙城地区某路段井盖缺失，存在安全隐患。',
];

async function runOne(kind: 'pg' | 'pglite', o: Options): Promise<void> {
  const port = await freePort();
  const baselinePort = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    BASELINE_PORT: String(baselinePort),
    JIESU_SWEEP_SECONDS: '0',
  };
  let cleanup = () => {};
  if (kind === 'pg') {
    const pg = await benchPostgres();
    env.DATABASE_URL = await pg.createDatabase('jiesu_bench_intake');
    env.JIESU_POOL_SIZE = process.env.JIESU_POOL_SIZE ?? '20';
    cleanup = () => pg.stop();
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-bench-'));
    env.JIESU_DATA_DIR = dir;
    env.DATABASE_URL = '';
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  const server = await startChild<{ password: string; kind: string }>('bench/support/bench-server.ts', env);
  try {
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-agent', password: server.ready.password }),
    });
    const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const ref = (await fetch(`${base}/api/tickets?limit=1`, { headers: { cookie } })).status;
    if (ref !== 200) throw new Error(`session check failed: ${ref}`);
    let n = 0;
    const ticketBody = () =>
      JSON.stringify({
        type: 'complaint',
        channel: 'phone',
        description: DESCRIPTIONS[n++ % DESCRIPTIONS.length],
        areaCode: '110116001',
        citizen: { name: '测试', phone: `139${String(10_000_000 + (n % 89_999_999)).padStart(8, '0')}` },
      });
    // warm-up
    await load(
      { ...o, seconds: 3 },
      `${base}/api/tickets`,
      { cookie, 'x-csrf-token': csrfToken },
      ticketBody,
    );
    const intake = await load(o, `${base}/api/tickets`, { cookie, 'x-csrf-token': csrfToken }, ticketBody);
    const baseline = await load(o, `http://127.0.0.1:${baselinePort}/baseline`, {}, () =>
      JSON.stringify({ v: `x${n++}` }),
    );
    const name = kind === 'pg' ? 'PostgreSQL' : 'PGlite';
    console.log(`\nintake on ${name}, ${o.connections} connections, ${o.seconds} s — ${machine()}`);
    console.table({
      'POST /api/tickets': intake,
      'baseline (bare INSERT)': baseline,
    });
    console.log(
      `ratio: ${(100 * (intake.rps / baseline.rps)).toFixed(1)}% of baseline throughput; intake p99 ${intake.p99} ms (target ≥ 40%, < 50 ms)`,
    );
  } finally {
    await server.stop();
    cleanup();
  }
}

export default async function run(args: string[]): Promise<void> {
  const o = parse(args);
  if (o.db === 'pg' || o.db === 'both') await runOne('pg', o);
  if (o.db === 'pglite' || o.db === 'both') await runOne('pglite', o);
}
