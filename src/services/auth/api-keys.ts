/**
 * API keys for machine clients (Open311 apps, gateways): `jsk_<prefix>_<secret>`.
 * Only a hash is stored; the key is shown once at creation. Scopes limit what
 * a key may do (e.g. `open311`).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { ANONYMOUS, type Principal } from './principal.js';
import { safeEqual, tokenHash } from './tokens.js';

export const API_SCOPES = ['open311', 'tickets:read', 'tickets:write', 'opendata'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface CreateApiKeyOptions {
  name: string;
  scopes: string[];
  createdBy?: number | null;
}

export async function createApiKey(
  ctx: ServiceContext,
  o: CreateApiKeyOptions,
): Promise<{ id: number; key: string; prefix: string }> {
  const unknown = o.scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (o.name.trim() === '' || unknown.length > 0 || o.scopes.length === 0) {
    throw new AppError('VALIDATION_FAILED', {}, [
      {
        path: unknown.length ? 'scopes' : 'name',
        code: 'invalid',
        message: `scopes: ${API_SCOPES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
      },
    ]);
  }
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const key = `jsk_${prefix}_${secret}`;
  const row = await ctx.db
    .insertInto('api_keys')
    .values({
      name: o.name.trim(),
      prefix,
      key_hash: tokenHash(key),
      scopes: o.scopes,
      created_by: o.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx.db, {
    actorUserId: o.createdBy ?? null,
    actorRole: o.createdBy ? 'admin' : 'system',
    action: 'api_key.create',
    subjectType: 'api_key',
    subjectId: String(row.id),
    detail: { name: o.name, scopes: o.scopes, prefix },
  });
  return { id: row.id, key, prefix };
}

export async function revokeApiKey(
  ctx: ServiceContext,
  o: { id: number; revokedBy?: number | null },
): Promise<void> {
  const res = await ctx.db
    .updateTable('api_keys')
    .set({ revoked_at: ctx.clock() })
    .where('id', '=', o.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
  await recordAudit(ctx.db, {
    actorUserId: o.revokedBy ?? null,
    actorRole: o.revokedBy ? 'admin' : 'system',
    action: 'api_key.revoke',
    subjectType: 'api_key',
    subjectId: String(o.id),
  });
}

const lastTouched = new Map<number, number>();

/** Resolves a presented key to a principal, or null when it is unknown or revoked. */
export async function resolveApiKey(ctx: ServiceContext, key: string): Promise<Principal | null> {
  const m = /^jsk_([0-9a-f]{12})_[A-Za-z0-9_-]{20,}$/.exec(key.trim());
  if (!m?.[1]) return null;
  const row = await ctx.db.selectFrom('api_keys').selectAll().where('prefix', '=', m[1]).executeTakeFirst();
  if (!row || row.revoked_at || !safeEqual(row.key_hash, tokenHash(key.trim()))) return null;
  const now = ctx.clock().getTime();
  if (now - (lastTouched.get(row.id) ?? 0) > 60_000) {
    lastTouched.set(row.id, now);
    await ctx.db
      .updateTable('api_keys')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    ...ANONYMOUS,
    kind: 'api_key',
    apiKeyId: row.id,
    role: 'api_client',
    username: `api-key:${row.name}`,
    displayName: row.name,
    scopes: row.scopes,
  };
}
