/**
 * Where import batches are replayed and encoded: on worker threads when the
 * batches go to PostgreSQL by COPY, else on the importing thread. Replaying
 * (hash chains, encryption of personal data) and encoding (binary COPY with
 * the word index, cut by jieba) are nine tenths of an import's own CPU; on
 * the importing thread they left it the slowest part of the pipeline while
 * the database waited. The importing thread keeps what must happen in file
 * order — reading, validating, planning (prepare-batch.ts) and writing —
 * and a worker returns finished COPY data, so nothing but buffers crosses
 * back. Any number of batches may be replaying at once; the writer takes
 * them in order.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { cipherSecret, type PersonalDataCipher } from '../security/personal-data.js';
import type { ReferenceData } from '../services/reference-cache.js';
import type { SweepSettings } from '../services/sweep/ticket-clocks.js';
import { BatchCopy, type TableCopy } from './copy-write.js';
import type { RejectedRow } from './format.js';
import { Lookups } from './lookups.js';
import { type BatchPlan, type ReplayBatchEnv, replayBatch, type Target } from './prepare-batch.js';
import type { ReplayedTicket } from './replay.js';

/** What a replayer needs once; cloned to each worker. */
export interface ReplaySetup {
  ref: ReferenceData;
  sweep: SweepSettings;
  prefix: string;
  centreUnitId: number | null;
  /** encode COPY data (PostgreSQL); else hand back the rows for the single-statement path */
  copy: boolean;
}

/** What the writer needs of a replayed batch. */
export interface ReplayOutcome {
  rejects: RejectedRow[];
  /** highest sequence per Beijing day among the batch's numbers of the prefix */
  counters: Map<string, number>;
  /** the batch's tickets by number, as merge targets for later batches */
  current: Map<string, Target>;
  imported: number;
  /** COPY data per table, when `copy` */
  tables: TableCopy[] | null;
  /** the replayed rows, when not `copy` (only on the importing thread) */
  tickets: ReplayedTicket[] | null;
  /** milliseconds spent replaying and encoding, wherever it ran */
  ms: { replay: number; encode: number };
}

export interface Replayer {
  run(plan: BatchPlan): Promise<ReplayOutcome>;
  close(): Promise<void>;
}

const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export function replayEnv(setup: ReplaySetup, cipher: PersonalDataCipher): ReplayBatchEnv {
  return {
    ref: setup.ref,
    cipher,
    sweep: setup.sweep,
    centreUnitId: setup.centreUnitId,
    lookups: new Lookups(setup.ref),
    prefix: setup.prefix,
  };
}

/** Replays and encodes one batch, a slice at a time; `pause` yields to the event loop on the importing thread. */
export async function replayAndEncode(
  plan: BatchPlan,
  env: ReplayBatchEnv,
  copy: boolean,
  pause?: () => Promise<void>,
): Promise<ReplayOutcome> {
  const started = process.hrtime.bigint();
  let encode = 0;
  const copies = copy ? new BatchCopy() : null;
  const slice = copies
    ? (tickets: ReplayedTicket[]) => {
        const encodeStart = process.hrtime.bigint();
        copies.add(tickets);
        encode += msSince(encodeStart);
      }
    : undefined;
  const r = await replayBatch(plan, env, { pause, slice });
  const encodeStart = process.hrtime.bigint();
  const tables = copies?.finish() ?? null;
  encode += msSince(encodeStart);
  return {
    rejects: r.rejects,
    counters: r.counters,
    current: r.current,
    imported: copies ? copies.tickets : r.tickets.length,
    tables,
    tickets: copy ? null : r.tickets,
    ms: { replay: msSince(started) - encode, encode },
  };
}

/** On the importing thread, pausing between slices. */
export function inProcessReplayer(setup: ReplaySetup, cipher: PersonalDataCipher): Replayer {
  const env = replayEnv(setup, cipher);
  const pause = () => nextTurn();
  return { run: (plan) => replayAndEncode(plan, env, setup.copy, pause), close: async () => {} };
}

/** The data a worker starts with (workerData). */
export interface WorkerSetup extends ReplaySetup {
  secret: Uint8Array;
}

export type WorkerReply =
  | { id: number; ok: true; outcome: ReplayOutcome }
  | { id: number; ok: false; message: string; stack?: string };

interface Job {
  resolve: (o: ReplayOutcome) => void;
  reject: (e: Error) => void;
}

/**
 * Under the sources (tsx: development, tests, benchmarks) the worker first
 * registers tsx (replay-worker-boot.mjs); the build bundles it as
 * dist/import-worker.js beside dist/jiesu.js.
 */
function startWorker(setup: WorkerSetup): Worker {
  const here = import.meta.url;
  const entry = here.endsWith('.ts')
    ? new URL('./replay-worker-boot.mjs', here)
    : new URL('./import-worker.js', here);
  // Replay and encoding make short-lived objects by the million: a young generation larger than
  // V8's default (16 MB semi-spaces) spends about a sixth less time replaying (bench/import.ts).
  return new Worker(entry, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 128 } });
}

/** `size` worker threads; each batch goes to the one with the fewest batches waiting. */
export function workerReplayer(setup: ReplaySetup, cipher: PersonalDataCipher, size: number): Replayer {
  const data: WorkerSetup = { ...setup, secret: cipherSecret(cipher) };
  const workers = Array.from({ length: Math.max(1, size) }, () => {
    const jobs = new Map<number, Job>();
    const worker = startWorker(data);
    const slot: { worker: Worker; jobs: Map<number, Job>; dead: Error | null } = { worker, jobs, dead: null };
    const fail = (err: Error) => {
      slot.dead ??= err;
      for (const job of jobs.values()) job.reject(err);
      jobs.clear();
    };
    worker.on('message', (m: WorkerReply) => {
      const job = jobs.get(m.id);
      if (!job) return;
      jobs.delete(m.id);
      if (m.ok) job.resolve(m.outcome);
      else job.reject(Object.assign(new Error(m.message), { stack: m.stack }));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`import worker stopped (exit code ${code})`)));
    return slot;
  });
  let next = 0;
  return {
    run(plan) {
      // A worker that died fails the import: its batch cannot be replayed elsewhere in file order.
      const dead = workers.find((x) => x.dead)?.dead;
      if (dead) return Promise.reject(dead);
      const w = workers.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      const id = next++;
      // The rows' text stays here: cloning it was most of the cost of sending a plan, and only
      // rejected rows need it (their report's raw is filled in on the way back).
      const rows = plan.rows.map((r) => ({ line: r.line, ticket: r.ticket, raw: '' }));
      const raw = new Map(plan.rows.map((r) => [r.line, r.raw]));
      return new Promise<ReplayOutcome>((resolve, reject) => {
        w.jobs.set(id, {
          resolve: (o) => {
            for (const r of o.rejects) r.raw = raw.get(r.line) ?? r.raw;
            resolve(o);
          },
          reject,
        });
        w.worker.postMessage({ id, plan: { ...plan, rows } });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
