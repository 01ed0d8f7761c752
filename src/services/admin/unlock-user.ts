/** 解锁账号 Lift the lockout that repeated failed sign-ins put on an account. */
import type { UserRow } from '../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';
import { loadUser } from './user-checks.js';

export interface UnlockUserOptions {
  actor: AdminActor;
  userId: number;
}

export async function unlockUser(ctx: ServiceContext, o: UnlockUserOptions): Promise<UserRow> {
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    const before = await loadUser(trx, o.userId);
    const user = await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, updated_at: ctx.clock() })
      .where('id', '=', o.userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'user.unlock',
      subjectType: 'user',
      subjectId: o.userId,
      before: { lockedUntil: before.locked_until, failedLogins: before.failed_logins },
    });
    return user;
  });
}
