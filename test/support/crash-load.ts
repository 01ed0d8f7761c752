/**
 * Load for the crash tests: concurrent intakes over real HTTP, each with
 * its own Idempotency-Key, remembering which were answered with success;
 * retries of the unanswered ones with the same key and body after a
 * restart; and an SMS gateway stand-in that counts the idempotency keys
 * the outbox sends it. Seeded, so a failing run can be repeated.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** mulberry32: small, fast, good enough for choosing delays and bodies. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** An SMS gateway that accepts every message, slowly enough that a kill can land mid-delivery. */
export class Receiver {
  readonly keys = new Map<string, number>();
  private server: Server | null = null;
  url = '';

  constructor(private readonly random: () => number) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const key = String(req.headers['idempotency-key'] ?? '');
      req.resume();
      req.on('end', () => {
        setTimeout(
          () => {
            this.keys.set(key, (this.keys.get(key) ?? 0) + 1);
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
          },
          Math.floor(this.random() * 40),
        );
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

export interface Intake {
  key: string;
  kind: 'staff' | 'public';
  body: string;
  /** the success status once answered (201), else null */
  status: number | null;
  ticketId: number | null;
  number: string | null;
  /** requests sent with this key */
  attempts: number;
}

export interface LoadStats {
  sent: number;
  answered: number;
  failed: number;
  /** successful answers by server address: with several processes, each must have served */
  servedBy: Record<string, number>;
}

/** Drives intakes; `records` is the ledger the verification reads. */
export class IntakeLoad {
  readonly records = new Map<string, Intake>();
  readonly stats: LoadStats = { sent: 0, answered: 0, failed: 0, servedBy: {} };
  private counter = 0;

  constructor(
    private readonly random: () => number,
    private readonly session: () => Session,
    private readonly tag: string,
  ) {}

  private next(): Intake {
    this.counter += 1;
    const key = `${this.tag}-${this.counter}`;
    const staff = this.random() < 0.7;
    const phone = `139${String(Math.floor(this.random() * 1e8)).padStart(8, '0')}`;
    const description = `崩溃测试 ${key}：泉河街道某小区路灯损坏，夜间出行不便，希望尽快修复。`;
    const body = staff
      ? {
          type: 'complaint',
          channel: 'phone',
          description,
          areaCode: '110116001',
          citizen: { name: '测试', phone },
        }
      : { type: 'help', description, areaCode: '110116001', name: '市民', phone };
    const record: Intake = {
      key,
      kind: staff ? 'staff' : 'public',
      body: JSON.stringify(body),
      status: null,
      ticketId: null,
      number: null,
      attempts: 0,
    };
    this.records.set(key, record);
    return record;
  }

  /** One attempt; returns whether it was answered with success. */
  async send(base: string, r: Intake): Promise<boolean> {
    r.attempts += 1;
    this.stats.sent += 1;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': r.key };
    if (r.kind === 'staff') {
      const s = this.session();
      headers.cookie = s.cookie;
      headers['x-csrf-token'] = s.csrf;
    }
    try {
      const res = await fetch(`${base}${r.kind === 'staff' ? '/api/tickets' : '/api/public/tickets'}`, {
        method: 'POST',
        headers,
        body: r.body,
        signal: AbortSignal.timeout(20_000),
      });
      const text = await res.text();
      if (res.status !== 201) {
        // 409 (the first attempt still in flight) and 5xx are retried later; other answers are bugs.
        if (res.status !== 409 && res.status < 500) throw new Error(`intake ${r.key}: ${res.status} ${text}`);
        this.stats.failed += 1;
        return false;
      }
      const json = JSON.parse(text) as { id?: number; number: string };
      if (r.status === 201 && r.number !== json.number) {
        throw new Error(`retry of ${r.key} answered ${json.number}, first answer was ${r.number}`);
      }
      r.status = 201;
      r.number = json.number;
      r.ticketId = json.id ?? r.ticketId;
      this.stats.answered += 1;
      this.stats.servedBy[base] = (this.stats.servedBy[base] ?? 0) + 1;
      return true;
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('intake ')) throw err;
      // Connection refused or reset: the process died or is restarting. Unanswered.
      this.stats.failed += 1;
      return false;
    }
  }

  /** Runs `concurrency` clients sending new intakes until `stop()` says so. */
  async run(bases: () => readonly string[], concurrency: number, stop: () => boolean): Promise<void> {
    let turn = 0;
    const client = async () => {
      while (!stop()) {
        const targets = bases();
        if (targets.length === 0) {
          // Every process is down: wait (a macrotask, so the restart can happen) instead of spinning.
          await sleep(50);
          continue;
        }
        const base = targets[turn++ % targets.length] as string;
        // A refused connection fails at once: back off a little so the loop never starves the event loop.
        if (!(await this.send(base, this.next()))) await sleep(20);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
  }

  unanswered(): Intake[] {
    return [...this.records.values()].filter((r) => r.status === null);
  }

  /** Sends every unanswered intake again, same key and body, until all are answered or `rounds` run out. */
  async retryUnanswered(base: string, rounds = 20): Promise<number> {
    let retried = 0;
    for (let round = 0; round < rounds; round++) {
      const open = this.unanswered();
      if (open.length === 0) break;
      for (const r of open) {
        retried += 1;
        await this.send(base, r);
      }
      if (this.unanswered().length > 0) await sleep(500);
    }
    return retried;
  }

  /** Sends answered intakes again: each must come back as the same ticket. */
  async replayAnswered(base: string, count: number): Promise<number> {
    const answered = [...this.records.values()].filter((r) => r.status === 201);
    let replayed = 0;
    for (let i = 0; i < Math.min(count, answered.length); i++) {
      const r = answered[Math.floor(this.random() * answered.length)] as Intake;
      if (await this.send(base, r)) replayed += 1;
    }
    return replayed;
  }
}
