/**
 * 登录 Sign-in with username and password. Failures are counted per account;
 * after five in a row the account is locked for fifteen minutes, whatever
 * password comes next, so guessing is throttled even across many IPs.
 */

import type { UserRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { dummyHash, verifyPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { newToken, tokenHash } from './tokens.js';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_HOURS = 12;

export interface SignInOptions {
  username: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface SignInResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRow;
}

export async function signIn(ctx: ServiceContext, o: SignInOptions): Promise<SignInResult> {
  const now = ctx.clock();
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', o.username.trim())
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(await dummyHash(), o.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > now) {
    throw new AppError('ACCOUNT_LOCKED', { until: user.locked_until.toISOString() });
  }
  const ok = await verifyPassword(user.password_hash, o.password);
  if (!ok) {
    const failed = user.failed_logins + 1;
    const lock = failed >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
    await ctx.db
      .updateTable('users')
      .set({ failed_logins: lock ? 0 : failed, locked_until: lock })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(ctx.db, {
      actorUserId: user.id,
      actorRole: user.role,
      action: lock ? 'auth.lockout' : 'auth.failed',
      subjectType: 'user',
      subjectId: String(user.id),
      ip: o.ip,
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', { until: lock.toISOString() });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!user.active) throw new AppError('ACCOUNT_DISABLED');
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: tokenHash(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: o.ip ?? null,
        user_agent: o.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      actorRole: user.role,
      action: 'auth.sign_in',
      subjectType: 'user',
      subjectId: String(user.id),
      ip: o.ip,
    });
  });
  return { token, csrfToken, expiresAt, user };
}
