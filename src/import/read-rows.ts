/**
 * From records to row objects: JSONL lines are parsed as JSON, CSV records
 * are split into cells and keyed by the header (empty cells are absent).
 * A record that cannot be read (bytes that are not UTF-8, broken JSON, a CSV
 * row with the wrong number of cells) becomes issues for the rejects report.
 */
import { AppError } from '../domain/errors.js';
import { FIELD_SET, type ImportFormat, type RowIssue } from './format.js';
import {
  parseCsvFields,
  type RawRecord,
  type ReadFrom,
  readCsvRecords,
  readJsonlRecords,
} from './records.js';

export interface RecordSource {
  format: ImportFormat;
  /** CSV column names, in file order */
  header: string[] | null;
  records: AsyncGenerator<RawRecord>;
  close(): Promise<void>;
}

const REQUIRED = ['received_at', 'channel', 'type', 'description', 'state'];

async function readHeader(path: string): Promise<{ header: string[]; end: number; line: number }> {
  const records = readCsvRecords(path);
  try {
    const first = await records.next();
    if (first.done) throw new AppError('IMPORT_HEADER_INVALID', { reason: 'the file is empty / 文件为空' });
    const r = first.value;
    if (r.text === null)
      throw new AppError('IMPORT_HEADER_INVALID', { reason: 'not UTF-8 / 表头不是 UTF-8 编码' });
    const cells = parseCsvFields(r.text);
    if (!Array.isArray(cells)) throw new AppError('IMPORT_HEADER_INVALID', { reason: cells.error });
    const header = cells.map((c) => c.trim());
    const unknown = header.filter((h) => !FIELD_SET.has(h));
    if (unknown.length > 0)
      throw new AppError('IMPORT_HEADER_INVALID', {
        reason: `unknown columns / 未知列: ${unknown.join(', ')}`,
      });
    const twice = header.filter((h, i) => header.indexOf(h) !== i);
    if (twice.length > 0)
      throw new AppError('IMPORT_HEADER_INVALID', {
        reason: `repeated columns / 重复列: ${twice.join(', ')}`,
      });
    const missing = REQUIRED.filter((h) => !header.includes(h));
    if (missing.length > 0)
      throw new AppError('IMPORT_HEADER_INVALID', {
        reason: `missing columns / 缺少列: ${missing.join(', ')}`,
      });
    return { header, end: r.end, line: r.lastLine + 1 };
  } finally {
    await records.return(undefined);
  }
}

export async function openRecords(path: string, format: ImportFormat, from: ReadFrom): Promise<RecordSource> {
  if (format === 'jsonl') {
    const records = readJsonlRecords(path, from);
    return { format, header: null, records, close: async () => void (await records.return(undefined)) };
  }
  const { header, end, line } = await readHeader(path);
  const start = from.offset === 0 ? { offset: end, line } : from;
  const records = readCsvRecords(path, start);
  return { format, header, records, close: async () => void (await records.return(undefined)) };
}

export type RowObject =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; issues: RowIssue[]; raw: string };

function fail(code: string, zh: string, en: string, raw: string): RowObject {
  return { ok: false, issues: [{ field: '', code, zh, en }], raw };
}

export function toObject(record: RawRecord, source: RecordSource): RowObject {
  if (record.text === null) {
    const at = record.badByte ?? { line: record.line, column: 0 };
    return fail(
      'invalid_utf8',
      `第 ${at.line} 行第 ${at.column} 字节不是有效的 UTF-8 编码（请将文件转存为 UTF-8）`,
      `Line ${at.line}, byte ${at.column}: not valid UTF-8 (save the file as UTF-8)`,
      '',
    );
  }
  const text = record.text;
  if (source.header === null) {
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return fail('not_object', '每行应为一个 JSON 对象', 'Each line must be one JSON object', text);
      }
      return { ok: true, value: value as Record<string, unknown> };
    } catch (err) {
      const why = (err as Error).message;
      return fail('bad_json', `不是有效的 JSON：${why}`, `Not valid JSON: ${why}`, text);
    }
  }
  if (!Number.isFinite(record.end)) {
    return fail(
      'unterminated_quote',
      '引号未闭合，记录一直延续到文件末尾',
      'A quote is never closed: the record runs to the end of the file',
      text,
    );
  }
  const cells = parseCsvFields(text);
  if (!Array.isArray(cells))
    return fail('bad_csv', `CSV 格式错误：${cells.error}`, `Malformed CSV: ${cells.error}`, text);
  const header = source.header;
  if (cells.length !== header.length) {
    return fail(
      'wrong_cell_count',
      `该行有 ${cells.length} 列，表头有 ${header.length} 列`,
      `The row has ${cells.length} cells, the header ${header.length}`,
      text,
    );
  }
  const value: Record<string, unknown> = {};
  header.forEach((h, i) => {
    const cell = cells[i] as string;
    if (cell !== '') value[h] = cell;
  });
  return { ok: true, value };
}
