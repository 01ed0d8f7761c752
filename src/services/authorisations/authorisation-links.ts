/**
 * 授权查询链接 The link a villager receives by SMS to see an authorisation
 * and withdraw it without an account. As with callback links, the token is
 * 32 random bytes made when the SMS is sent and only its SHA-256 is stored;
 * opening it also asks for the last four digits of the villager's phone, so
 * a forwarded or overheard link alone is not enough. Every failure answers
 * the same, so nothing can be learnt by guessing.
 */
import { randomBytes } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import type { AuthorisationRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import { safeEqual } from '../auth/tokens.js';
import { hashToken } from '../callback-links.js';
import type { ServiceContext } from '../context.js';

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
/** The link outlives the authorisation by a month, so that a villager can still look back. */
const AFTER_EXPIRY_MS = 30 * 86_400_000;

export function authorisationLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/services/authorisations/${token}`;
}

export async function createAuthorisationLink(
  ctx: ServiceContext,
  o: { authorisation: Pick<AuthorisationRow, 'id' | 'valid_until'>; db?: Executor },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock();
  await (o.db ?? ctx.db)
    .insertInto('service_authorisation_links')
    .values({
      token_hash: hashToken(token),
      authorisation_id: o.authorisation.id,
      created_at: now,
      expires_at: new Date(o.authorisation.valid_until.getTime() + AFTER_EXPIRY_MS),
    })
    .execute();
  return token;
}

/** The authorisation behind a link, when the link is known, unexpired and the phone digits match. */
export async function authorisationByLink(
  ctx: ServiceContext,
  o: { token: string; phoneLast4: string; db?: Executor; lock?: boolean },
): Promise<AuthorisationRow> {
  const db = o.db ?? ctx.db;
  const invalid = new AppError('AUTHORISATION_LINK_INVALID');
  if (!TOKEN_RE.test(o.token)) throw invalid;
  const link = await db
    .selectFrom('service_authorisation_links')
    .selectAll()
    .where('token_hash', '=', hashToken(o.token))
    .executeTakeFirst();
  if (!link || link.expires_at.getTime() <= ctx.clock().getTime()) throw invalid;
  let query = db.selectFrom('service_authorisations').selectAll().where('id', '=', link.authorisation_id);
  if (o.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || !safeEqual(row.villager_phone_last4, o.phoneLast4)) throw invalid;
  return row;
}
