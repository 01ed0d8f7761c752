/**
 * Outbox delivery, transports and one-time callback links on a real database
 * (PGlite, or PostgreSQL when DATABASE_URL is set). The fake clock starts in
 * the future so that rows written with the database's own now() are due.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { listEvents } from '../../src/db/repositories/ticket-events.js';
import { findTicket } from '../../src/db/repositories/tickets.js';
import { isAppError } from '../../src/domain/errors.js';
import {
  createCallbackLink,
  peekCallbackLink,
  redeemCallbackLink,
} from '../../src/services/callback-links.js';
import { createContext, type ServiceContext } from '../../src/services/context.js';
import { backoffMs, deliverOutbox } from '../../src/services/outbox/deliver-outbox.js';
import { renderTemplate, TEMPLATE_NAMES } from '../../src/services/outbox/templates.js';
import {
  inappTransport,
  logTransport,
  type RenderedMessage,
  signWebhook,
  type Transport,
  transportsFromEnv,
  webhookTransport,
} from '../../src/services/outbox/transports.js';
import { enqueue, type OutboxChannel } from '../../src/services/outbox.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { startWorkers, wakeOutboxAfterCommit } from '../../src/services/workers.js';
import { DISPATCHER, newTicket, ticketIn } from '../support/factories.js';
import { fakeClock, openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await openTestRuntime({ clock: fakeClock('2031-03-03T10:00:00+08:00') });
});
afterAll(async () => {
  await rt?.close();
});
// Rows of earlier tests are settled so that each test delivers only its own.
beforeEach(async () => {
  await rt.ctx.db
    .updateTable('outbox')
    .set({ sent_at: new Date(0) })
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .execute();
});

const onPostgres = Boolean(process.env.DATABASE_URL);
const PHONE = '13812341234';

interface Recorder {
  sent: RenderedMessage[];
  transport: Transport;
}

/** Records what it is given; fails the first `failures` sends (Infinity: always). */
function recorder(channel: OutboxChannel, o: { failures?: number; delayMs?: number } = {}): Recorder {
  const sent: RenderedMessage[] = [];
  let failures = o.failures ?? 0;
  return {
    sent,
    transport: {
      channel,
      async send(m) {
        if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
        if (failures > 0) {
          failures--;
          throw new Error('gateway unavailable');
        }
        sent.push(m);
      },
    },
  };
}

async function outboxRows(template: string, recipient?: string) {
  let q = rt.ctx.db.selectFrom('outbox').selectAll().where('template', '=', template);
  if (recipient) q = q.where('recipient', '=', recipient);
  return q.orderBy('id').execute();
}

async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (err) {
    return isAppError(err) ? err.code : String(err);
  }
  return 'no error';
}

