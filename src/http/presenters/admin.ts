/**
 * Users and API keys as the admin screens see them. Hashes (password, key)
 * never leave the server; a user's phone is shown masked.
 */
import type { UserRow } from '../../db/schema.js';
import { ROLE_LABELS, type Role } from '../../domain/vocabulary.js';
import { maskPhone } from '../../security/personal-data.js';
import type { ApiKeyListItem } from '../../services/admin/list-api-keys.js';
import type { ServiceContext } from '../../services/context.js';
import type { ReferenceData } from '../../services/reference-cache.js';

export function presentUser(
  ctx: ServiceContext,
  ref: ReferenceData,
  u: UserRow,
  extra: { activeSessions?: number } = {},
) {
  const unit = u.unit_id === null ? undefined : ref.units.get(u.unit_id);
  const now = ctx.clock();
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    roleLabel: ROLE_LABELS[u.role as Role] ?? { zh: u.role, en: u.role },
    unit: unit ? { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.name_en } : null,
    email: u.email,
    phone: u.phone_enc ? maskPhone(ctx.cipher.decrypt(u.phone_enc)) : null,
    active: u.active,
    locked: u.locked_until !== null && u.locked_until > now,
    lockedUntil: u.locked_until,
    failedLogins: u.failed_logins,
    createdAt: u.created_at,
    passwordChangedAt: u.password_changed_at,
    lastLoginAt: u.last_login_at,
    ...(extra.activeSessions === undefined ? {} : { activeSessions: extra.activeSessions }),
  };
}

export function presentApiKey(k: ApiKeyListItem) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdBy: k.createdBy,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt,
    lastUsedAt: k.lastUsedAt,
  };
}
