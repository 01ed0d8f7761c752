/**
 * 个人信息导出: everything held about one phone number — the tickets filed
 * under it, filed by an account holding it or naming it in their text, the
 * messages sent to it, who looked at it — for the admin route (audited,
 * admins only, the number never in a URL) and the service behind the CLI.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketRow } from '../../src/db/schema.js';
import { createUser } from '../../src/services/auth/create-user.js';
import {
  exportPersonalData,
  type PersonalDataExport,
} from '../../src/services/privacy/export-personal-data.js';
import { newTicket, ticketIn } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

const PHONE = '13811112222';
let rt: TestRuntime;
let app: FastifyInstance;
let admin: Client;
let agent: Client;
let filed: TicketRow;
let mentioned: TicketRow;
let other: TicketRow;

beforeAll(async () => {
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  admin = await signedIn(app, rt.ctx, 'admin');
  agent = await signedIn(app, rt.ctx, 'agent');
  filed = await ticketIn(rt.ctx, 'closed', { citizen: { name: '李四', phone: `+86 138-1111-2222` } });
  mentioned = await newTicket(rt.ctx, {
    citizen: { name: '王五', phone: '13900000000' },
    description: '邻居噪音扰民，另请联系我家人，电话 138 1111 2222。',
  });
  other = await newTicket(rt.ctx, { citizen: { name: '赵六', phone: '13700000000' } });
  await createUser(rt.ctx, {
    username: 'citizen-li',
    password: 'Citizen-pass-2024',
    role: 'citizen',
    phone: PHONE,
    displayName: '李四',
  });
  // A view of the contact details and a caller-history look-up, both audited.
  expect((await agent.post(`/api/tickets/${filed.id}/reveal-contact`, {})).statusCode).toBe(200);
  expect((await agent.get(`/api/callers/history?phone=${PHONE}`)).statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

function numbers(e: PersonalDataExport): string[] {
  return e.tickets.map((t) => t.number).sort();
}

describe(`personal-data export on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('finds tickets by the sealed phone, by the text, and the account; with messages and who looked', async () => {
    const e = await exportPersonalData(rt.ctx, {
      phone: '0086 13811112222',
      actor: { userId: null, role: 'system' },
    });
    expect(numbers(e)).toEqual([filed.number, mentioned.number].sort());
    expect(numbers(e)).not.toContain(other.number);
    const byPhone = e.tickets.find((t) => t.number === filed.number);
    expect(byPhone?.matchedBy).toContain('citizen_phone');
    expect(byPhone?.citizen).toEqual({ name: '李四', phone: '+86 138-1111-2222' });
    expect(byPhone?.timeline.map((s) => s.action)).toContain('intake');
    expect(byPhone?.callbacks.length).toBe(1);
    expect(byPhone?.messages.some((m) => m.channel === 'sms')).toBe(true);
    expect(byPhone?.accessLog.map((a) => a.action)).toContain('personal_data.reveal');
    expect(e.tickets.find((t) => t.number === mentioned.number)?.matchedBy).toEqual(['text']);
    expect(e.accounts.map((a) => a.username)).toEqual(['citizen-li']);
    expect(e.historyLookups.length).toBe(1);
    expect(e.subject.phoneMasked).toBe('138****2222');
  });

  it('is an admin-only route, audited, not cached, with the number in the body', async () => {
    expect((await anonymous(app).post('/api/admin/privacy/export', { phone: PHONE })).statusCode).toBe(401);
    expect((await agent.post('/api/admin/privacy/export', { phone: PHONE })).statusCode).toBe(403);
    expect((await admin.post('/api/admin/privacy/export', { phone: 'not a phone' })).statusCode).toBe(400);
    const r = await admin.post('/api/admin/privacy/export', { phone: PHONE });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(numbers(r.json() as PersonalDataExport)).toEqual([filed.number, mentioned.number].sort());
    const audit = await rt.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'personal_data.export')
      .execute();
    expect(audit.some((a) => a.actor_user_id === admin.userId && a.subject_type === 'phone')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(PHONE);
  });

  it('an unknown number gets an empty export, not an error', async () => {
    const e = await exportPersonalData(rt.ctx, {
      phone: '13000000001',
      actor: { userId: null, role: 'system' },
    });
    expect(e.tickets).toEqual([]);
    expect(e.accounts).toEqual([]);
  });
});
