/**
 * 消息投递 Delivers the outbox: rows written in the same transaction as the
 * change that caused them are sent after commit by the transports.
 *
 * - Claim: one statement takes up to a batch of due rows with FOR UPDATE
 *   SKIP LOCKED, counts the attempt and moves `available_at` a lease ahead,
 *   so a row in flight is not due for any other process. A process that dies
 *   mid-send leaves the row to be retried when the lease runs out.
 * - Send: outside any database transaction (a slow gateway holds no locks).
 * - Settle: sent → `sent_at`; refused → `available_at = now + backoff`
 *   (30 s, 2 min, 10 min, 1 h, 6 h, each ±20 % jitter) or, after
 *   `maxAttempts` or a permanent refusal, `failed_at`.
 *
 * Never sent twice: delivery is at least once (a crash between the gateway's
 * acceptance and `sent_at` resends), and every attempt carries the row's
 * stable idempotency key `jiesu-outbox-<id>`, which a gateway uses to drop
 * the repeat — at least once plus an idempotency key is effectively once.
 */
import { sql } from 'kysely';
import type { OutboxRow } from '../../db/schema.js';
import { callbackLinkUrl, createCallbackLink, DEFAULT_CALLBACK_LINK_HOURS } from '../callback-links.js';
import type { ServiceContext } from '../context.js';
import { isServiceRecipient, prepareServiceMessage } from './recipients-services.js';
import { type RenderContext, renderTemplate, UnknownTemplateError } from './templates.js';
import {
  idempotencyKeyOf,
  PermanentDeliveryError,
  type RenderedMessage,
  type Transport,
} from './transports.js';

export interface DeliverOutboxOptions {
  transports: readonly Transport[];
  /** rows claimed at a time */
  batchSize?: number;
  /** attempts before a row is given up (`failed_at`) */
  maxAttempts?: number;
  /** how long a claimed row is kept from other processes; longer than a batch can take to send */
  leaseMs?: number;
  maxBatches?: number;
  /** messages sent at once within a batch */
  concurrency?: number;
  /** for tests of the jitter */
  random?: () => number;
}

export interface DeliverOutboxResult {
  sent: number;
  /** given up for good */
  failed: number;
  /** refused this time, to be tried again later */
  retried: number;
}

const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000];

/** Wait before attempt `attempt + 1`, after `attempt` failed ones: 30 s, 2 min, 10 min, 1 h, then 6 h. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(Math.max(attempt, 1), BACKOFF_MS.length) - 1] ?? 30_000;
  return Math.round(base * (0.8 + 0.4 * random()));
}

export async function deliverOutbox(
  ctx: ServiceContext,
  options: DeliverOutboxOptions,
): Promise<DeliverOutboxResult> {
  const byChannel = new Map(options.transports.map((t) => [t.channel, t]));
  const result: DeliverOutboxResult = { sent: 0, failed: 0, retried: 0 };
  if (byChannel.size === 0) return result;
  const batchSize = options.batchSize ?? 50;
  const maxBatches = options.maxBatches ?? 20;
  for (let batch = 0; batch < maxBatches; batch++) {
    const rows = await claim(ctx, [...byChannel.keys()], batchSize, options.leaseMs ?? 5 * 60_000);
    await forEachLimited(rows, options.concurrency ?? 4, async (row) => {
      const outcome = await deliverOne(ctx, row, byChannel, options);
      result[outcome]++;
    });
    if (rows.length < batchSize) break;
  }
  return result;
}

/** Claims due rows of the channels this process can send, in one autocommitted statement. */
async function claim(
  ctx: ServiceContext,
  channels: readonly string[],
  limit: number,
  leaseMs: number,
): Promise<OutboxRow[]> {
  const now = ctx.clock();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed = await sql<OutboxRow>`
    update outbox set attempts = attempts + 1, available_at = ${leaseUntil}
    where id in (
      select id from outbox
      where sent_at is null and failed_at is null and available_at <= ${now}
        and channel in (${sql.join(channels)})
      order by available_at, id
      limit ${limit}
      for update skip locked)
    returning *`.execute(ctx.db);
  return [...claimed.rows].sort((a, b) => a.id - b.id);
}

type Outcome = keyof DeliverOutboxResult;

