/**
 * Any report table as CSV (UTF-8 with a byte-order mark, so that Excel opens
 * Chinese text correctly) or XLSX, with bilingual headers.
 */
import type { FastifyReply } from 'fastify';
import { writeXlsx, type XlsxCell } from '../../shared/xlsx.js';

export interface TableColumn<T> {
  /** `中文 English` */
  header: string;
  value: (row: T) => XlsxCell;
}

export interface ExportTable<T> {
  /** file and sheet name, ASCII */
  name: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
}

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const BOM = '\uFEFF';

/**
 * A text a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe: exported ticket titles are written by the public.
 */
function csvField(value: XlsxCell): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(table: ExportTable<T>): string {
  const lines = [table.columns.map((c) => csvField(c.header)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(c.value(row))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function toXlsx<T>(table: ExportTable<T>): Buffer {
  return writeXlsx({
    name: table.name,
    header: table.columns.map((c) => c.header),
    rows: table.rows.map((r) => table.columns.map((c) => c.value(r))),
  });
}

/** Sends the table as a download; returns false for `json` (the caller sends its own JSON). */
export function sendTable<T>(reply: FastifyReply, format: ExportFormat, table: ExportTable<T>): boolean {
  if (format === 'json') return false;
  const file = table.name.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (format === 'csv') {
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}.csv"`)
      .send(toCsv(table));
  } else {
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${file}.xlsx"`)
      .send(toXlsx(table));
  }
  return true;
}

/** A share 0–1 as a percentage with one decimal, for exported tables. */
export function pct(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 10;
}
