/**
 * Kysely types of bulk import runs 批量导入记录, in step with migration
 * 2026-11-27T0400-import-runs. Spread into `Database` in ./schema.ts.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ImportRunsTable {
  id: Generated<number>;
  path: string;
  format: string;
  size: number;
  mtime: Timestamp;
  /** SHA-256 of the file's first 64 KiB: a file rewritten in place with the same size is caught */
  fingerprint: string;
  status: string;
  /** byte offset just after the last record of the last committed batch */
  committed_offset: Generated<number>;
  /** line number of that record */
  committed_line: Generated<number>;
  imported: Generated<number>;
  rejected: Generated<number>;
  rejects_path: string | null;
  /** length of the rejects report when the last batch committed; a resume cuts the report back to it */
  rejects_size: Generated<number>;
  started_at: TimestampDefault;
  updated_at: TimestampDefault;
  finished_at: Timestamp | null;
}

export interface ImportTables {
  import_runs: ImportRunsTable;
}
