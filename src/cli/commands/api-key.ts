/** `jiesu api-key …` — keys for machine clients (Open311 apps, gateways). */
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { openRuntime } from '../../runtime.js';
import { CLI_ACTOR } from '../../services/admin/admin-change.js';
import { createApiKey } from '../../services/admin/create-api-key.js';
import { listApiKeys } from '../../services/admin/list-api-keys.js';
import { revokeApiKey } from '../../services/admin/revoke-api-key.js';
import { API_SCOPES } from '../../services/auth/api-keys.js';

export function register(program: Command): void {
  const key = program.command('api-key').description('API 密钥管理 / manage API keys');

  key
    .command('create')
    .description('新建密钥 / create a key (printed once)')
    .requiredOption('--name <name>', 'who or what the key is for')
    .requiredOption('--scopes <list>', `comma-separated: ${API_SCOPES.join(', ')}`)
    .action(async (o: { name: string; scopes: string }) => {
      const runtime = await openRuntime();
      try {
        const k = await createApiKey(runtime.ctx, {
          actor: CLI_ACTOR,
          name: o.name,
          scopes: o.scopes.split(','),
        });
        // The key alone on stdout, so `KEY=$(jiesu api-key create …)` works; the rest on stderr.
        console.error(`已创建密钥 / key created: #${k.id} ${k.name} [${k.scopes.join(',')}]`);
        console.log(k.key);
        console.error('请立即保存此密钥，它不会再次显示 / Store this key now: it will not be shown again');
      } finally {
        await runtime.close();
      }
    });

  key
    .command('list')
    .description('密钥列表 / list keys (never the secrets)')
    .option('--all', 'include revoked keys')
    .action(async (o: { all?: boolean }) => {
      const runtime = await openRuntime();
      try {
        const keys = await listApiKeys(runtime.ctx, { includeRevoked: o.all === true });
        for (const k of keys) {
          console.log(
            [
              `#${k.id}`,
              k.name,
              `jsk_${k.prefix}_…`,
              k.scopes.join(','),
              `created ${k.createdAt.toISOString()}`,
              k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : 'never used',
              k.revokedAt ? `REVOKED ${k.revokedAt.toISOString()}` : '',
            ]
              .filter(Boolean)
              .join('  '),
          );
        }
        console.log(`共 ${keys.length} 个密钥 / ${keys.length} keys`);
      } finally {
        await runtime.close();
      }
    });

  key
    .command('revoke')
    .description('吊销密钥 / revoke a key')
    .argument('<id>', 'key id (see api-key list)')
    .action(async (idText: string) => {
      const id = Number(idText);
      if (!Number.isSafeInteger(id) || id <= 0) {
        throw new AppError('VALIDATION_FAILED', {}, [
          { path: 'id', code: 'invalid', message: 'a positive whole number / 正整数' },
        ]);
      }
      const runtime = await openRuntime();
      try {
        await revokeApiKey(runtime.ctx, { actor: CLI_ACTOR, id });
        console.log(`已吊销 / revoked: #${id}`);
      } finally {
        await runtime.close();
      }
    });
}
