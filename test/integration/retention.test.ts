/**
 * The retention job 个人信息保留期: finished tickets older than the period
 * lose the citizen's personal data — sealed contact fields, the address,
 * numbers written into the text, Open311 contact ids, callback links — and
 * keep what statistics need; younger or still open tickets are untouched;
 * the event log's hash chain stays intact; runs are idempotent and can run
 * in parallel.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketRow } from '../../src/db/schema.js';
import { isAppError } from '../../src/domain/errors.js';
import { verifyAuditChain } from '../../src/services/audit-verify.js';
import { createCallbackLink } from '../../src/services/callback-links.js';
import { anonymiseClosedTickets } from '../../src/services/retention/anonymise-closed-tickets.js';
import { invalidateTicket } from '../../src/services/tickets/invalidate-ticket.js';
import { DISPATCHER, newTicket, ticketIn } from '../support/factories.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let oldClosed: TicketRow[];
let oldOpen: TicketRow;
let oldInvalid: TicketRow;
let recentClosed: TicketRow;
const TEXT = '来电人补充：请回电 139-0000-8888，身份证 11010519491231002X，邮箱 zhang.san@example.com。';
const DAYS = 1095;

beforeAll(async () => {
  rt = await openTestRuntime();
  rt.clock.set('2020-03-02T10:00:00+08:00');
  const withText = {
    description: `路灯坏了。${TEXT}`,
    address: '泉河街道青春路18号院3号楼',
    lat: 40.321_123,
    lng: 116.640_987,
  };
  oldClosed = [await ticketIn(rt.ctx, 'closed', withText), await ticketIn(rt.ctx, 'closed', withText)];
  await rt.ctx.db
    .insertInto('open311_requests')
    .values({
      ticket_id: (oldClosed[0] as TicketRow).id,
      service_code: 'x',
      account_id: 'acct-7',
      device_id: 'dev-9',
      email_enc: rt.ctx.cipher.encrypt('a@b.cn'),
    })
    .execute();
  await createCallbackLink(rt.ctx, { ticketId: (oldClosed[1] as TicketRow).id, round: 1 });
  await rt.ctx.db
    .updateTable('callbacks')
    .set({ comment: `满意，电话 13900008888` })
    .where('ticket_id', '=', (oldClosed[0] as TicketRow).id)
    .execute();
  oldOpen = await ticketIn(rt.ctx, 'in_progress', withText);
  oldInvalid = (
    await invalidateTicket(rt.ctx, {
      ticketId: (await newTicket(rt.ctx, withText)).id,
      actor: DISPATCHER,
      reason: '重复骚扰',
    })
  ).ticket;
  rt.clock.set('2024-11-20T10:00:00+08:00');
  recentClosed = await ticketIn(rt.ctx, 'closed', withText);
  rt.clock.set('2024-11-26T10:00:00+08:00');
});
afterAll(async () => {
  await rt?.close();
});

async function row(id: number) {
  const r = await sql<
    TicketRow & { anonymised_at: Date | null }
  >`select * from tickets where id = ${id}`.execute(rt.ctx.db);
  return r.rows[0] as TicketRow & { anonymised_at: Date | null };
}

describe(`retention on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('refuses a period shorter than the reopen window', async () => {
    const err = await anonymiseClosedTickets(rt.ctx, { days: 7 }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('RETENTION_TOO_SHORT');
  });

  it('a dry run counts what is due and changes nothing', async () => {
    const r = await anonymiseClosedTickets(rt.ctx, { days: DAYS, dryRun: true });
    expect(r.tickets).toBe(3);
    expect((await row((oldClosed[0] as TicketRow).id)).citizen_phone_enc).not.toBeNull();
  });

  it('removes personal data from old finished tickets only, and keeps their chains intact', async () => {
    const chainBefore = await verifyAuditChain(rt.ctx.db);
    // Two runs at once: each ticket is claimed by one of them.
    const [a, b] = await Promise.all([
      anonymiseClosedTickets(rt.ctx, { days: DAYS, batchSize: 1 }),
      anonymiseClosedTickets(rt.ctx, { days: DAYS, batchSize: 1 }),
    ]);
    expect(a.tickets + b.tickets).toBe(3);
    for (const t of [...oldClosed, oldInvalid]) {
      const r = await row(t.id);
      expect(r.anonymised_at).not.toBeNull();
      expect([
        r.citizen_name_enc,
        r.citizen_name_masked,
        r.citizen_phone_enc,
        r.citizen_phone_hash,
        r.citizen_phone_masked,
        r.citizen_phone_last4,
        r.address,
      ]).toEqual([null, null, null, null, null, null, null]);
      expect(r.description).not.toMatch(/139-0000-8888|19491231|zhang\.san/);
      expect(r.description).toContain('路灯坏了');
      expect(r.search_text).not.toMatch(/00008888|19491231/);
      expect(r.lat).toBeCloseTo(40.321, 3);
      expect(r.area_code).toBe('110116001');
      expect(r.state).toBe(t.state);
    }
    for (const t of [oldOpen, recentClosed]) {
      const r = await row(t.id);
      expect(r.anonymised_at).toBeNull();
      expect(r.citizen_phone_enc).not.toBeNull();
      expect(r.description).toContain('139-0000-8888');
    }
    const o311 = await rt.ctx.db
      .selectFrom('open311_requests')
      .selectAll()
      .where('ticket_id', '=', (oldClosed[0] as TicketRow).id)
      .executeTakeFirstOrThrow();
    expect([o311.email_enc, o311.account_id, o311.device_id]).toEqual([null, null, null]);
    const links = await rt.ctx.db
      .selectFrom('callback_links')
      .selectAll()
      .where('ticket_id', '=', (oldClosed[1] as TicketRow).id)
      .execute();
    expect(links).toEqual([]);
    const comment = await rt.ctx.db
      .selectFrom('callbacks')
      .select('comment')
      .where('ticket_id', '=', (oldClosed[0] as TicketRow).id)
      .executeTakeFirstOrThrow();
    expect(comment.comment).not.toContain('13900008888');
    const chainAfter = await verifyAuditChain(rt.ctx.db);
    expect(chainAfter.ok).toBe(true);
    expect(chainAfter.headDigest).toBe(chainBefore.headDigest);
    const audit = await rt.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'retention.anonymise')
      .execute();
    expect(audit.reduce((n, e) => n + Number((e.detail as { tickets: number }).tickets), 0)).toBe(3);
  });

  it('a second run finds nothing left to do', async () => {
    expect((await anonymiseClosedTickets(rt.ctx, { days: DAYS })).tickets).toBe(0);
  });
});
