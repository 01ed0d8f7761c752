/** Rules shared by the user-administration use cases. */
import type { Executor } from '../../db/database.js';
import type { UserRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';

export async function loadUser(db: Executor, userId: number): Promise<UserRow> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('USER_NOT_FOUND', { user: userId });
  return user;
}

/**
 * Refuses to leave the platform without an active admin: nobody could then
 * manage users through the web. The admin rows are locked so two admins
 * demoting each other at once cannot both succeed.
 */
export async function keepAnAdmin(db: Executor, leaving: UserRow): Promise<void> {
  if (leaving.role !== 'admin' || !leaving.active) return;
  const admins = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .forUpdate()
    .execute();
  if (!admins.some((a) => a.id !== leaving.id)) throw new AppError('LAST_ADMIN');
}

export async function revokeSessionsOf(db: Executor, userId: number, now: Date, except?: string | null) {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (except) q = q.where('id', '!=', except);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function snapshotUser(u: UserRow) {
  return {
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    unitId: u.unit_id,
    email: u.email,
    active: u.active,
  };
}
