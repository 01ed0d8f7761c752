/**
 * The import replays histories exactly as the live use cases would have
 * written them: the demo generator (src/seed/demo), which builds rows by
 * the same rules, plays a few hundred varied tickets (returns, extensions,
 * co-handlers, merges, reopening, the sweep's cards); their legacy rows are
 * imported into a fresh database, which must then hold the generator's
 * rows, events and hashes, and export the very same file back.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyRows } from '../../bench/support/legacy-rows.js';
import { indexText } from '../../src/nlp/search-terms.js';
import type { TicketHistory } from '../../src/seed/demo/history.js';
import { exportTickets } from '../../src/services/export-tickets.js';
import { importTickets } from '../../src/services/import-tickets.js';
import { sweepSettings } from '../../src/services/sweep/ticket-clocks.js';
import { fakeClock, openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { dir, file, jsonl } from './import-support.js';

const UNTIL = '2024-11-26T10:00:00+08:00';

function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? null));
}

describe('import of demo-generated histories', () => {
  let rt: TestRuntime;
  let histories: TicketHistory[];
  let source: string;

  beforeAll(async () => {
    rt = await openTestRuntime({ clock: fakeClock(UNTIL) });
    const ref = await rt.ctx.reference.get();
    const sweep = await sweepSettings(rt.ctx.db, rt.ctx.reference);
    const generated = [
      ...legacyRows({
        ref,
        cipher: rt.ctx.cipher,
        sweep,
        rows: 400,
        until: new Date(UNTIL),
        since: '2024-09',
      }),
    ];
    histories = generated.map((g) => g.history);
    source = file('demo.jsonl', jsonl(generated.map((g) => g.row)));
  });

  afterAll(async () => {
    await rt.close();
  });

  it('writes the rows, events, units, callbacks and cards the generator built', async () => {
    // Two workers (a file this small would get one): batches replay out of order, merges cross them.
    const r = await importTickets(rt.ctx, { pool: rt.handle.pool, file: source, batchSize: 150, workers: 2 });
    expect(r).toMatchObject({ imported: 400, rejected: 0 });
    const db = rt.ctx.db;
    const tickets = new Map((await db.selectFrom('tickets').selectAll().execute()).map((t) => [t.id, t]));
    const events = await db
      .selectFrom('ticket_events')
      .selectAll()
      .orderBy('ticket_id')
      .orderBy('seq')
      .execute();
    const hashes = new Map(events.map((e) => [`${e.ticket_id}:${e.seq}`, e.hash]));
    const cards = await db.selectFrom('ticket_cards').select(['ticket_id']).execute();
    const units = await db.selectFrom('ticket_units').select(['ticket_id']).execute();
    const actions = new Set(events.map((e) => e.action));
    for (const a of [
      'dispatch',
      'return',
      'callback',
      'reopen',
      'red_card',
      'add_co_unit',
      'approve_extension',
    ]) {
      expect(actions, `the sample covers ${a}`).toContain(a);
    }
    for (const h of histories) {
      const got = tickets.get(h.row.id);
      expect(got, h.row.number).toBeDefined();
      const { citizen_name_enc: _a, citizen_phone_enc: _b, ...want } = h.row;
      const { citizen_name_enc: _c, citizen_phone_enc: _d, ...stored } = got as NonNullable<typeof got>;
      // columns the generator does not model (the word index, retention) are compared elsewhere
      const have = Object.fromEntries(Object.entries(stored).filter(([k]) => k in want));
      expect(plain(have)).toEqual(plain(want));
      for (const e of h.events) expect(hashes.get(`${e.ticketId}:${e.seq}`)).toBe(e.hash);
    }
    // the word index is the one a live intake writes (PostgreSQL's import sends it in COPY's binary form)
    const all = [...tickets.values()];
    const differing = await sql<{ n: number }>`
      select count(*)::int as n
      from tickets t join unnest(${all.map((t) => t.id)}::bigint[], ${all.map((t) => indexText(t.title, t.description).searchVector)}::text[]) as x(id, v)
        on x.id = t.id
      where t.search_vector is distinct from x.v::tsvector`.execute(db);
    expect(differing.rows[0]?.n).toBe(0);
    expect(events).toHaveLength(histories.reduce((n, h) => n + h.events.length, 0));
    expect(cards).toHaveLength(histories.reduce((n, h) => n + h.cards.length, 0));
    expect(units).toHaveLength(histories.reduce((n, h) => n + h.units.length, 0));
  });

  it('exports the file it imported, byte for byte', async () => {
    const out = `${dir}/demo-export.jsonl`;
    await exportTickets(rt.ctx, { file: out });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(source, 'utf8'));
  });
});
