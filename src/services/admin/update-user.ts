/**
 * 修改用户 Change a user's role, unit, display name or e-mail. Unit roles
 * (handler, unit lead, reviewer) need a unit; the last active admin cannot
 * be demoted. Sessions stay: each request reads the role afresh.
 */
import type { UserRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { ROLES, type Role } from '../../domain/vocabulary.js';
import { UNIT_ROLES } from '../auth/create-user.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, requireSomeField } from './admin-change.js';
import { loadUnit } from './checks.js';
import { keepAnAdmin, loadUser, snapshotUser } from './user-checks.js';

export const ASSIGNABLE_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'system' && r !== 'api_client');

export interface UpdateUserOptions {
  actor: AdminActor;
  userId: number;
  role?: string;
  unitId?: number | null;
  displayName?: string;
  email?: string | null;
}

export async function updateUser(ctx: ServiceContext, o: UpdateUserOptions): Promise<UserRow> {
  const { actor, userId, ...patch } = o;
  requireSomeField(patch);
  if (o.role !== undefined && !(ASSIGNABLE_ROLES as readonly string[]).includes(o.role)) {
    throw new AppError('ROLE_UNKNOWN', { role: o.role });
  }
  return adminTransaction(ctx, actor, async (trx, audit) => {
    const before = await loadUser(trx, userId);
    const role = (o.role ?? before.role) as Role;
    const unitId = o.unitId !== undefined ? o.unitId : before.unit_id;
    if (unitId !== null && unitId !== before.unit_id) {
      const unit = await loadUnit(trx, unitId);
      if (!unit.active) throw new AppError('UNIT_NOT_FOUND', { unit: unit.code });
    }
    if (unitId === null && UNIT_ROLES.includes(role)) throw new AppError('UNIT_REQUIRED_FOR_ROLE', { role });
    if (role !== 'admin') await keepAnAdmin(trx, before);
    const after = await trx
      .updateTable('users')
      .set({
        role,
        unit_id: unitId,
        ...(o.displayName !== undefined ? { display_name: o.displayName.trim() || before.username } : {}),
        ...(o.email !== undefined ? { email: o.email?.trim() || null } : {}),
        updated_at: ctx.clock(),
      })
      .where('id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'user.update',
      subjectType: 'user',
      subjectId: userId,
      before: snapshotUser(before),
      after: snapshotUser(after),
    });
    return after;
  });
}
