/**
 * 后台任务 The background loops of a server process: the deadline sweep and
 * the outbox delivery. Each loop runs its task, waits its interval (with
 * jitter, so that several processes drift apart instead of all querying at
 * once) and runs again; a run never overlaps the previous run of the same
 * loop; a failure is logged and the loop goes on.
 *
 * Wiring in `jiesu serve`:
 *
 *   const workers = startWorkers(ctx, { sweepIntervalSeconds, outboxIntervalMs: 5000,
 *                                       transports: transportsFromEnv(process.env, ctx) });
 *   ctx.afterCommit = wakeOutboxAfterCommit(workers);
 *   … on shutdown: await workers.stop();
 */
import { refreshAssessment } from './assessment/refresh-assessment.js';
import type { ServiceContext } from './context.js';
import { runEscalationSweep } from './emergency/run-escalation-sweep.js';
import { deliverOutbox } from './outbox/deliver-outbox.js';
import type { Transport } from './outbox/transports.js';
import { runApplicationSweep } from './sweep/run-application-sweep.js';
import { runDeadlineSweep } from './sweep/run-deadline-sweep.js';

export interface WorkerLog {
  info(data: Record<string, unknown>, message: string): void;
  error(data: Record<string, unknown>, message: string): void;
}

export interface StartWorkersOptions {
  /** seconds between sweeps; 0 turns the sweep off in this process */
  sweepIntervalSeconds: number;
  /** milliseconds between outbox polls; 0 turns delivery off (wake-ups still deliver) */
  outboxIntervalMs: number;
  transports: readonly Transport[];
  /** a pino/Fastify logger fits; errors go to stderr by default */
  log?: WorkerLog;
  /** seconds between assessment refreshes 考核汇总 (folds queued ticket changes in); 0 or absent: off */
  assessmentIntervalSeconds?: number;
}

export interface Workers {
  /** stops both loops and waits for a run in progress to finish */
  stop(): Promise<void>;
  /** delivers now (after the current delivery, if one is running) instead of at the next poll */
  wakeOutbox(): void;
}

const consoleLog: WorkerLog = {
  info: () => {},
  error: (data, message) => console.error(message, data),
};

interface Loop {
  wake(): void;
  stop(): Promise<void>;
}

function jittered(ms: number): number {
  return Math.round(ms * (0.9 + 0.2 * Math.random()));
}

function startLoop(name: string, intervalMs: number, task: () => Promise<void>, log: WorkerLog): Loop {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let wakeRequested = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
    // A pending poll must not keep a process alive that is otherwise done.
    timer.unref();
  };
  const tick = () => {
    timer = null;
    if (stopped || running) return;
    running = task()
      .catch((err: unknown) => {
        log.error({ loop: name, err: err instanceof Error ? err.message : String(err) }, `${name} failed`);
      })
      .finally(() => {
        running = null;
        if (wakeRequested) {
          wakeRequested = false;
          schedule(0);
        } else if (intervalMs > 0) {
          schedule(jittered(intervalMs));
        }
      });
  };

  // The first run comes at a random point of the first interval, so processes started together spread out.
  if (intervalMs > 0) schedule(Math.round(Math.random() * intervalMs));
  return {
    wake() {
      if (stopped) return;
      if (running) wakeRequested = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

export function startWorkers(ctx: ServiceContext, options: StartWorkersOptions): Workers {
  const log = options.log ?? consoleLog;
  const loops: Loop[] = [];
  if (options.sweepIntervalSeconds > 0) {
    loops.push(
      startLoop(
        'deadline sweep',
        options.sweepIntervalSeconds * 1000,
        async () => {
          const r = await runDeadlineSweep(ctx, {
            onError: (ticketId, err) =>
              log.error(
                { ticketId, err: err instanceof Error ? err.message : String(err) },
                'deadline sweep skipped a ticket',
              ),
          });
          if (r.checked > 0) log.info({ ...r }, 'deadline sweep');
          // 全程网办 applications: the same loop, clocks in working days
          const a = await runApplicationSweep(ctx, {
            onError: (subject, err) =>
              log.error(
                { subject, err: err instanceof Error ? err.message : String(err) },
                'application sweep skipped',
              ),
          });
          if (a.checked + a.rectifications > 0) log.info({ ...a }, 'application sweep');
        },
        log,
      ),
    );
  }
  if (options.sweepIntervalSeconds > 0) {
    // 应急逐级上报: acknowledgement deadlines are minutes, so this loop runs at least every minute.
    loops.push(
      startLoop(
        'escalation sweep',
        Math.min(60, options.sweepIntervalSeconds) * 1000,
        async () => {
          const r = await runEscalationSweep(ctx, {
            onError: (incidentId, err) =>
              log.error(
                { incidentId, err: err instanceof Error ? err.message : String(err) },
                'escalation sweep skipped',
              ),
          });
          if (r.checked > 0) log.info({ ...r }, 'escalation sweep');
        },
        log,
      ),
    );
  }
  if ((options.assessmentIntervalSeconds ?? 0) > 0) {
    loops.push(
      startLoop(
        'assessment refresh',
        (options.assessmentIntervalSeconds ?? 0) * 1000,
        async () => {
          // Bounded per run: a bulk import's backlog is worked off over several runs.
          const r = await refreshAssessment(ctx, { maxBatches: 20 });
          if (r.tickets > 0) log.info({ ...r }, 'assessment refresh');
        },
        log,
      ),
    );
  }
  const outbox = startLoop(
    'outbox delivery',
    options.outboxIntervalMs,
    async () => {
      const r = await deliverOutbox(ctx, { transports: options.transports });
      if (r.sent + r.failed + r.retried > 0) log.info({ ...r }, 'outbox delivery');
    },
    log,
  );
  loops.push(outbox);
  return {
    wakeOutbox: () => outbox.wake(),
    stop: async () => {
      await Promise.all(loops.map((l) => l.stop()));
    },
  };
}

/** The `afterCommit` hook for the context: a commit that wrote outbox rows delivers them at once. */
export function wakeOutboxAfterCommit(workers: Pick<Workers, 'wakeOutbox'>): ServiceContext['afterCommit'] {
  return (what) => {
    if (what === 'outbox') workers.wakeOutbox();
  };
}
