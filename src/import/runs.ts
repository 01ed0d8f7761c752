/**
 * Import runs 导入记录: recognising a file seen before (path, size,
 * modification time and a fingerprint of its head), starting a run, and
 * deciding where a `--resume` continues. The run row is the only record of
 * progress; each batch advances it in the statement that writes the batch.
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Executor } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import type { ImportFormat } from './format.js';

export interface FileIdentity {
  path: string;
  size: number;
  mtime: Date;
  fingerprint: string;
}

const HEAD_BYTES = 64 * 1024;

export async function identify(file: string): Promise<FileIdentity> {
  const path = resolve(file);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { file, reason: (err as Error).message });
  }
  if (!info.isFile()) throw new AppError('IMPORT_FILE_UNREADABLE', { file, reason: 'not a regular file' });
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    await handle.read(head, 0, head.length, 0);
    const fingerprint = createHash('sha256').update(head).digest('hex');
    return { path, size: info.size, mtime: info.mtime, fingerprint };
  } finally {
    await handle.close();
  }
}

export function formatOf(file: string, given?: string): ImportFormat {
  if (given === 'jsonl' || given === 'csv') return given;
  if (given !== undefined) throw new AppError('IMPORT_FORMAT_UNKNOWN', { file });
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'jsonl';
  throw new AppError('IMPORT_FORMAT_UNKNOWN', { file });
}

export interface RunStart {
  runId: number;
  /** where reading starts: 0 for a new run, the committed offset for a resume */
  offset: number;
  line: number;
  imported: number;
  rejected: number;
  rejectsSize: number;
  resumed: boolean;
}

export interface StartRunOptions {
  id: FileIdentity;
  format: ImportFormat;
  rejectsPath: string;
  resume: boolean;
  force: boolean;
  now: Date;
}

/**
 * Opens a run. Without --resume a file already imported (or half imported)
 * is refused unless --force, because rows without a number would be loaded
 * twice. With --resume the latest unfinished run of the same path continues,
 * provided the file is byte-for-byte what it was (size, mtime, fingerprint).
 */
export async function startRun(db: Executor, o: StartRunOptions): Promise<RunStart> {
  if (o.resume) {
    const run = await db
      .selectFrom('import_runs')
      .selectAll()
      .where('path', '=', o.id.path)
      .where('status', '=', 'running')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!run) throw new AppError('IMPORT_NOTHING_TO_RESUME', { file: o.id.path });
    const changed =
      run.size !== o.id.size
        ? 'size'
        : run.fingerprint !== o.id.fingerprint
          ? 'content'
          : run.mtime.getTime() !== o.id.mtime.getTime()
            ? 'mtime'
            : null;
    if (changed) throw new AppError('IMPORT_FILE_CHANGED', { what: changed });
    return {
      runId: run.id,
      offset: run.committed_offset,
      line: run.committed_line + 1,
      imported: run.imported,
      rejected: run.rejected,
      rejectsSize: run.rejects_size,
      resumed: true,
    };
  }
  if (!o.force) {
    const seen = await db
      .selectFrom('import_runs')
      .select(['id', 'status'])
      .where((w) => w.or([w('path', '=', o.id.path), w('fingerprint', '=', o.id.fingerprint)]))
      .where('size', '=', o.id.size)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (seen) throw new AppError('IMPORT_ALREADY_RUN', { run: seen.id, status: seen.status });
  }
  const created = await db
    .insertInto('import_runs')
    .values({
      path: o.id.path,
      format: o.format,
      size: o.id.size,
      mtime: o.id.mtime,
      fingerprint: o.id.fingerprint,
      status: 'running',
      rejects_path: o.rejectsPath,
      started_at: o.now,
      updated_at: o.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { runId: created.id, offset: 0, line: 1, imported: 0, rejected: 0, rejectsSize: 0, resumed: false };
}

export async function finishRun(db: Executor, runId: number, now: Date): Promise<void> {
  await db
    .updateTable('import_runs')
    .set({ status: 'done', finished_at: now, updated_at: now })
    .where('id', '=', runId)
    .execute();
}
