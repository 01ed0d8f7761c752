/**
 * API 密钥 Create a key for a machine client (an Open311 app, a gateway).
 * The key is returned once; only its SHA-256 is stored, so a lost key is
 * revoked and replaced, never recovered. Same format as services/auth/api-keys
 * (`jsk_<12 hex>_<secret>`), which is what resolveApiKey accepts.
 */
import { randomBytes } from 'node:crypto';
import { API_SCOPES } from '../auth/api-keys.js';
import { tokenHash } from '../auth/tokens.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, invalidField } from './admin-change.js';

export interface CreateApiKeyOptions {
  actor: AdminActor;
  name: string;
  scopes: string[];
}

export interface CreatedApiKey {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  /** the secret, shown this once */
  key: string;
}

export async function createApiKey(ctx: ServiceContext, o: CreateApiKeyOptions): Promise<CreatedApiKey> {
  const name = o.name.trim();
  if (name === '' || name.length > 100)
    throw invalidField('name', 'required', '1–100 characters / 1–100 个字符');
  const scopes = [...new Set(o.scopes.map((s) => s.trim()).filter(Boolean))];
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw invalidField(
      'scopes',
      'invalid',
      `choose from ${API_SCOPES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
    );
  }
  const prefix = randomBytes(6).toString('hex');
  const key = `jsk_${prefix}_${randomBytes(24).toString('base64url')}`;
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    const row = await trx
      .insertInto('api_keys')
      .values({ name, prefix, key_hash: tokenHash(key), scopes, created_by: o.actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'api_key.create',
      subjectType: 'api_key',
      subjectId: row.id,
      after: { name, scopes, prefix },
    });
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scopes: row.scopes,
      createdAt: row.created_at,
      key,
    };
  });
}
