/**
 * A worker thread of replay-pool.ts: replays and encodes the batches it is
 * sent, with the same reference data, settings and key as the importing
 * thread, and answers each with its outcome or its error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCipher } from '../security/personal-data.js';
import type { BatchPlan } from './prepare-batch.js';
import { replayAndEncode, replayEnv, type WorkerReply, type WorkerSetup } from './replay-pool.js';

const setup = workerData as WorkerSetup;
const env = replayEnv(setup, createCipher(Buffer.from(setup.secret)));
const port = parentPort;
if (!port) throw new Error('replay-worker runs as a worker thread');

port.on('message', (m: { id: number; plan: BatchPlan }) => {
  replayAndEncode(m.plan, env, setup.copy).then(
    // The COPY buffers move to the importing thread instead of being copied.
    (outcome) =>
      port.postMessage(
        { id: m.id, ok: true, outcome } satisfies WorkerReply,
        (outcome.tables ?? []).map((t) => t.data.buffer as ArrayBuffer),
      ),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ id: m.id, ok: false, message: e.message, stack: e.stack } satisfies WorkerReply);
    },
  );
});
