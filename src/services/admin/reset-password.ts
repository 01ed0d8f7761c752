/**
 * 重置密码 An admin (or the operator at the CLI) sets a new password for a
 * user, or lets the system make one that is shown once. The user's sessions
 * end and any lockout is lifted. The password never enters the audit log.
 */
import { randomBytes } from 'node:crypto';
import { checkPasswordRules, hashPassword } from '../../security/passwords.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';
import { loadUser, revokeSessionsOf } from './user-checks.js';

/** 16 URL-safe characters (~96 bits), with a letter and a digit as the rules require. */
export function generatePassword(): string {
  for (;;) {
    const candidate = randomBytes(12).toString('base64url');
    if (/[A-Za-z]/.test(candidate) && /\d/.test(candidate)) return candidate;
  }
}

export interface ResetPasswordOptions {
  actor: AdminActor;
  userId: number;
  /** omitted: a password is generated and returned */
  password?: string;
}

export async function resetPassword(
  ctx: ServiceContext,
  o: ResetPasswordOptions,
): Promise<{ generatedPassword: string | null; revokedSessions: number }> {
  const generated = o.password === undefined ? generatePassword() : null;
  const password = o.password ?? (generated as string);
  const user = await loadUser(ctx.db, o.userId);
  checkPasswordRules(password, user.username);
  // Argon2 takes tens of milliseconds: hash before the transaction holds locks.
  const hash = await hashPassword(password);
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    await loadUser(trx, o.userId);
    const now = ctx.clock();
    await trx
      .updateTable('users')
      .set({
        password_hash: hash,
        password_changed_at: now,
        failed_logins: 0,
        locked_until: null,
        updated_at: now,
      })
      .where('id', '=', o.userId)
      .execute();
    const revokedSessions = await revokeSessionsOf(trx, o.userId, now);
    await audit({
      action: 'user.reset_password',
      subjectType: 'user',
      subjectId: o.userId,
      detail: { generated: generated !== null, revokedSessions },
    });
    return { generatedPassword: generated, revokedSessions };
  });
}
