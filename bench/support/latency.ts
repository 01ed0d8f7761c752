/**
 * Latency of single requests against a running server: sign in, then send
 * requests with a few in flight and record each one's time. Used by the
 * suggest and search benchmarks, which print p50/p95/p99 per series.
 */
import { summarise } from './stats.js';

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: cookies.join('; '), csrf: body.csrfToken };
}

export interface Series {
  name: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  errors: number;
}

/**
 * Runs `count` calls of `send(i)` with `concurrency` in flight after `warmup`
 * untimed ones. A call that answers other than 2xx counts as an error.
 */
export async function measure(
  name: string,
  count: number,
  send: (i: number) => Promise<Response>,
  o: { concurrency?: number; warmup?: number } = {},
): Promise<Series> {
  for (let i = 0; i < (o.warmup ?? 30); i++) await (await send(i)).arrayBuffer();
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = process.hrtime.bigint();
      const res = await send(i);
      await res.arrayBuffer();
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (res.status < 200 || res.status >= 300) errors++;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 1 }, worker));
  return { name, errors, ...summarise(samples) };
}

export function printSeries(rows: readonly Series[]): void {
  const f = (x: number) => x.toFixed(2).padStart(8);
  console.log(`${'series'.padEnd(44)}     n    p50 ms   p95 ms   p99 ms  mean ms  errors`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(44)} ${String(r.n).padStart(5)} ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${f(r.mean)}  ${r.errors}`,
    );
  }
}
