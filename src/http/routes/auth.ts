/** Sign-in, sign-out and "who am I" for the browser (cookie session + CSRF token). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TICKET_POLICY } from '../../domain/policies/ticket-policy.js';
import { ROLE_LABELS, type Role } from '../../domain/vocabulary.js';
import type { Principal } from '../../services/auth/principal.js';
import { revokeSession } from '../../services/auth/resolve-session.js';
import { SESSION_HOURS, signIn } from '../../services/auth/sign-in.js';
import type { ServiceContext } from '../../services/context.js';
import { CSRF_COOKIE, requireUser, SESSION_COOKIE } from '../plugins/auth.js';

export function presentPrincipal(_ctx: ServiceContext, p: Principal, unitName: string | null) {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    roleLabel: ROLE_LABELS[p.role as Role],
    unitId: p.unitId,
    unitName,
    unitIds: p.unitIds,
    policy: TICKET_POLICY[p.role],
  };
}

function setSessionCookies(reply: FastifyReply, token: string, csrf: string, secure: boolean): void {
  const maxAge = SESSION_HOURS * 3600;
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
  reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
}

export function authRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const secure = ctx.config.publicUrl.startsWith('https://');

    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: '登录 Sign in',
          body: z
            .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
            .strict(),
        },
        config: { idempotency: 'none', rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const r = await signIn(ctx, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        });
        setSessionCookies(reply, r.token, r.csrfToken, secure);
        const ref = await ctx.reference.get();
        const { resolveSession } = await import('../../services/auth/resolve-session.js');
        const principal = await resolveSession(ctx, r.token);
        const unit = r.user.unit_id === null ? null : (ref.units.get(r.user.unit_id)?.name ?? null);
        return {
          user: principal ? presentPrincipal(ctx, principal, unit) : null,
          csrfToken: r.csrfToken,
          expiresAt: r.expiresAt,
        };
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: '退出 Sign out' }, config: { idempotency: 'none' } },
      async (req, reply) => {
        if (req.principal.sessionId) await revokeSession(ctx, req.principal.sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户 Current user' } }, async (req) => {
      const p = requireUser(req);
      const ref = await ctx.reference.get();
      const unit = p.unitId === null ? null : (ref.units.get(p.unitId)?.name ?? null);
      return { user: presentPrincipal(ctx, p, unit), csrfToken: p.csrfToken };
    });
  };
}
