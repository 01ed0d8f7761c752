/** 用户列表 Users with filters, newest first, with their count of live sessions. */
import type { UserRow } from '../../db/schema.js';
import type { ServiceContext } from '../context.js';

export interface ListUsersOptions {
  role?: string;
  unitId?: number;
  active?: boolean;
  locked?: boolean;
  /** part of the username or display name */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface UserListItem {
  user: UserRow;
  activeSessions: number;
}

export async function listUsers(
  ctx: ServiceContext,
  o: ListUsersOptions = {},
): Promise<{ items: UserListItem[]; total: number }> {
  const now = ctx.clock();
  let q = ctx.db.selectFrom('users');
  if (o.role !== undefined) q = q.where('role', '=', o.role);
  if (o.unitId !== undefined) q = q.where('unit_id', '=', o.unitId);
  if (o.active !== undefined) q = q.where('active', '=', o.active);
  if (o.locked === true) q = q.where('locked_until', '>', now);
  if (o.locked === false)
    q = q.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]));
  if (o.q !== undefined && o.q.trim() !== '') {
    // Escape LIKE wildcards so a search for "a_b" means exactly that.
    const pattern = `%${o.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('username', 'ilike', pattern), eb('display_name', 'ilike', pattern)]));
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(o.limit ?? 50)
      .offset(o.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const sessions = ids.length
    ? await ctx.db
        .selectFrom('sessions')
        .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('user_id', 'in', ids)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .groupBy('user_id')
        .execute()
    : [];
  const live = new Map(sessions.map((s) => [s.user_id, Number(s.n)]));
  return {
    items: rows.map((user) => ({ user, activeSessions: live.get(user.id) ?? 0 })),
    total: Number(count.n),
  };
}
