/**
 * The import's pipeline (see services/import-tickets.ts): rows are read,
 * validated and gathered into batches; each batch is planned in file order
 * (prepare-batch.ts), replayed and encoded wherever the replayer runs
 * (replay-pool.ts), and written after the one before it, in its own
 * transaction or in the initial load's. The rejects report grows with the
 * committed batches only, so a resume finds it as the run's offset says.
 */
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { sql } from 'kysely';
import type pg from 'pg';
import { AppError } from '../domain/errors.js';
import type { ServiceContext } from '../services/context.js';
import type { ImportTicketsOptions, ImportTicketsResult } from '../services/import-tickets.js';
import { type BatchProgress, batchStatement, sendBatch } from './bulk-write.js';
import { copyBatch, sendCopyBatch, writeCopyBatch } from './copy-write.js';
import type { ImportFormat, RejectedRow } from './format.js';
import { abortInitialLoad, finishInitialLoad, type InitialLoad, type RebuildSteps } from './initial-load.js';
import type { Lookups } from './lookups.js';
import type { BatchPlanner, PendingRow, PlannedBatch } from './prepare-batch.js';
import { openRecords, type RecordSource, toObject } from './read-rows.js';
import type { Replayer, ReplayOutcome } from './replay-pool.js';
import { finishRun, type identify, type startRun } from './runs.js';
import { validateRow } from './validate.js';

/**
 * Where an import's time goes. Reading and planning run on the importing
 * thread; replaying and encoding on worker threads (summed over them) or on
 * the importing thread; all of it while batches before are being written,
 * so `write` overlaps the rest. `waitWrite` is the time reading stood
 * waiting for the pipeline, `waitReplay` the time the writer stood waiting
 * for a batch still replaying.
 */
export interface ImportTimings {
  /** reading, parsing and validating rows */
  read: number;
  /** duplicate and merge-target look-ups, id and number reservation */
  lookups: number;
  /** replaying histories (hash chains, encryption of personal data included) */
  replay: number;
  /** turning a batch into COPY data or the INSERT statement (search vectors included) */
  encode: number;
  /** from sending a batch to its commit, summed over batches */
  write: number;
  /** reading waiting for the batches ahead of it to commit */
  waitWrite: number;
  /** the writer waiting for a batch's replay */
  waitReplay: number;
  /** initial load: building the indexes and re-adding the keys, and the commit */
  rebuild: number;
  /** ANALYZE after the last batch */
  analyze: number;
  /** initial load: the rebuild's milliseconds per index, key and foreign key */
  rebuildSteps: RebuildSteps;
}

export function emptyTimings(): ImportTimings {
  return {
    read: 0,
    lookups: 0,
    replay: 0,
    encode: 0,
    write: 0,
    waitWrite: 0,
    waitReplay: 0,
    rebuild: 0,
    analyze: 0,
    rebuildSteps: {},
  };
}

const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** What the pipeline reads, and where its batches go. */
export interface PipelineRun {
  format: ImportFormat;
  id: Awaited<ReturnType<typeof identify>>;
  rejectsFile: string;
  batchSize: number;
  load: InitialLoad | null;
}

export interface Pipeline {
  lookups: Lookups;
  planner: BatchPlanner;
  replayer: Replayer;
  copyPool: pg.Pool | undefined;
  depth: number;
}

