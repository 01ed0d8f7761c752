/**
 * 停用/启用用户 Deactivate a user (every session of theirs ends at once) or
 * activate them again. The last active admin cannot be deactivated.
 */
import type { UserRow } from '../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';
import { keepAnAdmin, loadUser, revokeSessionsOf, snapshotUser } from './user-checks.js';

export interface SetUserActiveOptions {
  actor: AdminActor;
  userId: number;
  active: boolean;
}

export async function setUserActive(
  ctx: ServiceContext,
  o: SetUserActiveOptions,
): Promise<{ user: UserRow; revokedSessions: number }> {
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    const before = await loadUser(trx, o.userId);
    if (!o.active) await keepAnAdmin(trx, before);
    const now = ctx.clock();
    const user = await trx
      .updateTable('users')
      .set({ active: o.active, updated_at: now })
      .where('id', '=', o.userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const revokedSessions = o.active ? 0 : await revokeSessionsOf(trx, o.userId, now);
    await audit({
      action: o.active ? 'user.activate' : 'user.deactivate',
      subjectType: 'user',
      subjectId: o.userId,
      before: snapshotUser(before),
      after: snapshotUser(user),
      detail: { revokedSessions },
    });
    return { user, revokedSessions };
  });
}
