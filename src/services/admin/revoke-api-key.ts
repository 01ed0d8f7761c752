/** 吊销 API 密钥 Revoke a key: the next request presenting it is refused. */
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';

export interface RevokeApiKeyOptions {
  actor: AdminActor;
  id: number;
}

export async function revokeApiKey(ctx: ServiceContext, o: RevokeApiKeyOptions): Promise<void> {
  await adminTransaction(ctx, o.actor, async (trx, audit) => {
    const row = await trx
      .updateTable('api_keys')
      .set({ revoked_at: ctx.clock() })
      .where('id', '=', o.id)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name', 'prefix'])
      .executeTakeFirst();
    if (!row) throw new AppError('API_KEY_NOT_FOUND', { id: o.id });
    await audit({
      action: 'api_key.revoke',
      subjectType: 'api_key',
      subjectId: o.id,
      detail: { name: row.name, prefix: row.prefix },
    });
  });
}
