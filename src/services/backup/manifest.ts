/**
 * `manifest.json`, the first entry of a backup: what was backed up, by
 * which schema version, and every table's fingerprint at the moment of the
 * dump, which the restore checks the result against.
 */
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { type ArchiveEntry, listArchive, readEntry } from './archive.js';

export const MANIFEST_NAME = 'manifest.json';
export const PAYLOAD_NAMES = { postgres: 'database.pgdump', pglite: 'database.tar.gz' } as const;

const digest = z.object({ rows: z.number().int().min(0), hash: z.string() }).strict();

export const manifestSchema = z
  .object({
    format: z.literal('jiesu-backup'),
    version: z.literal(1),
    kind: z.enum(['postgres', 'pglite']),
    createdAt: z.string(),
    migrations: z.array(z.string()),
    tables: z.record(z.string(), digest),
    payload: z.object({ name: z.string(), bytes: z.number().int().min(0), sha256: z.string() }).strict(),
  })
  .strict();

export type BackupManifest = z.infer<typeof manifestSchema>;

export interface OpenedBackup {
  manifest: BackupManifest;
  payload: ArchiveEntry;
}

/** Reads and checks the manifest and finds the payload; any defect is BACKUP_INVALID. */
export function openBackup(file: string): OpenedBackup {
  let entries: ArchiveEntry[];
  try {
    entries = listArchive(file);
  } catch (err) {
    throw new AppError('BACKUP_INVALID', { reason: err instanceof Error ? err.message : String(err) });
  }
  const manifestEntry = entries.find((e) => e.name === MANIFEST_NAME);
  if (!manifestEntry) throw new AppError('BACKUP_INVALID', { reason: `no ${MANIFEST_NAME}` });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readEntry(file, manifestEntry).toString('utf8'));
  } catch {
    throw new AppError('BACKUP_INVALID', { reason: `${MANIFEST_NAME} is not JSON` });
  }
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success)
    throw new AppError('BACKUP_INVALID', { reason: `${MANIFEST_NAME}: ${checked.error.message}` });
  const manifest = checked.data;
  const payload = entries.find((e) => e.name === manifest.payload.name);
  if (!payload || payload.size !== manifest.payload.bytes) {
    throw new AppError('BACKUP_INVALID', { reason: `payload ${manifest.payload.name} missing or truncated` });
  }
  return { manifest, payload };
}
