/** 新建用户 An operator creates a user with a role (and a unit for unit roles). */

import type { UserRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { ROLES, type Role } from '../../domain/vocabulary.js';
import { checkPasswordRules, hashPassword } from '../../security/passwords.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';

export const UNIT_ROLES: readonly Role[] = ['handler', 'unit_lead', 'reviewer'];
const ASSIGNABLE: readonly Role[] = ROLES.filter((r) => r !== 'system' && r !== 'api_client');

export interface CreateUserOptions {
  username: string;
  password: string;
  role: string;
  displayName?: string;
  unitCode?: string | null;
  email?: string | null;
  phone?: string | null;
  createdBy?: { userId: number | null; role: Role };
}

export async function createUser(ctx: ServiceContext, o: CreateUserOptions): Promise<UserRow> {
  const username = o.username.trim();
  if (!/^[A-Za-z0-9._@-]{3,64}$/.test(username)) {
    throw new AppError('VALIDATION_FAILED', {}, [
      {
        path: 'username',
        code: 'format',
        message: '用户名为 3–64 位字母、数字或 ._@- / 3–64 letters, digits or ._@-',
      },
    ]);
  }
  if (!(ASSIGNABLE as readonly string[]).includes(o.role))
    throw new AppError('ROLE_UNKNOWN', { role: o.role });
  const role = o.role as Role;
  checkPasswordRules(o.password, username);
  const ref = await ctx.reference.get();
  let unitId: number | null = null;
  if (o.unitCode) {
    const unit = ref.unitsByCode.get(o.unitCode);
    if (!unit) throw new AppError('UNIT_NOT_FOUND', { unit: o.unitCode });
    unitId = unit.id;
  } else if (UNIT_ROLES.includes(role)) {
    throw new AppError('UNIT_REQUIRED_FOR_ROLE', { role });
  }
  const passwordHash = await hashPassword(o.password);
  return inTransaction(ctx.db, async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN', { username });
    const user = await trx
      .insertInto('users')
      .values({
        username,
        display_name: o.displayName?.trim() || username,
        password_hash: passwordHash,
        role,
        unit_id: unitId,
        email: o.email ?? null,
        phone_enc: o.phone ? ctx.cipher.encrypt(o.phone) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: o.createdBy?.userId ?? null,
      actorRole: o.createdBy?.role ?? 'system',
      action: 'user.create',
      subjectType: 'user',
      subjectId: String(user.id),
      detail: { username, role, unitId },
    });
    return user;
  });
}
