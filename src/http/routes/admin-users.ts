/** 用户与密钥 Admin: users (list, create, role/unit, deactivate, reset password, unlock) and API keys. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { createApiKey } from '../../services/admin/create-api-key.js';
import { listApiKeys } from '../../services/admin/list-api-keys.js';
import { listUsers } from '../../services/admin/list-users.js';
import { resetPassword } from '../../services/admin/reset-password.js';
import { revokeApiKey } from '../../services/admin/revoke-api-key.js';
import { setUserActive } from '../../services/admin/set-user-active.js';
import { unlockUser } from '../../services/admin/unlock-user.js';
import { updateUser } from '../../services/admin/update-user.js';
import { loadUser } from '../../services/admin/user-checks.js';
import { createUser } from '../../services/auth/create-user.js';
import type { ServiceContext } from '../../services/context.js';
import { requireAdmin } from '../admin-guard.js';
import { presentApiKey, presentUser } from '../presenters/admin.js';
import {
  apiKeyCreate,
  apiKeyListQuery,
  idParams,
  password,
  userCreate,
  userListQuery,
  userUpdate,
} from '../schemas/admin.js';

export function adminUserRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];

    async function present(userId: number) {
      return presentUser(ctx, await ctx.reference.get(), await loadUser(ctx.db, userId));
    }

    app.get(
      '/api/admin/users',
      { schema: { tags, summary: '用户列表 List users', querystring: userListQuery } },
      async (req) => {
        requireAdmin(req);
        const { lang: _lang, ...filters } = req.query;
        const r = await listUsers(ctx, filters);
        const ref = await ctx.reference.get();
        return {
          items: r.items.map((i) => presentUser(ctx, ref, i.user, { activeSessions: i.activeSessions })),
          total: r.total,
        };
      },
    );

    app.get(
      '/api/admin/users/:id',
      { schema: { tags, summary: '用户详情 A user', params: idParams } },
      async (req) => {
        requireAdmin(req);
        return present(req.params.id);
      },
    );

    app.post(
      '/api/admin/users',
      { schema: { tags, summary: '新建用户 Create a user', body: userCreate } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const b = req.body;
        let unitCode: string | null = null;
        if (b.unitId != null) {
          const unit = (await ctx.reference.get()).units.get(b.unitId);
          if (!unit?.active) throw new AppError('UNIT_NOT_FOUND', { unit: b.unitId });
          unitCode = unit.code;
        }
        const user = await createUser(ctx, {
          username: b.username,
          password: b.password,
          role: b.role,
          unitCode,
          displayName: b.displayName,
          email: b.email ?? null,
          createdBy: { userId: actor.userId, role: actor.role },
        });
        return reply
          .code(201)
          .header('location', `/api/admin/users/${user.id}`)
          .send(await present(user.id));
      },
    );

    app.patch(
      '/api/admin/users/:id',
      {
        schema: { tags, summary: '修改用户 Change role, unit, name', params: idParams, body: userUpdate },
      },
      async (req) => {
        const actor = requireAdmin(req);
        await updateUser(ctx, { actor, userId: req.params.id, ...req.body });
        return present(req.params.id);
      },
    );

    for (const active of [false, true]) {
      app.post(
        `/api/admin/users/:id/${active ? 'activate' : 'deactivate'}`,
        {
          schema: {
            tags,
            summary: active ? '启用用户 Activate a user' : '停用用户 Deactivate a user (ends their sessions)',
            params: idParams,
          },
        },
        async (req) => {
          const actor = requireAdmin(req);
          const r = await setUserActive(ctx, { actor, userId: req.params.id, active });
          return { user: await present(r.user.id), revokedSessions: r.revokedSessions };
        },
      );
    }

    app.post(
      '/api/admin/users/:id/reset-password',
      {
        schema: {
          tags,
          summary: '重置密码 Set a new password, or generate one shown once',
          params: idParams,
          body: z.object({ password: password.optional() }).strict().optional(),
        },
        // The answer may hold a generated password: never store it for replays.
        config: { idempotency: 'none' },
      },
      async (req) => {
        const actor = requireAdmin(req);
        const r = await resetPassword(ctx, { actor, userId: req.params.id, password: req.body?.password });
        return {
          user: await present(req.params.id),
          revokedSessions: r.revokedSessions,
          ...(r.generatedPassword ? { generatedPassword: r.generatedPassword } : {}),
        };
      },
    );

    app.post(
      '/api/admin/users/:id/unlock',
      { schema: { tags, summary: '解锁账号 Lift a sign-in lockout', params: idParams } },
      async (req) => {
        const actor = requireAdmin(req);
        await unlockUser(ctx, { actor, userId: req.params.id });
        return present(req.params.id);
      },
    );

    app.get(
      '/api/admin/api-keys',
      { schema: { tags, summary: 'API 密钥列表 List API keys (no secrets)', querystring: apiKeyListQuery } },
      async (req) => {
        requireAdmin(req);
        return {
          items: (await listApiKeys(ctx, { includeRevoked: req.query.includeRevoked })).map(presentApiKey),
        };
      },
    );

    app.post(
      '/api/admin/api-keys',
      {
        schema: { tags, summary: '新建 API 密钥 Create a key (shown once)', body: apiKeyCreate },
        // The answer holds the secret: never store it for replays.
        config: { idempotency: 'none' },
      },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const k = await createApiKey(ctx, { actor, ...req.body });
        return reply.code(201).send({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          scopes: k.scopes,
          createdAt: k.createdAt,
          key: k.key,
          warning: {
            zh: '请立即保存此密钥，它不会再次显示',
            en: 'Store this key now: it will not be shown again',
          },
        });
      },
    );

    app.post(
      '/api/admin/api-keys/:id/revoke',
      { schema: { tags, summary: '吊销 API 密钥 Revoke a key', params: idParams } },
      async (req) => {
        const actor = requireAdmin(req);
        await revokeApiKey(ctx, { actor, id: req.params.id });
        return { id: req.params.id, revoked: true };
      },
    );
  };
}