async function deliverOne(
  ctx: ServiceContext,
  row: OutboxRow,
  transports: ReadonlyMap<string, Transport>,
  options: DeliverOutboxOptions,
): Promise<Outcome> {
  try {
    const prepared = await prepare(ctx, row);
    if ('nothing' in prepared) {
      await markSent(ctx, row, prepared.nothing);
      return 'sent';
    }
    const transport = transports.get(row.channel);
    if (!transport) throw new Error(`no transport for channel ${row.channel}`);
    await transport.send(prepared.message);
    await markSent(ctx, row, null);
    return 'sent';
  } catch (err) {
    const permanent = err instanceof PermanentDeliveryError || err instanceof UnknownTemplateError;
    const giveUp = permanent || row.attempts >= (options.maxAttempts ?? 8);
    const now = ctx.clock();
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await ctx.db
      .updateTable('outbox')
      .set(
        giveUp
          ? { failed_at: now, last_error: error }
          : {
              available_at: new Date(now.getTime() + backoffMs(row.attempts, options.random)),
              last_error: error,
            },
      )
      .where('id', '=', row.id)
      .where('sent_at', 'is', null)
      // Only while the claim is still ours: a process that took the row over after the lease decides.
      .where('attempts', '=', row.attempts)
      .execute();
    return giveUp ? 'failed' : 'retried';
  }
}

async function markSent(ctx: ServiceContext, row: OutboxRow, note: string | null): Promise<void> {
  await ctx.db
    .updateTable('outbox')
    .set({ sent_at: ctx.clock(), result: note, last_error: null })
    .where('id', '=', row.id)
    .where('sent_at', 'is', null)
    .execute();
}

type Prepared = { message: RenderedMessage } | { nothing: string };

/**
 * Resolves the recipient and renders the words. `ticket:<id>` recipients of
 * SMS are the citizen's phone, decrypted only now so that no number is ever
 * stored in the outbox; `user:<id>` recipients of e-mail are the user's
 * address. A reply SMS gets its one-time callback link here, at send time.
 */
async function prepare(ctx: ServiceContext, row: OutboxRow): Promise<Prepared> {
  if (isServiceRecipient(row)) return prepareServiceMessage(ctx, row);
  const payload = row.payload ?? {};
  let to = row.recipient;
  let ticketId = numberOf(payload.ticketId);
  if (row.channel === 'sms' && to.startsWith('ticket:')) {
    ticketId = numberOf(to.slice('ticket:'.length));
    const ticket =
      ticketId === null
        ? undefined
        : await ctx.db
            .selectFrom('tickets')
            .select(['citizen_phone_enc'])
            .where('id', '=', ticketId)
            .executeTakeFirst();
    if (!ticket?.citizen_phone_enc) return { nothing: 'no phone number on the ticket: nothing to send' };
    to = ctx.cipher.decrypt(ticket.citizen_phone_enc);
  } else if (row.channel === 'email' && to.startsWith('user:')) {
    const userId = numberOf(to.slice('user:'.length));
    const user =
      userId === null
        ? undefined
        : await ctx.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    if (!user?.email) return { nothing: 'no e-mail address for the user: nothing to send' };
    to = user.email;
  } else if (row.channel === 'sms' && to.startsWith('user:')) {
    // Staff SMS (the person on duty 值班): the user's phone, decrypted only now, like a citizen's.
    const userId = numberOf(to.slice('user:'.length));
    const user =
      userId === null
        ? undefined
        : await ctx.db.selectFrom('users').select('phone_enc').where('id', '=', userId).executeTakeFirst();
    if (!user?.phone_enc) return { nothing: 'no phone number for the user: nothing to send' };
    to = ctx.cipher.decrypt(user.phone_enc);
  }
  const context: RenderContext = { publicUrl: ctx.config.publicUrl };
  if (row.template === 'ticket_replied' && row.channel === 'sms' && ticketId !== null) {
    const link = await callbackLinkFor(ctx, ticketId, numberOf(payload.round));
    if (link) {
      context.callbackUrl = link;
      context.callbackHours = DEFAULT_CALLBACK_LINK_HOURS;
    }
  }
  const words = renderTemplate(row.template, payload, context);
  return {
    message: {
      outboxId: row.id,
      idempotencyKey: idempotencyKeyOf(row.id),
      channel: row.channel as RenderedMessage['channel'],
      to,
      template: row.template,
      title: words.title,
      body: words.body,
      text: words.sms,
      payload,
      ticketId,
      at: ctx.clock(),
    },
  };
}

/** A link only while the callback of that round is still awaited; otherwise the SMS just reports. */
async function callbackLinkFor(
  ctx: ServiceContext,
  ticketId: number,
  round: number | null,
): Promise<string | null> {
  const ticket = await ctx.db
    .selectFrom('tickets')
    .select(['state', 'dispatch_round'])
    .where('id', '=', ticketId)
    .executeTakeFirst();
  const current = round ?? ticket?.dispatch_round ?? null;
  if (!ticket || current === null || ticket.state !== 'replied' || ticket.dispatch_round !== current)
    return null;
  const token = await createCallbackLink(ctx, { ticketId, round: current });
  return callbackLinkUrl(ctx.config.publicUrl, token);
}

function numberOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}
