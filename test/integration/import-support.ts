/** Legacy rows and checks shared by the import/export tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Executor } from '../../src/db/database.js';
import { eventHash, rowToNewEvent } from '../../src/db/repositories/ticket-events.js';

export const dir = mkdtempSync(join(tmpdir(), 'jiesu-import-'));

export function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export function jsonl(rows: readonly unknown[]): string {
  return `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`;
}

/** A ticket handled all the way: dispatched, signed, contacted, replied, called back (closed). */
export function closedRow(number: string | undefined, day = '2024-11-20'): Record<string, unknown> {
  return {
    ...(number ? { number } : {}),
    received_at: `${day} 09:00:00`,
    channel: '电话',
    type: '投诉',
    title: '小区楼道堆物无人清理',
    description: '泉河街道某小区楼道堆放杂物多日，物业不清理，存在消防隐患。',
    category: '城乡建设/物业管理',
    area: '泉河街道',
    address: '青春路 12 号院',
    citizen_name: '张三',
    citizen_phone: '13800001234',
    main_unit: 'tw-quanhe',
    state: 'closed',
    history: [
      { action: 'dispatch', at: `${day}T09:20:00+08:00`, actor_role: 'dispatcher' },
      { action: 'sign', at: `${day}T10:00:00+08:00` },
      { action: 'contact', at: `${day}T11:00:00+08:00`, reason: '已电话联系诉求人' },
      { action: 'reply', at: `${day}T16:00:00+08:00`, reason: '已督促物业清理楼道杂物。' },
      {
        action: '回访',
        at: `${day} 18:00`,
        data: { reached: true, resolved: true, satisfaction: '满意' },
        reason: '群众表示满意',
      },
    ],
  };
}

/** Every event of every ticket chains to the one before and ends in the ticket's last_event_hash. */
export async function expectHashChains(db: Executor): Promise<number> {
  const tickets = await db.selectFrom('tickets').select(['id', 'event_count', 'last_event_hash']).execute();
  const events = await db
    .selectFrom('ticket_events')
    .selectAll()
    .orderBy('ticket_id')
    .orderBy('seq')
    .execute();
  const byTicket = new Map<number, typeof events>();
  for (const e of events) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
  for (const t of tickets) {
    const list = byTicket.get(t.id) ?? [];
    expect(list.length).toBe(t.event_count);
    let previous: string | null = null;
    list.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      expect(e.hash).toBe(eventHash(previous, rowToNewEvent(e)));
      previous = e.hash;
    });
    expect(t.last_event_hash).toBe(previous);
  }
  return events.length;
}

/** Rows of a table as plain comparable values, without the columns named. */
export async function snapshot(
  db: Executor,
  table: 'tickets' | 'ticket_events' | 'ticket_units' | 'callbacks' | 'ticket_cards',
  omit: readonly string[] = [],
) {
  const order =
    table === 'tickets' ? ['id'] : table === 'ticket_events' ? ['ticket_id', 'seq'] : ['ticket_id', 'round'];
  let q = db.selectFrom(table).selectAll();
  for (const o of order) q = q.orderBy(o as never);
  const rows = (await q.execute()) as Record<string, unknown>[];
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !omit.includes(k))))
    .map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
