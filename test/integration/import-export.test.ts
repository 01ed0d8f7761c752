/**
 * Bulk import 批量导入 and export 导出 of legacy tickets, on the database the
 * suite runs on (PGlite, or PostgreSQL with DATABASE_URL): good rows load
 * with the events, hash chain and callbacks the live use cases write, bad
 * rows go to the rejects report, an interrupted import resumes exactly once,
 * and export → import round-trips field by field.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/domain/errors.js';
import type { RejectedRow } from '../../src/import/format.js';
import { exportTickets } from '../../src/services/export-tickets.js';
import { importTickets } from '../../src/services/import-tickets.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { intakeTicket } from '../../src/services/tickets/intake-ticket.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { recordContact } from '../../src/services/tickets/record-contact.js';
import { replyTicket } from '../../src/services/tickets/reply-ticket.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';
import { actor, categoryId, unitId } from '../support/factories.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { closedRow, dir, expectHashChains, file, jsonl, snapshot } from './import-support.js';

function rejects(path: string): RejectedRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as RejectedRow);
}

describe('import of a file with good and bad rows', () => {
  let rt: TestRuntime;
  let report: RejectedRow[];
  let result: Awaited<ReturnType<typeof importTickets>>;

  beforeAll(async () => {
    rt = await openTestRuntime();
    // A ticket already in the database, whose number the file repeats.
    const existing = await intakeTicket(rt.ctx, {
      actor: actor('agent'),
      channel: 'phone',
      type: 'inquiry',
      description: '已有工单',
    });
    const good = closedRow('HR24112000001');
    const lines = [
      JSON.stringify(good), // 1 good
      JSON.stringify({ ...closedRow('HR24112000002'), received_at: '2024-02-30 09:00:00' }), // 2 bad date
      JSON.stringify({ ...closedRow('HR24112000003'), category: '城乡建设/不存在的分类' }), // 3 unknown category
      '', // 4 blank: skipped
      JSON.stringify(closedRow('HR24112000004')).replace('张三', 'ZZBADBYTESZZ'), // 5 invalid UTF-8 (below)
      JSON.stringify(closedRow('HR24112000001')), // 6 duplicate within the file
      JSON.stringify(closedRow(existing.number)), // 7 duplicate of the database
      JSON.stringify({
        ...closedRow('HR24112000005'),
        history: (good.history as object[]).filter((_, i) => i !== 1),
      }), // 8 contact before sign
      JSON.stringify({ ...closedRow('HR24112000006'), state: 'replied' }), // 9 state mismatch
      JSON.stringify({ ...closedRow(undefined), channel: 'web', anonymous: true }), // 10 good, numbered on import
      '{"number": "HR24112000007", ', // 11 broken JSON
    ];
    let content = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    // 张三 in GBK, as a legacy system's export might carry it.
    const at = content.indexOf('ZZBADBYTESZZ');
    content = Buffer.concat([
      content.subarray(0, at),
      Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
      content.subarray(at + 12),
    ]);
    const path = file('mixed.jsonl', content);
    result = await importTickets(rt.ctx, { pool: rt.handle.pool, file: path, batchSize: 3 });
    report = rejects(result.rejectsFile);
  });

  afterAll(async () => {
    await rt.close();
  });

  it('loads the good rows and rejects the bad ones, each with its line and reason', () => {
    expect(result.imported).toBe(2);
    expect(result.rejected).toBe(8);
    const byLine = new Map(report.map((r) => [r.line, r.reasons.map((x) => x.code)]));
    expect([...byLine.keys()]).toEqual([2, 3, 5, 6, 7, 8, 9, 11]);
    expect(byLine.get(2)).toContain('bad_date');
    expect(byLine.get(3)).toContain('unknown_category');
    expect(byLine.get(5)).toEqual(['invalid_utf8']);
    expect(byLine.get(6)).toEqual(['duplicate_number']);
    expect(byLine.get(7)).toEqual(['duplicate_number']);
    expect(byLine.get(8)).toEqual(['TRANSITION_NOT_ALLOWED']);
    expect(byLine.get(9)).toEqual(['state_mismatch']);
    expect(byLine.get(11)).toEqual(['bad_json']);
    for (const r of report) for (const reason of r.reasons) expect(reason.zh && reason.en).toBeTruthy();
    expect(report.find((r) => r.line === 6)?.reasons[0]?.en).toContain('line 1');
    expect(report.find((r) => r.line === 5)?.reasons[0]?.zh).toContain('UTF-8');
  });

  it('writes what the live use cases write: row, units, events with public flags, callback', async () => {
    const db = rt.ctx.db;
    const t = await db
      .selectFrom('tickets')
      .selectAll()
      .where('number', '=', 'HR24112000001')
      .executeTakeFirstOrThrow();
    expect(t.state).toBe('closed');
    expect(t.main_unit_id).toBe(await unitId(rt.ctx, 'tw-quanhe'));
    expect(t.category_id).toBe(await categoryId(rt.ctx, 'urban-property'));
    expect(t.received_at.toISOString()).toBe('2024-11-20T01:00:00.000Z');
    expect(t.sign_due_at?.toISOString()).toBe('2024-11-20T03:20:00.000Z');
    expect(t.callback_satisfaction).toBe('satisfied');
    expect(t.citizen_phone_masked).toBe('138****1234');
    expect(t.citizen_phone_enc).not.toContain('1380000');
    expect(rt.ctx.cipher.decrypt(t.citizen_name_enc ?? '')).toBe('张三');
    expect(t.citizen_phone_hash).toBe(rt.ctx.cipher.hashPhone('13800001234'));
    const events = await db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.action, e.public])).toEqual([
      ['intake', true],
      ['dispatch', true],
      ['sign', true],
      ['contact', true],
      ['reply', true],
      ['callback', true],
    ]);
    const units = await db.selectFrom('ticket_units').selectAll().where('ticket_id', '=', t.id).execute();
    expect(units).toHaveLength(1);
    expect(units[0]?.signed_at?.toISOString()).toBe('2024-11-20T02:00:00.000Z');
    const callbacks = await db.selectFrom('callbacks').selectAll().where('ticket_id', '=', t.id).execute();
    expect(callbacks.map((c) => [c.via, c.reached, c.resolved, c.satisfaction, c.comment])).toEqual([
      ['phone', true, true, 'satisfied', '群众表示满意'],
    ]);
    const numbered = await db
      .selectFrom('tickets')
      .select(['number', 'anonymous', 'citizen_name_enc'])
      .where('channel', '=', 'web')
      .executeTakeFirstOrThrow();
    expect(numbered.number).toMatch(/^HR241120\d{5}$/);
    expect(numbered.anonymous).toBe(true);
    expect(numbered.citizen_name_enc).toBeNull();
    expect(await expectHashChains(db)).toBeGreaterThan(12);
  });

  it('equals, column for column, the same story told through the live use cases', async () => {
    const ctx = rt.ctx;
    const centre = actor('dispatcher', [await unitId(ctx, 'centre')]);
    const handler = actor('handler', [await unitId(ctx, 'tw-quanhe')]);
    rt.clock.set('2024-11-20T09:00:00+08:00');
    const live = await intakeTicket(ctx, {
      actor: actor('system'),
      channel: 'phone',
      type: 'complaint',
      title: '小区楼道堆物无人清理',
      description: '泉河街道某小区楼道堆放杂物多日，物业不清理，存在消防隐患。',
      categoryId: await categoryId(ctx, 'urban-property'),
      areaCode: '110116001',
      address: '青春路 12 号院',
      citizen: { name: '张三', phone: '13800001234' },
      receivedAt: new Date('2024-11-20T09:00:00+08:00'),
    });
    rt.clock.set('2024-11-20T09:20:00+08:00');
    await dispatchTicket(ctx, { ticketId: live.id, actor: centre, mainUnitId: handler.unitIds[0] as number });
    rt.clock.set('2024-11-20T10:00:00+08:00');
    await signTicket(ctx, { ticketId: live.id, actor: handler });
    rt.clock.set('2024-11-20T11:00:00+08:00');
    await recordContact(ctx, { ticketId: live.id, actor: handler, note: '已电话联系诉求人' });
    rt.clock.set('2024-11-20T16:00:00+08:00');
    await replyTicket(ctx, { ticketId: live.id, actor: handler, reply: '已督促物业清理楼道杂物。' });
    rt.clock.set('2024-11-20T18:00:00+08:00');
    await recordCallback(ctx, {
      ticketId: live.id,
      actor: centre,
      reached: true,
      resolved: true,
      satisfaction: 'satisfied',
      comment: '群众表示满意',
    });

    const omit = [
      'id',
      'number',
      'ticket_id',
      'hash',
      'last_event_hash',
      'citizen_name_enc',
      'citizen_phone_enc',
    ];
    const pick = async (id: number) => ({
      row: JSON.parse(
        JSON.stringify(
          await ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        ),
      ) as Record<string, unknown>,
      events: JSON.parse(
        JSON.stringify(
          await ctx.db
            .selectFrom('ticket_events')
            .selectAll()
            .where('ticket_id', '=', id)
            .orderBy('seq')
            .execute(),
        ),
      ) as Record<string, unknown>[],
    });
    const imported = await ctx.db
      .selectFrom('tickets')
      .select('id')
      .where('number', '=', 'HR24112000001')
      .executeTakeFirstOrThrow();
    const a = await pick(imported.id);
    const b = await pick(live.id);
    const strip = (r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !omit.includes(k)));
    expect(strip(a.row)).toEqual(strip(b.row));
    expect(a.events.map(strip)).toEqual(b.events.map(strip));
  });
});

describe('resume after an interruption', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await openTestRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('continues after the last committed batch and imports every row exactly once', async () => {
    // Rows without numbers: a second load of any of them would be a silent duplicate.
    const rows = Array.from({ length: 10 }, (_, i) => ({
      ...closedRow(undefined, `2024-11-${String(10 + i).padStart(2, '0')}`),
    }));
    rows.splice(4, 0, { ...closedRow(undefined), received_at: 'yesterday' });
    const path = file('resume.jsonl', jsonl(rows));
    const first = await importTickets(rt.ctx, {
      pool: rt.handle.pool,
      file: path,
      batchSize: 3,
      stopAfterBatches: 1,
    });
    expect(first).toMatchObject({ imported: 3, rejected: 0, interrupted: true });
    await expect(importTickets(rt.ctx, { pool: rt.handle.pool, file: path, batchSize: 3 })).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.code === 'IMPORT_ALREADY_RUN',
    );
    const second = await importTickets(rt.ctx, {
      pool: rt.handle.pool,
      file: path,
      batchSize: 3,
      resume: true,
    });
    expect(second).toMatchObject({ imported: 10, rejected: 1, resumed: true, interrupted: false });
    const numbers = await rt.ctx.db.selectFrom('tickets').select('number').execute();
    expect(numbers).toHaveLength(10);
    expect(new Set(numbers.map((n) => n.number)).size).toBe(10);
    expect(rejects(second.rejectsFile).map((r) => r.line)).toEqual([5]);
    const run = await rt.ctx.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', second.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'done', imported: 10, rejected: 1, committed_line: 11 });
    await expect(importTickets(rt.ctx, { pool: rt.handle.pool, file: path, resume: true })).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.code === 'IMPORT_NOTHING_TO_RESUME',
    );
    await expectHashChains(rt.ctx.db);
  });
});

describe('export and import again', () => {
  let a: TestRuntime;
  let b: TestRuntime;
  beforeAll(async () => {
    a = await openTestRuntime();
    b = await openTestRuntime();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  for (const format of ['jsonl', 'csv'] as const) {
    it(`round-trips through ${format}: the same rows, events and hashes`, async () => {
      const open = closedRow(undefined, '2024-11-16');
      const rows = [
        closedRow('HR24111500001', '2024-11-15'),
        {
          ...open,
          description: '楼道堆物，\n第二行写着 "物业, 不管"。',
          state: 'in_progress',
          history: (open.history as object[]).slice(0, 3),
        },
      ];
      if (format === 'jsonl') {
        // Without the pool: one INSERT statement per batch. The import into b uses COPY on PostgreSQL,
        // so the comparison below holds the two ways of writing to the same rows.
        const first = await importTickets(a.ctx, { file: file('source.jsonl', jsonl(rows)) });
        expect(first.rejected).toBe(0);
      }
      const out = `${dir}/export-${format}.${format}`;
      const exported = await exportTickets(a.ctx, { file: out, format });
      expect(exported.exported).toBe(2);
      if (format === 'csv') {
        // CRLF line ends and a byte order mark, as spreadsheets write them, read the same.
        const csv = readFileSync(out, 'utf8');
        expect(csv.split('\n')[0]).toMatch(/^number,received_at,channel/);
        file('export-crlf.csv', `\uFEFF${csv.replaceAll('\n', '\r\n')}`);
      }
      const again = await importTickets(b.ctx, {
        pool: b.handle.pool,
        file: format === 'csv' ? `${dir}/export-crlf.csv` : out,
        force: true,
      });
      expect(again).toMatchObject({ imported: 2, rejected: 0 });
      for (const table of ['tickets', 'ticket_events', 'ticket_units', 'callbacks'] as const) {
        const omit = ['id', 'citizen_name_enc', 'citizen_phone_enc'];
        expect(await snapshot(b.ctx.db, table, omit)).toEqual(await snapshot(a.ctx.db, table, omit));
      }
      const back = `${dir}/export-again.${format}`;
      await exportTickets(b.ctx, { file: back, format });
      expect(readFileSync(back, 'utf8')).toBe(readFileSync(out, 'utf8'));
      await b.ctx.db.deleteFrom('callbacks').execute();
      await b.ctx.db.deleteFrom('ticket_events').execute();
      await b.ctx.db.deleteFrom('ticket_units').execute();
      await b.ctx.db.deleteFrom('assessment_queue').execute();
      await b.ctx.db.deleteFrom('tickets').execute();
      // The next format's import must get the same ticket ids again: event hashes include them.
      await sql`select setval(pg_get_serial_sequence('tickets', 'id'), 1, false)`.execute(b.ctx.db);
    });
  }
});
