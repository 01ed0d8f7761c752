/** API 密钥列表 Every key with its prefix, scopes and use; never the secret or its hash. */
import type { ServiceContext } from '../context.js';

export interface ApiKeyListItem {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: number | null;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export async function listApiKeys(
  ctx: ServiceContext,
  o: { includeRevoked?: boolean } = {},
): Promise<ApiKeyListItem[]> {
  let q = ctx.db
    .selectFrom('api_keys')
    // Columns named one by one so key_hash can never slip into a response.
    .select(['id', 'name', 'prefix', 'scopes', 'created_by', 'created_at', 'revoked_at', 'last_used_at'])
    .orderBy('id', 'desc');
  if (!o.includeRevoked) q = q.where('revoked_at', 'is', null);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  }));
}
