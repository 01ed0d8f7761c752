/**
 * 首次导入 The initial load (`jiesu import --initial-load`): refused unless
 * the ticket tables are empty, all or nothing (a bad row mid-file leaves no
 * ticket, no run and every index and key as it was), and after a good load
 * the same indexes and validated keys as before, the rows the batched
 * import writes, and the assessment queue filled. PostgreSQL only: on
 * PGlite it is refused with its own error.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/database.js';
import { isAppError } from '../../src/domain/errors.js';
import { LOADED_TABLES } from '../../src/import/initial-load.js';
import { importTickets } from '../../src/services/import-tickets.js';
import { intakeTicket } from '../../src/services/tickets/intake-ticket.js';
import { actor } from '../support/factories.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { closedRow, expectHashChains, file, jsonl } from './import-support.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;

/** Every index and constraint of the loaded tables, as the catalogue defines them, with validation. */
async function schemaOf(db: Executor): Promise<string[]> {
  const r = await sql<{ d: string }>`
    select indexdef as d from pg_indexes where tablename = any(${[...LOADED_TABLES]}::text[])
    union all
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' valid=' || convalidated
    from pg_constraint where conrelid::regclass::text = any(${[...LOADED_TABLES]}::text[])`.execute(db);
  return r.rows.map((x) => x.d).sort();
}

async function counts(db: Executor) {
  const r = await sql<{ tickets: number; events: number; runs: number; queued: number }>`
    select (select count(*) from tickets)::int as tickets, (select count(*) from ticket_events)::int as events,
           (select count(*) from import_runs)::int as runs,
           (select count(distinct ticket_id) from assessment_queue)::int as queued`.execute(db);
  return r.rows[0];
}

const rows = (n: number, from = 10) =>
  Array.from({ length: n }, (_, i) => closedRow(i % 2 === 0 ? undefined : `HR2411${from + i}00001`));

describe.skipIf(!onPostgres)('initial load on PostgreSQL', () => {
  let rt: TestRuntime;
  let before: string[];

  beforeAll(async () => {
    rt = await openTestRuntime();
    before = await schemaOf(rt.ctx.db);
  });
  afterAll(async () => {
    await rt.close();
  });

  it('a bad row mid-file rolls everything back: no ticket, no run, indexes and keys as before', async () => {
    const lines = rows(7);
    lines[4] = { ...closedRow('HR24119900001'), state: 'replied' }; // the history ends closed: rejected
    const path = file('initial-bad.jsonl', jsonl(lines));
    await expect(
      importTickets(rt.ctx, { pool: rt.handle.pool, file: path, batchSize: 2, initialLoad: true }),
    ).rejects.toSatisfy(code('IMPORT_INITIAL_LOAD_REJECTED'));
    expect(await counts(rt.ctx.db)).toEqual({ tickets: 0, events: 0, runs: 0, queued: 0 });
    expect(await schemaOf(rt.ctx.db)).toEqual(before);
    const counters = await rt.ctx.db.selectFrom('ticket_number_counters').selectAll().execute();
    expect(counters).toEqual([]);
  });

  it('loads a good file in one go, with the indexes and validated keys back and the assessment queued', async () => {
    const path = file('initial-good.jsonl', jsonl(rows(7)));
    const r = await importTickets(rt.ctx, {
      pool: rt.handle.pool,
      file: path,
      batchSize: 2,
      initialLoad: true,
    });
    expect(r).toMatchObject({ imported: 7, rejected: 0, interrupted: false });
    expect(await counts(rt.ctx.db)).toEqual({ tickets: 7, events: 42, runs: 1, queued: 7 });
    expect(await schemaOf(rt.ctx.db)).toEqual(before);
    expect(await expectHashChains(rt.ctx.db)).toBe(42);
    const run = await rt.ctx.db.selectFrom('import_runs').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'done', imported: 7, rejected: 0 });
    // The numbers handed out during the load are counted: intake goes on after them.
    const numbers = await rt.ctx.db.selectFrom('tickets').select('number').execute();
    const later = await intakeTicket(rt.ctx, {
      actor: actor('agent'),
      channel: 'phone',
      type: 'inquiry',
      description: '上线后第一张工单',
    });
    expect(numbers.map((n) => n.number)).not.toContain(later.number);
    // The word index answers for the loaded rows.
    const found = await sql<{ n: number }>`
      select count(*)::int as n from tickets where search_text like ${'%楼道%'}`.execute(rt.ctx.db);
    expect(found.rows[0]?.n).toBe(7);
  });

  it('is refused, leaving everything as it is, once the ticket tables hold rows', async () => {
    const path = file('initial-again.jsonl', jsonl(rows(2, 20)));
    await expect(
      importTickets(rt.ctx, { pool: rt.handle.pool, file: path, initialLoad: true }),
    ).rejects.toSatisfy(code('IMPORT_INITIAL_LOAD_NOT_EMPTY'));
    expect(await counts(rt.ctx.db)).toMatchObject({ tickets: 8, runs: 1 });
    expect(await schemaOf(rt.ctx.db)).toEqual(before);
  });

  it('is refused with --resume: there is nothing to resume', async () => {
    const path = file('initial-resume.jsonl', jsonl(rows(1)));
    await expect(
      importTickets(rt.ctx, { pool: rt.handle.pool, file: path, initialLoad: true, resume: true }),
    ).rejects.toSatisfy(code('IMPORT_INITIAL_LOAD_NO_RESUME'));
  });
});

describe.skipIf(onPostgres)('initial load on PGlite', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await openTestRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('is refused with a clear error, and nothing is written', async () => {
    const path = file('initial-pglite.jsonl', jsonl(rows(2)));
    await expect(
      importTickets(rt.ctx, { pool: rt.handle.pool, file: path, initialLoad: true }),
    ).rejects.toSatisfy(code('IMPORT_INITIAL_LOAD_POSTGRES_ONLY'));
    const n = await rt.ctx.db
      .selectFrom('tickets')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
  });
});
