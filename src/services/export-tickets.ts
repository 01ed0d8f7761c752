/**
 * 导出 Export of tickets in the interchange format of `jiesu import`
 * (docs/import-format.md), JSONL or CSV, all tickets or those received in a
 * date range. Streaming: a keyset cursor over ticket ids reads a page at a
 * time (the same SQL on PGlite and PostgreSQL, no transaction held open),
 * and each page is written before the next is read.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { sql } from 'kysely';
import type { EventRow } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { FIELDS, type ImportFormat } from '../import/format.js';
import { Lookups } from '../import/lookups.js';
import { csvField } from '../import/records.js';
import { type LegacyRow, toLegacy } from '../import/to-legacy.js';
import { parseInstant } from '../import/values.js';
import type { ServiceContext } from './context.js';

export interface ExportTicketsOptions {
  file: string;
  format?: string;
  /** received on or after this day (YYYY-MM-DD, Beijing) or instant */
  from?: string;
  /** received before the end of this day (YYYY-MM-DD, Beijing) or before this instant */
  to?: string;
  pageSize?: number;
  onProgress?: (exported: number) => void;
}

export interface ExportTicketsResult {
  format: ImportFormat;
  exported: number;
}

function bound(value: string | undefined, end: boolean): Date | null {
  if (value === undefined || value.trim() === '') return null;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
  const at = parseInstant(day ? `${value.trim()} 00:00:00` : value);
  if (at === null)
    throw new AppError('EXPORT_RANGE_INVALID', { reason: `"${value}" is not a date / 不是日期` });
  return day && end ? new Date(at.getTime() + 86_400_000) : at;
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return csvField(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return csvField(JSON.stringify(v));
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function exportTickets(
  ctx: ServiceContext,
  o: ExportTicketsOptions,
): Promise<ExportTicketsResult> {
  const format: ImportFormat =
    o.format === 'csv' || (!o.format && o.file.toLowerCase().endsWith('.csv')) ? 'csv' : 'jsonl';
  if (o.format && o.format !== 'csv' && o.format !== 'jsonl')
    throw new AppError('IMPORT_FORMAT_UNKNOWN', { file: o.file });
  const from = bound(o.from, false);
  const to = bound(o.to, true);
  if (from && to && from.getTime() >= to.getTime())
    throw new AppError('EXPORT_RANGE_INVALID', { reason: 'from is not before to / 起始不早于结束' });
  const pageSize = Math.max(1, o.pageSize ?? 1000);
  const ref = await ctx.reference.get();
  const lookups = new Lookups(ref);
  const out = createWriteStream(o.file);
  let exported = 0;
  try {
    if (format === 'csv') await write(out, `${FIELDS.join(',')}\n`);
    let after = 0;
    for (;;) {
      let q = ctx.db.selectFrom('tickets').selectAll().where('id', '>', after).orderBy('id').limit(pageSize);
      if (from) q = q.where('received_at', '>=', from);
      if (to) q = q.where('received_at', '<', to);
      const tickets = await q.execute();
      if (tickets.length === 0) break;
      const ids = tickets.map((t) => t.id);
      const [events, units] = await Promise.all([
        ctx.db
          .selectFrom('ticket_events')
          .selectAll()
          .where('ticket_id', 'in', ids)
          .orderBy('ticket_id')
          .orderBy('seq')
          .execute(),
        ctx.db
          .selectFrom('ticket_units as u')
          .innerJoin('tickets as t', (j) =>
            j.onRef('t.id', '=', 'u.ticket_id').onRef('t.dispatch_round', '=', 'u.round'),
          )
          .select(['u.ticket_id', 'u.unit_id'])
          .where('u.ticket_id', 'in', ids)
          .where('u.role', '=', 'co')
          .where('u.active', '=', true)
          .orderBy('u.ticket_id')
          .orderBy('u.assigned_at')
          .orderBy('u.unit_id')
          .execute(),
      ]);
      const byTicket = new Map<number, EventRow[]>();
      for (const e of events) {
        const list = byTicket.get(e.ticket_id) ?? [];
        list.push(e);
        byTicket.set(e.ticket_id, list);
      }
      const coUnits = new Map<number, number[]>();
      for (const u of units) coUnits.set(u.ticket_id, [...(coUnits.get(u.ticket_id) ?? []), u.unit_id]);
      const targetIds = [
        ...new Set(tickets.flatMap((t) => (t.merged_into_id === null ? [] : [t.merged_into_id]))),
      ];
      const numbers = new Map<number, string>();
      if (targetIds.length > 0) {
        const r = await sql<{
          id: number;
          number: string;
        }>`select id, number from tickets where id = any(${targetIds}::bigint[])`.execute(ctx.db);
        for (const x of r.rows) numbers.set(Number(x.id), x.number);
      }
      const env = { ref, lookups, cipher: ctx.cipher, numbers };
      const lines: string[] = [];
      for (const t of tickets) {
        const row: LegacyRow = toLegacy(t, byTicket.get(t.id) ?? [], coUnits.get(t.id) ?? [], env);
        lines.push(format === 'csv' ? FIELDS.map((f) => cell(row[f])).join(',') : JSON.stringify(row));
      }
      await write(out, `${lines.join('\n')}\n`);
      exported += tickets.length;
      o.onProgress?.(exported);
      after = tickets[tickets.length - 1]?.id ?? after;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { format, exported };
}