export async function readAndWrite(
  ctx: ServiceContext,
  o: ImportTicketsOptions,
  { format, id, rejectsFile, batchSize, load }: PipelineRun,
  run: Awaited<ReturnType<typeof startRun>>,
  { lookups, planner, replayer, copyPool, depth }: Pipeline,
): Promise<ImportTicketsResult> {
  // The report keeps exactly what committed batches rejected: a resume cuts off what came after.
  const report = openSync(rejectsFile, run.resumed ? 'r+' : 'w');
  ftruncateSync(report, run.rejectsSize);
  let reportSize = run.rejectsSize;
  const rejectsText = (rows: readonly RejectedRow[]) =>
    rows.length === 0 ? '' : `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  const writeRejects = (text: string) => {
    if (text !== '') reportSize += writeSync(report, text, reportSize, 'utf8');
  };

  let imported = run.imported;
  let rejected = run.rejected;
  let batches = 0;
  let interrupted = false;
  const timings = o.timings ?? emptyTimings();
  // Batches are planned in file order and replayed in parallel, then written one after the other
  // in file order: each batch's transaction advances the run's offset only after its rows are in,
  // and a failed batch fails the ones after it.
  const inflight: Promise<void>[] = [];
  let failure: { error: unknown } | null = null;
  const settle = async (room: number) => {
    const start = process.hrtime.bigint();
    while (inflight.length > room) await inflight.shift();
    timings.waitWrite += msSince(start);
    if (failure) throw failure.error;
  };
  let previousEnd = run.offset;
  let written: Promise<void> = Promise.resolve();
  /** numbers of rows the replay rejected (merges into them must fail) */
  const lost = new Set<string>();

  let pending: PendingRow[] = [];
  let early: RejectedRow[] = [];
  let lastEnd = run.offset;
  let lastLine = run.line - 1;
  const seen = new Map<string, number>();
  const now = ctx.clock();

  /** Writes one replayed batch, after the one before it. */
  const write = async (
    planned: PlannedBatch,
    replayed: Promise<ReplayOutcome>,
    parsedRejects: RejectedRow[],
    end: { offset: number; line: number },
  ) => {
    const waitStart = process.hrtime.bigint();
    let outcome = await replayed;
    timings.waitReplay += msSince(waitStart);
    // A target taken from an earlier batch as its row stated it, whose row was then rejected:
    // replayed again without it, the merges into it are rejected as merges into nothing.
    const gone = planned.assumed.filter((n) => lost.has(n));
    if (gone.length > 0) {
      const targets = planned.plan.targets.filter(([n]) => !gone.includes(n));
      outcome = await replayer.run({ ...planned.plan, targets });
    }
    for (const n of planned.plan.numbers) if (!outcome.current.has(n)) lost.add(n);
    timings.replay += outcome.ms.replay;
    timings.encode += outcome.ms.encode;
    const rejects = [...parsedRejects, ...planned.rejects, ...outcome.rejects].sort(
      (a, b) => a.line - b.line,
    );
    // All or nothing: the report says which rows, and the rollback leaves the tables empty.
    if (load && rejects.length > 0) {
      writeRejects(rejectsText(rejects));
      throw new AppError('IMPORT_INITIAL_LOAD_REJECTED', { rejected: rejects.length, file: rejectsFile });
    }
    const rejectsReport = rejectsText(rejects);
    const progress: BatchProgress = {
      runId: run.runId,
      after: previousEnd,
      offset: end.offset,
      line: end.line,
      imported: outcome.imported,
      rejected: rejects.length,
      // the report's size once this batch's rejects are written, just below
      rejectsSize: reportSize + Buffer.byteLength(rejectsReport, 'utf8'),
      at: ctx.clock(),
    };
    let send: () => Promise<void>;
    if (outcome.tables) {
      const batch = copyBatch(outcome.tables, ctx.config.ticketPrefix, outcome.counters, progress);
      const client = load?.client;
      const pool = copyPool;
      if (client) send = () => writeCopyBatch(client, batch);
      else if (pool) send = () => sendCopyBatch(pool, batch);
      else throw new Error('COPY data without a connection to send it on');
    } else {
      const encodeStart = process.hrtime.bigint();
      const statement = batchStatement(
        outcome.tickets ?? [],
        ctx.config.ticketPrefix,
        outcome.counters,
        progress,
      ).compile(ctx.db);
      timings.encode += msSince(encodeStart);
      send = () => sendBatch(ctx.db, statement, run.runId);
    }
    writeRejects(rejectsReport);
    previousEnd = end.offset;
    const writeStart = process.hrtime.bigint();
    await send();
    timings.write += msSince(writeStart);
    imported += progress.imported;
    rejected += progress.rejected;
    batches++;
    o.onProgress?.({ bytes: end.offset, size: id.size, imported, rejected });
  };

  let flushMs = 0;
  const flush = async () => {
    const flushStart = process.hrtime.bigint();
    const rows = pending;
    const parsedRejects = early;
    const end = { offset: lastEnd, line: lastLine };
    pending = [];
    early = [];
    const planned = await planner.plan(rows);
    timings.lookups += msSince(flushStart);
    const replayed = replayer.run(planned.plan);
    await settle(depth - 1);
    flushMs += msSince(flushStart);
    const step = written.then(() => write(planned, replayed, parsedRejects, end));
    written = step;
    inflight.push(
      step.then(
        () => {},
        (error: unknown) => {
          failure ??= { error };
        },
      ),
    );
  };

  let source: RecordSource | null = null;
  const loopStart = process.hrtime.bigint();
  try {
    source = await openRecords(id.path, format, { offset: run.offset, line: run.line });
    for await (const record of source.records) {
      if (Number.isFinite(record.end)) lastEnd = record.end;
      lastLine = record.lastLine;
      const parsed = toObject(record, source);
      if (!parsed.ok) {
        early.push({ line: record.line, number: null, reasons: parsed.issues, raw: parsed.raw });
      } else {
        const checked = validateRow(parsed.value, lookups, now);
        const raw = record.text ?? '';
        if (!checked.ok) {
          const number = typeof parsed.value.number === 'string' ? parsed.value.number : null;
          early.push({ line: record.line, number, reasons: checked.issues.list, raw });
        } else {
          const n = checked.ticket.number;
          const first = n ? seen.get(n) : undefined;
          if (n && first !== undefined) {
            const reason = {
              field: 'number',
              code: 'duplicate_number',
              zh: `工单编号 ${n} 与第 ${first} 行重复`,
              en: `Ticket number ${n} repeats line ${first}`,
            };
            early.push({ line: record.line, number: n, reasons: [reason], raw });
          } else {
            if (n) seen.set(n, record.line);
            pending.push({ line: record.line, ticket: checked.ticket, raw });
          }
        }
      }
      if (pending.length >= batchSize || early.length >= batchSize) {
        await flush();
        if (o.stopAfterBatches !== undefined) await settle(0);
        if ((o.stopAfterBatches !== undefined && batches >= o.stopAfterBatches) || o.signal?.aborted) {
          interrupted = true;
          break;
        }
      }
    }
    if (!interrupted && (pending.length > 0 || early.length > 0)) await flush();
    timings.read += msSince(loopStart) - flushMs;
    await settle(0);
    if (load && interrupted) {
      // Nothing of an interrupted initial load stays: it starts over, there is no resume.
      await abortInitialLoad(load);
      return { runId: run.runId, format, imported: 0, rejected: 0, rejectsFile, resumed: false, interrupted };
    }
    if (!interrupted) await finishRun(load?.db ?? ctx.db, run.runId, ctx.clock());
    if (load) {
      const rebuildStart = process.hrtime.bigint();
      await finishInitialLoad(load, timings.rebuildSteps);
      timings.rebuild += msSince(rebuildStart);
    }
  } finally {
    // An error or an interruption still lets the batches in flight finish (or fail) before the report closes.
    await Promise.allSettled(inflight);
    await source?.close();
    closeSync(report);
  }
  ctx.reference.invalidate();
  // planner statistics for the rows just loaded (see seedDemo): searches stay on the word index
  const analyzeStart = process.hrtime.bigint();
  if (imported > 0) await sql`analyze tickets, ticket_events`.execute(ctx.db);
  timings.analyze += msSince(analyzeStart);
  return { runId: run.runId, format, imported, rejected, rejectsFile, resumed: run.resumed, interrupted };
}
