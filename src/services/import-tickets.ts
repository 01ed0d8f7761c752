/**
 * 批量导入 Bulk import of a legacy system's ticket history (JSONL or CSV, see
 * docs/import-format.md). Streaming: records are read, validated and
 * replayed a batch at a time (the pipeline: import/pipeline.ts); while
 * PostgreSQL writes one batch the next ones are read, and replayed and
 * encoded on worker threads (import/replay-pool.ts). A batch is one transaction (COPY on
 * PostgreSQL, one statement on PGlite), all-or-nothing, and carries the
 * run's committed offset, so an interrupted import resumes after its
 * last committed batch and never leaves half a batch. Bad rows never enter a
 * batch: they go to the rejects report with their line and reasons.
 *
 * `initialLoad` (go-live into empty tables, PostgreSQL only) instead runs
 * the whole file in ONE transaction with the indexes and keys dropped and
 * rebuilt at the end (see import/initial-load.ts): all of it or nothing, so
 * a rejected row, an error or an interruption rolls everything back.
 */
import { availableParallelism } from 'node:os';
import type pg from 'pg';
import { AppError } from '../domain/errors.js';
import type { ImportFormat } from '../import/format.js';
import { abortInitialLoad, beginInitialLoad, type InitialLoad } from '../import/initial-load.js';
import { Lookups } from '../import/lookups.js';
import { type ImportTimings, readAndWrite } from '../import/pipeline.js';
import { BatchPlanner } from '../import/prepare-batch.js';
import { inProcessReplayer, type Replayer, workerReplayer } from '../import/replay-pool.js';
import { formatOf, identify, startRun } from '../import/runs.js';
import type { ServiceContext } from './context.js';
import { sweepSettings } from './sweep/ticket-clocks.js';

export { emptyTimings, type ImportTimings } from '../import/pipeline.js';

export interface ImportProgress {
  /** bytes of the file read so far, and its size */
  bytes: number;
  size: number;
  imported: number;
  rejected: number;
}

export interface ImportTicketsOptions {
  file: string;
  format?: string;
  /** the rejects report; default `<file>.rejects.jsonl` */
  rejectsFile?: string;
  /** good rows per batch (per statement and transaction) */
  batchSize?: number;
  resume?: boolean;
  force?: boolean;
  /** go-live load into empty tables: one transaction, indexes and keys rebuilt at the end (needs `pool`) */
  initialLoad?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** stop cleanly after the batch in flight (Ctrl-C): the run stays resumable */
  signal?: AbortSignal;
  /**
   * Worker threads replaying and encoding batches when they go by COPY
   * (default: one per core, at most 8; 0 replays on the importing thread). Elsewhere
   * (PGlite, no pool) batches are replayed on the importing thread.
   */
  workers?: number;
  /** tests: behave as if killed right after this many batches committed */
  stopAfterBatches?: number;
  /**
   * The PostgreSQL pool behind ctx.db: batches are then written with COPY
   * FROM STDIN (see copy-write.ts). Without it, or on PGlite, each batch is
   * one INSERT … SELECT statement.
   */
  pool?: pg.Pool;
  /** filled with the milliseconds spent in each phase (the benchmark prints them) */
  timings?: ImportTimings;
}

export interface ImportTicketsResult {
  runId: number;
  format: ImportFormat;
  imported: number;
  rejected: number;
  rejectsFile: string;
  /** the run continued an interrupted one */
  resumed: boolean;
  /** the run stopped before the end of the file (signal or stopAfterBatches) */
  interrupted: boolean;
}

const DEFAULT_BATCH = 2000;

/** One per core, up to eight: each holds its own dictionary and reference data, and the database needs cores too. */
export function defaultWorkers(): number {
  return Math.min(8, availableParallelism());
}

export async function importTickets(
  ctx: ServiceContext,
  o: ImportTicketsOptions,
): Promise<ImportTicketsResult> {
  const format = formatOf(o.file, o.format);
  const id = await identify(o.file);
  const rejectsFile = o.rejectsFile ?? `${o.file}.rejects.jsonl`;
  const batchSize = Math.max(1, Math.floor(o.batchSize ?? DEFAULT_BATCH));
  // Read before an initial load locks the reference tables its foreign keys point at.
  const ref = await ctx.reference.get();
  const sweep = await sweepSettings(ctx.db, ctx.reference);
  let load: InitialLoad | null = null;
  if (o.initialLoad) {
    if (ctx.kind !== 'postgres' || !o.pool) throw new AppError('IMPORT_INITIAL_LOAD_POSTGRES_ONLY');
    if (o.resume) throw new AppError('IMPORT_INITIAL_LOAD_NO_RESUME');
    load = await beginInitialLoad(o.pool, ctx.config.ticketPrefix);
  }
  try {
    return await runImport(ctx, o, { format, id, rejectsFile, batchSize, load, ref, sweep });
  } catch (err) {
    if (load) await abortInitialLoad(load);
    throw err;
  }
}

interface RunSetup {
  format: ImportFormat;
  id: Awaited<ReturnType<typeof identify>>;
  rejectsFile: string;
  batchSize: number;
  load: InitialLoad | null;
  ref: Awaited<ReturnType<ServiceContext['reference']['get']>>;
  sweep: Awaited<ReturnType<typeof sweepSettings>>;
}

async function runImport(
  ctx: ServiceContext,
  o: ImportTicketsOptions,
  { format, id, rejectsFile, batchSize, load, ref, sweep }: RunSetup,
): Promise<ImportTicketsResult> {
  // An initial load's run row is in its transaction: rolled back, it leaves no trace either.
  const run = await startRun(load?.db ?? ctx.db, {
    id,
    format,
    rejectsPath: rejectsFile,
    resume: o.resume ?? false,
    force: o.force ?? false,
    now: ctx.clock(),
  });
  const lookups = new Lookups(ref);
  // COPY (PostgreSQL with its pool) takes binary COPY data, which worker threads can make; PGlite takes
  // one statement built here from the rows.
  const copyPool = ctx.kind === 'postgres' ? o.pool : undefined;
  // By default no more workers than the file has batches' worth of bytes to keep busy (~4 MB each):
  // a small file is not worth starting a thread per core.
  const enough = Math.ceil(id.size / (4 * 2 ** 20));
  const workers = copyPool ? Math.max(0, Math.floor(o.workers ?? Math.min(defaultWorkers(), enough))) : 0;
  // batches between planning and commit: enough to keep every worker busy while one is written
  const depth = workers + 2;
  // A batch still replaying or unwritten is invisible to queries: the planner keeps them all.
  const planner = new BatchPlanner(
    {
      db: ctx.db,
      prefix: ctx.config.ticketPrefix,
      initial: load ? { db: load.db, counters: load.counters } : undefined,
    },
    depth + 1,
  );
  const setup = {
    ref,
    sweep,
    prefix: ctx.config.ticketPrefix,
    centreUnitId: lookups.centreUnitId,
    copy: copyPool !== undefined,
  };
  const replayer: Replayer =
    workers > 0 ? workerReplayer(setup, ctx.cipher, workers) : inProcessReplayer(setup, ctx.cipher);
  try {
    return await readAndWrite(ctx, o, { format, id, rejectsFile, batchSize, load }, run, {
      lookups,
      planner,
      replayer,
      copyPool,
      depth,
    });
  } finally {
    await replayer.close();
  }
}
