/**
 * 消息通道 How a rendered notification leaves the system: a log line (the
 * default, for laptops and tests), a signed webhook to a real SMS or e-mail
 * gateway, or a row in `notifications` for in-app messages.
 *
 * Delivery is at least once: a process can crash after the gateway accepted
 * a message and before the outbox row is marked sent, and the row is then
 * sent again. Every message therefore carries a stable idempotency key
 * (`jiesu-outbox-<id>`, the same on every attempt) in the `Idempotency-Key`
 * header, and a gateway that drops repeats of a key makes delivery
 * effectively once. The in-app transport is idempotent by itself: the key is
 * unique in `notifications`.
 */
import { createHmac } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import type { Label } from '../../domain/vocabulary.js';
import { maskPhone } from '../../security/personal-data.js';
import type { ServiceContext } from '../context.js';
import type { OutboxChannel } from '../outbox.js';

export interface RenderedMessage {
  outboxId: number;
  /** the same on every attempt; gateways drop a key they have seen */
  idempotencyKey: string;
  channel: OutboxChannel;
  /** a phone number (SMS), an e-mail address, or `unit:<id>` / `role:<role>` / `user:<id>` (in-app) */
  to: string;
  template: string;
  title: Label;
  body: Label;
  /** the SMS text */
  text: string;
  payload: Record<string, unknown>;
  ticketId: number | null;
  /** when the message is sent */
  at: Date;
}

export interface Transport {
  channel: OutboxChannel;
  /** resolves when the message is accepted; throws when it is not */
  send(message: RenderedMessage): Promise<void>;
}

/** A refusal that retrying will not change (the gateway says the request itself is wrong). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export function idempotencyKeyOf(outboxId: number): string {
  return `jiesu-outbox-${outboxId}`;
}

function maskEmail(address: string): string {
  const at = address.indexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** Logs carry no personal data and no credentials: numbers are masked, callback tokens cut. */
export function redactForLog(text: string): string {
  return text
    .replace(/(\/callback\/)[A-Za-z0-9_-]+/g, '$1…')
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (phone) => maskPhone(phone));
}

export interface LogTransportOptions {
  channel: OutboxChannel;
  /** where the line goes; standard output by default */
  write?: (line: string) => void;
}

/** One line per message, for a district that has not connected a gateway yet. */
export function logTransport(o: LogTransportOptions): Transport {
  const write = o.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  return {
    channel: o.channel,
    async send(m) {
      const to = m.channel === 'sms' ? maskPhone(m.to) : m.channel === 'email' ? maskEmail(m.to) : m.to;
      const words = m.channel === 'sms' ? m.text : `${m.title.zh} / ${m.title.en}`;
      write(redactForLog(`[${m.channel}] ${m.idempotencyKey} → ${to} ${m.template}: ${words}`));
    },
  };
}

export interface WebhookTransportOptions {
  channel: OutboxChannel;
  url: string;
  /** shared with the gateway, which checks the signature */
  secret: string;
  timeoutMs?: number;
}

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"): the gateway recomputes it. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs the message as JSON with `Idempotency-Key`, `X-Jiesu-Timestamp` and
 * `X-Jiesu-Signature`. A 2xx answer is success; 408, 429 and 5xx (and no
 * answer in time) are worth retrying; any other status is permanent.
 */
export function webhookTransport(o: WebhookTransportOptions): Transport {
  const timeoutMs = o.timeoutMs ?? 10_000;
  return {
    channel: o.channel,
    async send(m) {
      const body = JSON.stringify({
        id: m.idempotencyKey,
        channel: m.channel,
        to: m.to,
        template: m.template,
        title: m.title,
        body: m.body,
        text: m.text,
        ticketId: m.ticketId,
        at: m.at.toISOString(),
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const response = await fetch(o.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': m.idempotencyKey,
          'x-jiesu-timestamp': timestamp,
          'x-jiesu-signature': signWebhook(o.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read the body so the connection is released, but never log it: it may echo the number.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      const message = `webhook answered ${response.status}`;
      const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
      throw retryable ? new Error(message) : new PermanentDeliveryError(message);
    },
  };
}

/** Writes the in-app message 站内消息; a repeat of the same key is ignored. */
export function inappTransport(db: Executor): Transport {
  return {
    channel: 'inapp',
    async send(m) {
      await db
        .insertInto('notifications')
        .values({
          key: m.idempotencyKey,
          recipient: m.to,
          template: m.template,
          title_zh: m.title.zh,
          title_en: m.title.en,
          body_zh: m.body.zh,
          body_en: m.body.en,
          payload: JSON.stringify(m.payload),
          ticket_id: m.ticketId,
          created_at: m.at,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    },
  };
}

/**
 * The transports a server process uses, from its environment:
 * JIESU_SMS_WEBHOOK_URL and JIESU_EMAIL_WEBHOOK_URL (with JIESU_WEBHOOK_SECRET,
 * and JIESU_WEBHOOK_TIMEOUT_MS) connect gateways; without them SMS and e-mail
 * go to the log. In-app messages always go to the database.
 */
export function transportsFromEnv(env: NodeJS.ProcessEnv, ctx: Pick<ServiceContext, 'db'>): Transport[] {
  const secret = env.JIESU_WEBHOOK_SECRET?.trim() ?? '';
  const timeoutText = env.JIESU_WEBHOOK_TIMEOUT_MS?.trim();
  const timeoutMs = timeoutText ? Number(timeoutText) : 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new Error(`JIESU_WEBHOOK_TIMEOUT_MS must be a positive integer, got "${timeoutText}"`);
  }
  const gateway = (channel: 'sms' | 'email', url: string | undefined): Transport => {
    const target = url?.trim();
    if (!target) return logTransport({ channel });
    if (secret === '') throw new Error(`JIESU_WEBHOOK_SECRET is required with the ${channel} webhook`);
    return webhookTransport({ channel, url: target, secret, timeoutMs });
  };
  return [
    gateway('sms', env.JIESU_SMS_WEBHOOK_URL),
    gateway('email', env.JIESU_EMAIL_WEBHOOK_URL),
    inappTransport(ctx.db),
  ];
}
