/**
 * Sustained mixed load on PostgreSQL: agents file tickets and read their
 * queue, dispatchers read theirs and dispatch, handlers sign, contact and
 * reply, leaders read the dashboards — all against the real server process
 * (`jiesu serve`), for ten minutes by default. Reports throughput, p50/p99
 * per route, the error count (must be 0) and the server's memory after the
 * warm-up and at the end (growth must stay under 10 %); the baseline in the
 * same run is GET /healthz on the same server.
 *   npm run bench -- load [--minutes 10] [--warmup 60] [--demo 5000] [--agents 8] [--dispatchers 2] [--handlers 4] [--leaders 4]
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { openRuntime } from '../src/runtime.js';
import { ensureSeeded } from '../src/seed/ensure-seeded.js';
import { createUser } from '../src/services/auth/create-user.js';
import { type Session, signIn, sleep } from '../test/support/crash-load.js';
import { startServer } from '../test/support/crash-server.js';
import { benchPostgres } from './support/postgres.js';
import { machine, summarise } from './support/stats.js';

interface Options {
  minutes: number;
  warmup: number;
  demo: number;
  agents: number;
  dispatchers: number;
  handlers: number;
  leaders: number;
}

function parse(args: string[]): Options {
  const get = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  return {
    minutes: get('minutes', 10),
    warmup: get('warmup', 60),
    demo: get('demo', 5000),
    agents: get('agents', 8),
    dispatchers: get('dispatchers', 2),
    handlers: get('handlers', 4),
    leaders: get('leaders', 4),
  };
}

const PASSWORD = 'Load-bench-2024';
const UNIT = 'tw-quanhe';
const secret = Buffer.alloc(32, 9).toString('hex');

class Recorder {
  readonly samples = new Map<string, number[]>();
  readonly errors = new Map<string, number>();
  requests = 0;

  async call(
    base: string,
    s: Session,
    route: string,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<unknown> {
    const started = performance.now();
    this.requests += 1;
    try {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      const ms = performance.now() - started;
      const list = this.samples.get(route) ?? [];
      list.push(ms);
      this.samples.set(route, list);
      if (res.status >= 400) {
        this.errors.set(
          `${route} ${res.status} ${text.slice(0, 120)}`,
          (this.errors.get(`${route} ${res.status} ${text.slice(0, 120)}`) ?? 0) + 1,
        );
        return null;
      }
      return text ? (JSON.parse(text) as unknown) : null;
    } catch (err) {
      const key = `${route} ${err instanceof Error ? err.message : String(err)}`;
      this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
      return null;
    }
  }
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

export default async function run(args: string[]): Promise<void> {
  const o = parse(args);
  const pg = await benchPostgres();
  const url = await pg.createDatabase('jiesu_bench_load');
  try {
    console.log(`preparing: migrate, reference data, ${o.demo} demo tickets, users…`);
    const runtime = await openRuntime({
      config: {
        ...loadConfig({ ...process.env, DATABASE_URL: url, JIESU_SECRET_KEY: secret }),
        demoTickets: o.demo,
      },
    });
    await ensureSeeded(runtime.ctx, { demoTickets: o.demo });
    const users: Record<string, string[]> = { agent: [], dispatcher: [], handler: [], supervisor: [] };
    const counts = { agent: o.agents, dispatcher: o.dispatchers, handler: o.handlers, supervisor: o.leaders };
    for (const [role, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++) {
        const username = `load-${role}-${i}`;
        await createUser(runtime.ctx, {
          username,
          password: PASSWORD,
          role,
          unitCode: role === 'handler' ? UNIT : undefined,
        });
        users[role]?.push(username);
      }
    }
    const ref = await runtime.ctx.reference.get();
    const unitId = ref.unitsByCode.get(UNIT)?.id ?? 0;
    await runtime.close();

    const server = await startServer({
      env: {
        DATABASE_URL: url,
        JIESU_SECRET_KEY: secret,
        JIESU_RATE_LIMITS: 'off',
        JIESU_SWEEP_SECONDS: '60',
        JIESU_POOL_SIZE: '20',
      },
    });
    const base = server.base;
    try {
      const sessions: Record<string, Session[]> = {};
      for (const [role, names] of Object.entries(users)) {
        sessions[role] = [];
        for (const name of names) sessions[role]?.push(await signIn(base, name, PASSWORD));
      }
      // Baseline: the same server's cheapest route, same client, 10 s.
      const baseline = new Recorder();
      const anon: Session = { cookie: '', csrf: '' };
      const until = Date.now() + 10_000;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (Date.now() < until) await baseline.call(base, anon, 'GET /healthz', 'GET', '/healthz');
        }),
      );
      const baselineRps = baseline.requests / 10;

      const rec = new Recorder();
      const toDispatch: number[] = [];
      const toHandle: number[] = [];
      const end = Date.now() + o.minutes * 60_000;
      const memory: { at: number; rss: number }[] = [];
      const started = Date.now();
      const sampler = setInterval(
        () => memory.push({ at: Date.now() - started, rss: rssOf(server.pid) }),
        5_000,
      );
      const loop = async (fn: () => Promise<void>) => {
        while (Date.now() < end) await fn();
      };
      let n = 0;
      const agent = (s: Session) => async () => {
        n += 1;
        const t = (await rec.call(base, s, 'POST /api/tickets', 'POST', '/api/tickets', {
          type: 'complaint',
          channel: 'phone',
          description: `压测工单 ${n}：泉河街道某小区路灯损坏，夜间出行不便，希望尽快修复。`,
          areaCode: '110116001',
          citizen: { name: '测试', phone: `139${String(10_000_000 + (n % 89_999_999)).padStart(8, '0')}` },
        })) as { id: number } | null;
        if (t) toDispatch.push(t.id);
        await rec.call(base, s, 'GET /api/tickets (queue)', 'GET', '/api/tickets?state=received&limit=20');
      };
      const dispatcher = (s: Session) => async () => {
        await rec.call(base, s, 'GET /api/tickets (queue)', 'GET', '/api/tickets?state=received&limit=20');
        const id = toDispatch.shift();
        if (id === undefined) return sleep(20);
        if (
          await rec.call(base, s, 'POST /api/tickets/:id/dispatch', 'POST', `/api/tickets/${id}/dispatch`, {
            mainUnitId: unitId,
          })
        )
          toHandle.push(id);
      };
      const handler = (s: Session) => async () => {
        await rec.call(
          base,
          s,
          'GET /api/tickets (queue)',
          'GET',
          '/api/tickets?mine=true&state=dispatched&limit=20',
        );
        const id = toHandle.shift();
        if (id === undefined) return sleep(20);
        await rec.call(base, s, 'POST /api/tickets/:id/sign', 'POST', `/api/tickets/${id}/sign`, {});
        await rec.call(base, s, 'POST /api/tickets/:id/contact', 'POST', `/api/tickets/${id}/contact`, {});
        await rec.call(base, s, 'POST /api/tickets/:id/reply', 'POST', `/api/tickets/${id}/reply`, {
          reply: '已修复路灯，已电话告知诉求人。',
        });
        await rec.call(base, s, 'GET /api/tickets/:id', 'GET', `/api/tickets/${id}`);
      };
      const dashboards = [
        '/api/assessment',
        '/api/analytics/breakdown?by=township',
        '/api/analytics/cards',
        '/api/open-data/summary',
        '/api/assessment/trend',
      ];
      let d = 0;
      const leader = (s: Session) => async () => {
        const path = dashboards[d++ % dashboards.length] as string;
        await rec.call(base, s, `GET ${path.split('?')[0]}`, 'GET', path);
      };
      console.log(
        `load: ${o.minutes} min, ${o.agents} agents, ${o.dispatchers} dispatchers, ${o.handlers} handlers, ${o.leaders} leaders`,
      );
      const progress = setInterval(() => {
        process.stderr.write(
          `  ${Math.round((Date.now() - started) / 1000)} s: ${rec.requests} requests, ${[...rec.errors.values()].reduce((a, b) => a + b, 0)} errors, RSS ${(rssOf(server.pid) / 2 ** 20).toFixed(0)} MiB\n`,
        );
      }, 30_000);
      await Promise.all([
        ...(sessions.agent ?? []).map((s) => loop(agent(s))),
        ...(sessions.dispatcher ?? []).map((s) => loop(dispatcher(s))),
        ...(sessions.handler ?? []).map((s) => loop(handler(s))),
        ...(sessions.supervisor ?? []).map((s) => loop(leader(s))),
      ]);
      clearInterval(sampler);
      clearInterval(progress);
      const seconds = (Date.now() - started) / 1000;
      const afterWarmup = memory.find((m) => m.at >= o.warmup * 1000) ?? memory[0];
      const last = memory[memory.length - 1];
      const growth =
        afterWarmup && last ? (100 * (last.rss - afterWarmup.rss)) / afterWarmup.rss : Number.NaN;
      const errors = [...rec.errors.values()].reduce((a, b) => a + b, 0);

      console.log(`\nmixed load on PostgreSQL, ${seconds.toFixed(0)} s — ${machine()}`);
      const table: Record<string, { n: number; rps: string; p50: string; p99: string }> = {};
      for (const [route, list] of [...rec.samples.entries()].sort()) {
        const s = summarise(list);
        table[route] = {
          n: s.n,
          rps: (s.n / seconds).toFixed(1),
          p50: s.p50.toFixed(1),
          p99: s.p99.toFixed(1),
        };
      }
      console.table(table);
      const rps = rec.requests / seconds;
      console.log(
        `throughput ${rps.toFixed(1)} req/s; baseline GET /healthz ${baselineRps.toFixed(1)} req/s (ratio ${(100 * (rps / baselineRps)).toFixed(1)} %)`,
      );
      console.log(`errors ${errors}${errors ? `: ${JSON.stringify(Object.fromEntries(rec.errors))}` : ''}`);
      console.log(
        `server RSS after ${o.warmup} s warm-up ${((afterWarmup?.rss ?? 0) / 2 ** 20).toFixed(1)} MiB, at the end ${((last?.rss ?? 0) / 2 ** 20).toFixed(1)} MiB (${growth.toFixed(1)} %, limit 10 %)`,
      );
      if (errors > 0 || growth > 10) process.exitCode = 1;
    } finally {
      await server.stop();
    }
  } finally {
    pg.stop();
  }
}