describe(`outbox delivery on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('sends after commit: the SMS goes to the decrypted phone, the row keeps no number', async () => {
    const sms = recorder('sms');
    const t = await newTicket(rt.ctx);
    const [row] = await outboxRows('ticket_received', `ticket:${t.id}`);
    expect(row?.recipient).toBe(`ticket:${t.id}`);
    expect(JSON.stringify(row)).not.toContain(PHONE);
    expect(await deliverOutbox(rt.ctx, { transports: [sms.transport] })).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
    });
    expect(sms.sent).toHaveLength(1);
    const m = sms.sent[0]!;
    expect(m.to).toBe(PHONE);
    expect(m.idempotencyKey).toBe(`jiesu-outbox-${row?.id}`);
    expect(m.text).toBe(
      `【怀柔12345】您的诉求已受理，工单号${t.number}，可凭工单号和手机号后四位在 ${rt.ctx.config.publicUrl}/track 查询办理进度。`,
    );
    expect(m.body.en).toContain(t.number);
    const after = await rt.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', row!.id)
      .executeTakeFirst();
    expect(after?.sent_at).not.toBeNull();
    expect(after?.attempts).toBe(1);
    expect(await deliverOutbox(rt.ctx, { transports: [sms.transport] })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(sms.sent).toHaveLength(1);
  });

  it('a commit that wrote outbox rows wakes the worker, which delivers at once', async () => {
    const sms = recorder('sms');
    const ctx: ServiceContext = createContext({
      handle: rt.handle,
      config: rt.ctx.config,
      cipher: rt.ctx.cipher,
      clock: rt.clock.now,
    });
    // No polling at all: only the wake-up can deliver.
    const workers = startWorkers(ctx, {
      sweepIntervalSeconds: 0,
      outboxIntervalMs: 0,
      transports: [sms.transport],
    });
    ctx.afterCommit = wakeOutboxAfterCommit(workers);
    try {
      const t = await newTicket(ctx);
      for (let i = 0; i < 100 && sms.sent.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(sms.sent.map((m) => m.payload.number)).toEqual([t.number]);
    } finally {
      await workers.stop();
    }
  });

  it('a refused send is retried with backoff, under the same idempotency key', async () => {
    const sms = recorder('sms', { failures: 1 });
    const t = await newTicket(rt.ctx);
    const now = rt.clock.now().getTime();
    expect(await deliverOutbox(rt.ctx, { transports: [sms.transport] })).toEqual({
      sent: 0,
      failed: 0,
      retried: 1,
    });
    const [row] = await outboxRows('ticket_received', `ticket:${t.id}`);
    expect(row?.attempts).toBe(1);
    expect(row?.last_error).toBe('gateway unavailable');
    const wait = (row?.available_at.getTime() ?? 0) - now;
    expect(wait).toBeGreaterThanOrEqual(24_000);
    expect(wait).toBeLessThanOrEqual(36_000);
    expect(await deliverOutbox(rt.ctx, { transports: [sms.transport] })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    rt.clock.advance(40_000);
    expect(await deliverOutbox(rt.ctx, { transports: [sms.transport] })).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
    });
    expect(sms.sent.map((m) => m.idempotencyKey)).toEqual([`jiesu-outbox-${row?.id}`]);
    const [done] = await outboxRows('ticket_received', `ticket:${t.id}`);
    expect(done?.attempts).toBe(2);
    expect(done?.last_error).toBeNull();
  });

  it('backoff grows 30 s, 2 min, 10 min, 1 h, 6 h with ±20 % jitter', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, () => 0.5))).toEqual([
      30_000, 120_000, 600_000, 3_600_000, 21_600_000, 21_600_000,
    ]);
    expect(backoffMs(1, () => 0)).toBe(24_000);
    expect(backoffMs(1, () => 1)).toBe(36_000);
  });

  it('gives up after maxAttempts', async () => {
    const sms = recorder('sms', { failures: Number.POSITIVE_INFINITY });
    const t = await newTicket(rt.ctx);
    const totals = { sent: 0, failed: 0, retried: 0 };
    for (let i = 0; i < 5; i++) {
      const r = await deliverOutbox(rt.ctx, { transports: [sms.transport], maxAttempts: 3 });
      totals.sent += r.sent;
      totals.failed += r.failed;
      totals.retried += r.retried;
      rt.clock.advance(7 * 3_600_000);
    }
    expect(totals).toEqual({ sent: 0, failed: 1, retried: 2 });
    const [row] = await outboxRows('ticket_received', `ticket:${t.id}`);
    expect(row?.failed_at).not.toBeNull();
    expect(row?.attempts).toBe(3);
  });

  it('nothing to send for a ticket without a phone: marked sent with a note', async () => {
    const sms = recorder('sms');
    const t = await newTicket(rt.ctx, { citizen: null });
    await enqueue(rt.ctx.db, [
      {
        channel: 'sms',
        recipient: `ticket:${t.id}`,
        template: 'ticket_received',
        payload: { number: t.number },
      },
    ]);
    expect(await deliverOutbox(rt.ctx, { transports: [sms.transport] })).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
    });
    expect(sms.sent).toHaveLength(0);
    const [row] = await outboxRows('ticket_received', `ticket:${t.id}`);
    expect(row?.result).toContain('nothing to send');
  });

  it('the log transport writes one line per message with the phone masked', async () => {
    const lines: string[] = [];
    const t = await newTicket(rt.ctx);
    await deliverOutbox(rt.ctx, {
      transports: [logTransport({ channel: 'sms', write: (l) => lines.push(l) })],
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('138****1234');
    expect(lines[0]).toContain(t.number);
    expect(lines[0]).not.toContain(PHONE);
  });

  it('in-app messages become notifications, once even if delivered twice', async () => {
    const t = await ticketIn(rt.ctx, 'dispatched');
    const inapp = inappTransport(rt.ctx.db);
    await deliverOutbox(rt.ctx, { transports: [inapp] });
    const rows = await rt.ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .execute();
    expect(rows.map((r) => r.recipient)).toEqual([`unit:${t.main_unit_id}`]);
    expect(rows[0]?.title_zh).toBe(`新派工单 ${t.number}`);
    expect(rows[0]?.body_en).toContain(t.number);
    // A crash after the insert and before sent_at: the retry inserts nothing new.
    const [row] = await outboxRows('ticket_dispatched', `unit:${t.main_unit_id}`);
    await rt.ctx.db.updateTable('outbox').set({ sent_at: null }).where('id', '=', row!.id).execute();
    await deliverOutbox(rt.ctx, { transports: [inapp] });
    const again = await rt.ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .execute();
    expect(again).toHaveLength(1);
  });

  it('two deliverers racing never send a row twice', async () => {
    const email = recorder('email', { delayMs: 5 });
    const messages = Array.from({ length: 40 }, (_, i) => ({
      channel: 'email' as const,
      recipient: `person${i}@example.org`,
      template: 'ticket_received',
      payload: { number: `HR0000${i}` },
    }));
    await enqueue(rt.ctx.db, messages);
    let other: DatabaseHandle | null = null;
    let second = rt.ctx;
    if (onPostgres) {
      other = await openDatabase({ url: rt.handle.pool.options.connectionString ?? '', poolSize: 4 });
      second = createContext({
        handle: other,
        config: rt.ctx.config,
        cipher: rt.ctx.cipher,
        clock: rt.clock.now,
      });
    }
    try {
      const results = await Promise.all([
        deliverOutbox(rt.ctx, { transports: [email.transport], batchSize: 7 }),
        deliverOutbox(second, { transports: [email.transport], batchSize: 5 }),
        deliverOutbox(rt.ctx, { transports: [email.transport], batchSize: 3 }),
      ]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(40);
    } finally {
      await other?.close();
    }
    const keys = email.sent.map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(40);
    expect(keys).toHaveLength(40);
  });

  describe('webhook transport', () => {
    interface Received {
      headers: IncomingHttpHeaders;
      body: string;
    }
    let server: Server;
    let url = '';
    const received: Received[] = [];
    const statuses: number[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.statusCode = statuses.shift() ?? 200;
          res.end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('posts signed JSON with an idempotency key; a 5xx is retried under the same key', async () => {
      received.length = 0;
      statuses.push(503);
      const transport = webhookTransport({ channel: 'sms', url, secret: 'hush', timeoutMs: 5000 });
      const t = await newTicket(rt.ctx);
      expect(await deliverOutbox(rt.ctx, { transports: [transport] })).toMatchObject({ retried: 1 });
      rt.clock.advance(60_000);
      expect(await deliverOutbox(rt.ctx, { transports: [transport] })).toMatchObject({ sent: 1 });
      expect(received).toHaveLength(2);
      const [first, second] = received;
      expect(first?.headers['idempotency-key']).toBe(second?.headers['idempotency-key']);
      for (const r of received) {
        const stamp = String(r.headers['x-jiesu-timestamp']);
        expect(r.headers['x-jiesu-signature']).toBe(signWebhook('hush', stamp, r.body));
        expect(r.headers['content-type']).toContain('application/json');
      }
      const body = JSON.parse(second?.body ?? '{}') as Record<string, unknown>;
      expect(body).toMatchObject({ id: second?.headers['idempotency-key'], channel: 'sms', to: PHONE });
      expect(String(body.text)).toContain(t.number);
      expect(signWebhook('wrong', '1', second?.body ?? '')).not.toBe(second?.headers['x-jiesu-signature']);
    });

    it('a 4xx answer is a permanent failure', async () => {
      statuses.push(400);
      const transport = webhookTransport({ channel: 'sms', url, secret: 'hush' });
      const t = await newTicket(rt.ctx);
      expect(await deliverOutbox(rt.ctx, { transports: [transport] })).toEqual({
        sent: 0,
        failed: 1,
        retried: 0,
      });
      const [row] = await outboxRows('ticket_received', `ticket:${t.id}`);
      expect(row?.failed_at).not.toBeNull();
      expect(row?.last_error).toContain('400');
    });

    it('is chosen from the environment; without a URL SMS and e-mail go to the log', () => {
      const plain = transportsFromEnv({}, rt.ctx).map((t) => t.channel);
      expect(plain).toEqual(['sms', 'email', 'inapp']);
      expect(() => transportsFromEnv({ JIESU_SMS_WEBHOOK_URL: url }, rt.ctx)).toThrow(/JIESU_WEBHOOK_SECRET/);
      expect(
        transportsFromEnv({ JIESU_SMS_WEBHOOK_URL: url, JIESU_WEBHOOK_SECRET: 's' }, rt.ctx),
      ).toHaveLength(3);
    });
  });

  it('renders every template the services use, in Chinese and English', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          const source = readFileSync(path, 'utf8');
          for (const m of source.matchAll(
            /template:\s*(?:[^,\n]*\?\s*)?'([a-z_]+)'(?:\s*:\s*'([a-z_]+)')?/g,
          )) {
            if (m[1]) used.add(m[1]);
            if (m[2]) used.add(m[2]);
          }
          for (const m of source.matchAll(/template\s*=\s*[^;]*?'([a-z_]+)'\s*:\s*'([a-z_]+)'/g)) {
            if (m[1]) used.add(m[1]);
            if (m[2]) used.add(m[2]);
          }
        }
      }
    };
    walk(join(process.cwd(), 'src/services'));
    for (const name of [
      'ticket_received',
      'ticket_replied',
      'card_yellow',
      'card_red',
      'callback_reminder',
    ]) {
      expect(used).toContain(name);
    }
    for (const name of used) expect(TEMPLATE_NAMES).toContain(name);
    const payload = {
      ticketId: 1,
      number: 'HR24112600001',
      title: '路灯不亮',
      reason: '需协调',
      until: '2024-12-03T10:00:00Z',
      dueAt: '2024-11-26T12:00:00Z',
      clock: 'sign',
      round: 1,
    };
    for (const name of TEMPLATE_NAMES) {
      const r = renderTemplate(name, payload, { publicUrl: 'https://12345.example' });
      for (const part of [r.title.zh, r.title.en, r.body.zh, r.body.en])
        expect(part.length).toBeGreaterThan(0);
      expect(r.sms.startsWith('【怀柔12345】')).toBe(true);
    }
    expect(renderTemplate('card_red', payload, { publicUrl: '' }).body.zh).toContain('2024-11-26 20:00');
    expect(() => renderTemplate('no_such_template', {}, { publicUrl: '' })).toThrow(/unknown/);
  });
});

describe('one-time callback links', () => {
  async function repliedWithLink(): Promise<{ ticketId: number; token: string; text: string }> {
    const t = await ticketIn(rt.ctx, 'replied');
    const sms = recorder('sms');
    await deliverOutbox(rt.ctx, { transports: [sms.transport] });
    const reply = sms.sent.find((m) => m.template === 'ticket_replied' && m.ticketId === t.id);
    const match = /\/callback\/([A-Za-z0-9_-]{43})/.exec(reply?.text ?? '');
    if (!reply || !match?.[1]) throw new Error('no callback link in the reply SMS');
    return { ticketId: t.id, token: match[1], text: reply.text };
  }

  it('the reply SMS carries a link; only its hash is stored; peek shows the public facts', async () => {
    const { ticketId, token, text } = await repliedWithLink();
    expect(text).toContain(`${rt.ctx.config.publicUrl}/callback/${token}`);
    const links = await rt.ctx.db
      .selectFrom('callback_links')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(links).toHaveLength(1);
    expect(links[0]?.token_hash).not.toContain(token);
    const facts = await peekCallbackLink(rt.ctx, token);
    const ticket = await findTicket(rt.ctx.db, ticketId);
    expect(facts).toMatchObject({
      ticketNumber: ticket?.number,
      title: ticket?.title,
      replyText: '已于今日修复路灯',
    });
    expect(JSON.stringify(facts)).not.toContain(PHONE);
  });

  it('the log transport never writes the token', async () => {
    await ticketIn(rt.ctx, 'replied');
    const lines: string[] = [];
    await deliverOutbox(rt.ctx, {
      transports: [logTransport({ channel: 'sms', write: (l) => lines.push(l) })],
    });
    const line = lines.find((l) => l.includes('ticket_replied')) ?? '';
    expect(line).toContain('/callback/…');
    expect(line).not.toMatch(/\/callback\/[A-Za-z0-9_-]{43}/);
  });

  it('redeem closes the ticket as the citizen, via the link; a second redeem changes nothing', async () => {
    const { ticketId, token } = await repliedWithLink();
    const r = await redeemCallbackLink(rt.ctx, {
      token,
      resolved: true,
      satisfaction: 'satisfied',
      comment: '很满意',
    });
    expect(r.ticket.state).toBe('closed');
    expect(r.ticket.callback_satisfaction).toBe('satisfied');
    const callbacks = await rt.ctx.db
      .selectFrom('callbacks')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(callbacks.map((c) => [c.via, c.resolved, c.comment])).toEqual([['link', true, '很满意']]);
    const events = await listEvents(rt.ctx.db, ticketId);
    const last = events.at(-1);
    expect([last?.action, last?.actor_role, last?.data.via]).toEqual(['callback', 'citizen', 'link']);
    const before = await findTicket(rt.ctx.db, ticketId);
    expect(
      await refusal(() =>
        redeemCallbackLink(rt.ctx, { token, resolved: false, satisfaction: 'unsatisfied' }),
      ),
    ).toBe('CALLBACK_LINK_USED');
    expect(await refusal(() => peekCallbackLink(rt.ctx, token))).toBe('CALLBACK_LINK_USED');
    expect(await findTicket(rt.ctx.db, ticketId)).toEqual(before);
  });

  it('two redeems at once, of one link or of two links of a ticket: exactly one closes it', async () => {
    const { ticketId, token } = await repliedWithLink();
    const token2 = await createCallbackLink(rt.ctx, { ticketId, round: 1 });
    const results = await Promise.allSettled([
      redeemCallbackLink(rt.ctx, { token, resolved: true, satisfaction: 'satisfied' }),
      redeemCallbackLink(rt.ctx, { token, resolved: false, satisfaction: 'unsatisfied' }),
      redeemCallbackLink(rt.ctx, { token: token2, resolved: false, satisfaction: 'unsatisfied' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) =>
      r.status === 'rejected' && isAppError(r.reason) ? [r.reason.code] : [],
    );
    expect(codes).toEqual(['CALLBACK_LINK_USED', 'CALLBACK_LINK_USED']);
    const callbacks = await rt.ctx.db
      .selectFrom('callbacks')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(callbacks).toHaveLength(1);
    const used = await rt.ctx.db
      .selectFrom('callback_links')
      .select('used_at')
      .where('ticket_id', '=', ticketId)
      .where('used_at', 'is not', null)
      .execute();
    expect(used).toHaveLength(1);
  });

  it('an expired link is refused and changes nothing', async () => {
    const t = await ticketIn(rt.ctx, 'replied');
    const token = await createCallbackLink(rt.ctx, { ticketId: t.id, round: t.dispatch_round, ttlHours: 1 });
    rt.clock.advance(2 * 3_600_000);
    expect(await refusal(() => peekCallbackLink(rt.ctx, token))).toBe('CALLBACK_LINK_EXPIRED');
    expect(
      await refusal(() => redeemCallbackLink(rt.ctx, { token, resolved: true, satisfaction: 'satisfied' })),
    ).toBe('CALLBACK_LINK_EXPIRED');
    expect((await findTicket(rt.ctx.db, t.id))?.state).toBe('replied');
    const link = await rt.ctx.db
      .selectFrom('callback_links')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .executeTakeFirst();
    expect(link?.used_at).toBeNull();
  });

  it('a forged or malformed token is invalid', async () => {
    const forged = Buffer.alloc(32, 1).toString('base64url');
    expect(await refusal(() => peekCallbackLink(rt.ctx, forged))).toBe('CALLBACK_LINK_INVALID');
    expect(
      await refusal(() =>
        redeemCallbackLink(rt.ctx, { token: forged, resolved: true, satisfaction: 'satisfied' }),
      ),
    ).toBe('CALLBACK_LINK_INVALID');
    expect(await refusal(() => peekCallbackLink(rt.ctx, "x' or 1=1 --"))).toBe('CALLBACK_LINK_INVALID');
  });

  it('a link whose callback was already taken by phone counts as used', async () => {
    const t = await ticketIn(rt.ctx, 'replied');
    const token = await createCallbackLink(rt.ctx, { ticketId: t.id, round: t.dispatch_round });
    await recordCallback(rt.ctx, {
      ticketId: t.id,
      actor: DISPATCHER,
      reached: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(
      await refusal(() =>
        redeemCallbackLink(rt.ctx, { token, resolved: false, satisfaction: 'unsatisfied' }),
      ),
    ).toBe('CALLBACK_LINK_USED');
  });
});
