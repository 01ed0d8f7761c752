/** 修改密码 A signed-in user changes their own password; their other sessions end. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword } from '../../services/auth/change-password.js';
import type { ServiceContext } from '../../services/context.js';
import { requireUser } from '../plugins/auth.js';

export function authPasswordRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: '修改密码 Change my password',
          body: z
            .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })
            .strict(),
        },
        // Passwords in the body: keep them out of the idempotency store; guessing is throttled.
        config: { idempotency: 'none', rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (req) => {
        const p = requireUser(req);
        const r = await changePassword(ctx, {
          userId: p.userId as number,
          currentPassword: req.body.currentPassword,
          newPassword: req.body.newPassword,
          sessionId: p.sessionId,
          ip: req.ip,
        });
        return { ok: true, revokedSessions: r.revokedSessions };
      },
    );
  };
}
