/**
 * 修改密码 A signed-in user changes their own password. The current one must
 * be given (a stolen session alone must not take over the account), the
 * password rules apply, and every other session of the user ends: if the
 * change was made because a password leaked, the intruder is signed out too.
 */
import { AppError } from '../../domain/errors.js';
import { checkPasswordRules, hashPassword, verifyPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';

export interface ChangePasswordOptions {
  userId: number;
  currentPassword: string;
  newPassword: string;
  /** the session making the change, which stays signed in */
  sessionId: string | null;
  ip?: string | null;
}

export async function changePassword(
  ctx: ServiceContext,
  o: ChangePasswordOptions,
): Promise<{ revokedSessions: number }> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', o.userId).executeTakeFirst();
  if (!user?.active) throw new AppError('ACCOUNT_DISABLED');
  if (!(await verifyPassword(user.password_hash, o.currentPassword))) {
    await recordAudit(ctx.db, {
      actorUserId: user.id,
      actorRole: user.role,
      action: 'auth.password_change_failed',
      subjectType: 'user',
      subjectId: String(user.id),
      ip: o.ip,
    });
    throw new AppError('CURRENT_PASSWORD_WRONG');
  }
  if (o.newPassword === o.currentPassword) throw new AppError('PASSWORD_UNCHANGED');
  checkPasswordRules(o.newPassword, user.username);
  const hash = await hashPassword(o.newPassword);
  const result = await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock();
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    let revoke = trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null);
    if (o.sessionId) revoke = revoke.where('id', '!=', o.sessionId);
    const res = await revoke.executeTakeFirst();
    const revokedSessions = Number(res.numUpdatedRows);
    await recordAudit(trx, {
      actorUserId: user.id,
      actorRole: user.role,
      action: 'auth.password_change',
      subjectType: 'user',
      subjectId: String(user.id),
      detail: { revokedSessions },
      ip: o.ip,
    });
    return { revokedSessions };
  });
  ctx.sessions.clear();
  return result;
}
