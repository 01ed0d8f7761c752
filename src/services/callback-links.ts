/**
 * 回访链接 One-time callback links: a citizen without an account answers the
 * callback ("resolved? satisfied?") by opening the link in the reply SMS.
 * The token is 32 random bytes; only its SHA-256 is stored, so a copy of the
 * database cannot answer anyone's callback. A link expires, works once, and
 * marking it used and closing the ticket happen in one transaction: a used
 * link and an open ticket (or the reverse) can never be observed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { CallbackLinkRow } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import type { Satisfaction } from '../domain/vocabulary.js';
import type { ServiceContext } from './context.js';
import { recordCallback } from './tickets/record-callback.js';
import type { TicketActionResult } from './tickets/run-ticket-action.js';
import { withinTransaction } from './tickets/run-ticket-action.js';
import { inTransaction } from './transaction.js';

export const DEFAULT_CALLBACK_LINK_HOURS = 72;
const HOUR_MS = 3_600_000;
/** 32 bytes in base64url, no padding */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The page a citizen opens; the web app serves it under this path. */
export function callbackLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/callback/${token}`;
}

export interface CreateCallbackLinkOptions {
  ticketId: number;
  /** the dispatch round whose reply the callback is about */
  round: number;
  ttlHours?: number;
  /** an open transaction to write in; the context's database otherwise */
  db?: Executor;
}

/** Creates a link and returns its token, the only time the token exists in clear. */
export async function createCallbackLink(ctx: ServiceContext, o: CreateCallbackLinkOptions): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock();
  const ttl = o.ttlHours ?? DEFAULT_CALLBACK_LINK_HOURS;
  await (o.db ?? ctx.db)
    .insertInto('callback_links')
    .values({
      token_hash: hashToken(token),
      ticket_id: o.ticketId,
      round: o.round,
      created_at: now,
      expires_at: new Date(now.getTime() + ttl * HOUR_MS),
    })
    .execute();
  return token;
}

async function findLink(db: Executor, token: string, lock: boolean): Promise<CallbackLinkRow | undefined> {
  if (!TOKEN_RE.test(token)) return undefined;
  const query = db.selectFrom('callback_links').selectAll().where('token_hash', '=', hashToken(token));
  return lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

/**
 * Unknown → 404, used → 409, expired → 410. A link whose callback was
 * already recorded another way (by phone, or through a second link sent
 * after a retried SMS) counts as used.
 */
async function usableLink(
  db: Executor,
  token: string,
  now: Date,
  lock: boolean,
): Promise<{
  link: CallbackLinkRow;
  ticket: { number: string; title: string; reply_text: string | null; replied_at: Date | null };
}> {
  const link = await findLink(db, token, lock);
  if (!link) throw new AppError('CALLBACK_LINK_INVALID');
  if (link.used_at !== null) throw new AppError('CALLBACK_LINK_USED');
  if (link.expires_at.getTime() <= now.getTime()) throw new AppError('CALLBACK_LINK_EXPIRED');
  const query = db
    .selectFrom('tickets')
    .select(['number', 'title', 'reply_text', 'replied_at', 'state', 'dispatch_round'])
    .where('id', '=', link.ticket_id);
  // Locked when redeeming, so that the state seen here is the state the callback is recorded on
  // (two links of one ticket redeemed at once: the second sees it closed and is "used").
  const ticket = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!ticket) throw new AppError('CALLBACK_LINK_INVALID');
  if (ticket.state !== 'replied' || ticket.dispatch_round !== link.round)
    throw new AppError('CALLBACK_LINK_USED');
  return { link, ticket };
}

/** What the callback page shows: public facts of the ticket, no personal data. */
export interface CallbackLinkFacts {
  ticketNumber: string;
  title: string;
  replyText: string | null;
  repliedAt: Date | null;
  expiresAt: Date;
}

export async function peekCallbackLink(ctx: ServiceContext, token: string): Promise<CallbackLinkFacts> {
  const { link, ticket } = await usableLink(ctx.db, token, ctx.clock(), false);
  return {
    ticketNumber: ticket.number,
    title: ticket.title,
    replyText: ticket.reply_text,
    repliedAt: ticket.replied_at,
    expiresAt: link.expires_at,
  };
}

export interface RedeemCallbackLinkOptions {
  token: string;
  resolved: boolean;
  satisfaction: Satisfaction;
  comment?: string;
}

/**
 * Records the citizen's answer: the link is locked, checked, marked used and
 * the ticket closed through `recordCallback` (a `citizen` actor, via `link`)
 * in one transaction; a refusal anywhere rolls all of it back.
 */
export async function redeemCallbackLink(
  ctx: ServiceContext,
  o: RedeemCallbackLinkOptions,
): Promise<TicketActionResult> {
  const ref = await ctx.reference.get();
  let flush = () => {};
  const result = await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock();
    const { link } = await usableLink(trx, o.token, now, true);
    await trx
      .updateTable('callback_links')
      .set({ used_at: now })
      .where('token_hash', '=', link.token_hash)
      .execute();
    const inner = withinTransaction(ctx, trx, ref);
    flush = inner.flush;
    return recordCallback(inner.ctx, {
      ticketId: link.ticket_id,
      actor: { role: 'citizen', userId: null, unitIds: [] },
      reached: true,
      resolved: o.resolved,
      satisfaction: o.satisfaction,
      comment: o.comment,
      via: 'link',
    });
  });
  flush();
  return result;
}
