/**
 * Turns a session cookie into a principal. Sessions end at their expiry or
 * when revoked (sign-out, password change, an admin disabling the user).
 */
import type { Role } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import type { Principal } from './principal.js';
import { unitReach } from './principal.js';
import type { SessionRecord } from './session-cache.js';
import { tokenHash } from './tokens.js';

const TOUCH_EVERY_MS = 60_000;

export async function resolveSession(ctx: ServiceContext, token: string): Promise<Principal | null> {
  const now = ctx.clock();
  const key = tokenHash(token);
  let row: SessionRecord | undefined = ctx.sessions.get(key, now.getTime());
  if (!row) {
    const ticket = ctx.sessions.ticket();
    row = await ctx.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id as sessionId',
        's.csrf_token',
        's.expires_at',
        's.revoked_at',
        's.last_seen_at',
        'u.id as userId',
        'u.username',
        'u.display_name',
        'u.role',
        'u.unit_id',
        'u.active',
      ])
      .where('s.id', '=', key)
      .executeTakeFirst();
    if (!row || row.revoked_at || row.expires_at <= now || !row.active) return null;
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await ctx.db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('id', '=', row.sessionId)
        .execute();
      row = { ...row, last_seen_at: now };
    }
    ctx.sessions.put(key, row, ticket, now.getTime());
  } else if (row.expires_at <= now) {
    return null;
  }
  const ref = await ctx.reference.get();
  const role = row.role as Role;
  return {
    kind: 'user',
    userId: row.userId,
    apiKeyId: null,
    role,
    username: row.username,
    displayName: row.display_name,
    unitId: row.unit_id,
    unitIds: unitReach(ref, role, row.unit_id),
    scopes: [],
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
  };
}

export async function revokeSession(ctx: ServiceContext, sessionId: string): Promise<void> {
  await ctx.db.updateTable('sessions').set({ revoked_at: ctx.clock() }).where('id', '=', sessionId).execute();
  ctx.sessions.clear();
}

export async function revokeUserSessions(ctx: ServiceContext, userId: number): Promise<void> {
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: ctx.clock() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  ctx.sessions.clear();
}
