/**
 * 批量导入 Bulk import of a legacy system's ticket history (JSONL or CSV, see
 * docs/import-format.md). Streaming: records are read, validated and
 * replayed a batch at a time; while PostgreSQL writes one batch the next is
 * read, replayed and encoded. A batch is one transaction (COPY on
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
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { sql } from 'kysely';
import type pg from 'pg';
import { AppError } from '../domain/errors.js';
import { type BatchProgress, batchStatement, sendBatch } from '../import/bulk-write.js';
import { encodeCopyBatch, sendCopyBatch, writeCopyBatch } from '../import/copy-write.js';
import type { ImportFormat, RejectedRow } from '../import/format.js';
import {
  abortInitialLoad,
  beginInitialLoad,
  finishInitialLoad,
  type InitialLoad,
} from '../import/initial-load.js';
import { Lookups } from '../import/lookups.js';
import { BatchPreparer, type PendingRow } from '../import/prepare-batch.js';
import { openRecords, type RecordSource, toObject } from '../import/read-rows.js';
import { finishRun, formatOf, identify, startRun } from '../import/runs.js';
import { validateRow } from '../import/validate.js';
import type { ServiceContext } from './context.js';
import { sweepSettings } from './sweep/ticket-clocks.js';

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
  /** connections writing batches at once on PostgreSQL (default 1: more only contend on this schema) */
  writers?: number;
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

/**
 * Where an import's time goes. Reading, preparing and encoding run on this
 * process while the batch before is being written, so `write` overlaps
 * them; `waitWrite` is the time the pipeline stood waiting for the database.
 */
export interface ImportTimings {
  /** reading, parsing and validating rows */
  read: number;
  /** duplicate and merge-target look-ups, id and number reservation */
  lookups: number;
  /** replaying histories (hash chains, encryption of personal data included) */
  replay: number;
  /** turning a batch into COPY text or the INSERT statement (search vectors included) */
  encode: number;
  /** from sending a batch to its commit, summed over batches */
  write: number;
  /** waiting for the batch before to commit */
  waitWrite: number;
  /** initial load: building the indexes and re-adding the keys, and the commit */
  rebuild: number;
  /** ANALYZE after the last batch */
  analyze: number;
}

export function emptyTimings(): ImportTimings {
  return { read: 0, lookups: 0, replay: 0, encode: 0, write: 0, waitWrite: 0, rebuild: 0, analyze: 0 };
}

const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

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
const DEFAULT_WRITERS = 1;

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
  const preparer = new BatchPreparer({
    db: ctx.db,
    lookups,
    prefix: ctx.config.ticketPrefix,
    ref,
    cipher: ctx.cipher,
    sweep,
    centreUnitId: lookups.centreUnitId,
    initial: load ? { db: load.db, counters: load.counters } : undefined,
  });

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
  // Batches are written by up to `writers` connections at once (PostgreSQL only: PGlite has one).
  // Each batch's statement commits only after the one before it (see bulk-write.ts), so the
  // run's offset still advances in file order and a failed batch fails the ones after it.
  // COPY writes one batch at a time: its transaction advances the offset only after its rows are in.
  const copyPool = ctx.kind === 'postgres' ? o.pool : undefined;
  const writers =
    ctx.kind === 'postgres' && !copyPool ? Math.max(1, Math.floor(o.writers ?? DEFAULT_WRITERS)) : 1;
  const timings = o.timings ?? emptyTimings();
  const inflight: Promise<void>[] = [];
  let failure: { error: unknown } | null = null;
  const settle = async (room: number) => {
    const start = process.hrtime.bigint();
    while (inflight.length > room) await inflight.shift();
    timings.waitWrite += msSince(start);
    if (failure) throw failure.error;
  };
  let previousEnd = run.offset;

  let pending: PendingRow[] = [];
  let early: RejectedRow[] = [];
  let lastEnd = run.offset;
  let lastLine = run.line - 1;
  const seen = new Map<string, number>();
  const now = ctx.clock();

  let flushMs = 0;
  const flush = async () => {
    const flushStart = process.hrtime.bigint();
    const rows = pending;
    const parsedRejects = early;
    const end = { offset: lastEnd, line: lastLine };
    pending = [];
    early = [];
    const prepared = await preparer.prepare(rows, timings);
    const rejects = [...parsedRejects, ...prepared.rejects].sort((a, b) => a.line - b.line);
    const rejectsReport = rejectsText(rejects);
    const progress: BatchProgress = {
      runId: run.runId,
      after: previousEnd,
      offset: end.offset,
      line: end.line,
      imported: prepared.tickets.length,
      rejected: rejects.length,
      // the report's size once this batch's rejects are written, just below
      rejectsSize: reportSize + Buffer.byteLength(rejectsReport, 'utf8'),
      at: ctx.clock(),
    };
    // Encoded before waiting for the batch in flight, so that the database is never kept waiting for it.
    const encodeStart = process.hrtime.bigint();
    let send: () => Promise<void>;
    if (load) {
      const client = load.client;
      const batch = await encodeCopyBatch(
        prepared.tickets,
        ctx.config.ticketPrefix,
        prepared.counters,
        progress,
      );
      send = () => writeCopyBatch(client, batch);
    } else if (copyPool) {
      const prefix = ctx.config.ticketPrefix;
      const batch = await encodeCopyBatch(prepared.tickets, prefix, prepared.counters, progress);
      send = () => sendCopyBatch(copyPool, batch);
    } else {
      const statement = batchStatement(
        prepared.tickets,
        ctx.config.ticketPrefix,
        prepared.counters,
        progress,
      ).compile(ctx.db);
      send = () => sendBatch(ctx.db, statement, run.runId);
    }
    timings.encode += msSince(encodeStart);
    // A merge into a ticket of a batch still in flight must wait until that batch is in.
    await settle(prepared.needsPrevious ? 0 : writers - 1);
    writeRejects(rejectsReport);
    // All or nothing: the report says which rows, and the rollback leaves the tables empty.
    if (load && rejects.length > 0)
      throw new AppError('IMPORT_INITIAL_LOAD_REJECTED', { rejected: rejects.length, file: rejectsFile });
    previousEnd = end.offset;
    const writeStart = process.hrtime.bigint();
    const write = send().then(
      () => {
        timings.write += msSince(writeStart);
        imported += progress.imported;
        rejected += progress.rejected;
        batches++;
        o.onProgress?.({ bytes: end.offset, size: id.size, imported, rejected });
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
    inflight.push(write);
    flushMs += msSince(flushStart);
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
      await finishInitialLoad(load);
      timings.rebuild += msSince(rebuildStart);
    }
  } finally {
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
