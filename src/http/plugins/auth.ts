/**
 * Resolves the caller on every request: an API key (Authorization: Bearer
 * jsk_… or X-Api-Key), else the session cookie, else anonymous. Requests that
 * change something with a cookie session must carry the session's CSRF token
 * in X-CSRF-Token (double submit: the token is also in a readable cookie).
 */
import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/vocabulary.js';
import { resolveApiKey } from '../../services/auth/api-keys.js';
import type { Principal } from '../../services/auth/principal.js';
import { resolveSession } from '../../services/auth/resolve-session.js';
import { safeEqual } from '../../services/auth/tokens.js';
import type { ServiceContext } from '../../services/context.js';

export const SESSION_COOKIE = 'jiesu_session';
export const CSRF_COOKIE = 'jiesu_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function presentedApiKey(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+jsk_/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  return null;
}

export function authentication(ctx: ServiceContext) {
  return fp(async (app: FastifyInstance) => {
    app.addHook('preHandler', async (req) => {
      const key = presentedApiKey(req);
      if (key) {
        const principal = await resolveApiKey(ctx, key);
        if (!principal) throw new AppError('API_KEY_INVALID');
        req.principal = principal;
        return;
      }
      const token = req.cookies?.[SESSION_COOKIE];
      if (!token) return;
      const principal = await resolveSession(ctx, token);
      if (!principal) {
        req.sessionExpired = true;
        return;
      }
      req.principal = principal;
      if (!SAFE_METHODS.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
          throw new AppError('CSRF_FAILED');
        }
      }
    });
  });
}

/** The caller must be signed in (a user); API keys and anonymous callers are refused. */
export function requireUser(req: FastifyRequest): Principal {
  const p = req.principal;
  if (p.kind !== 'user') throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  return p;
}

export function requireRole(req: FastifyRequest, roles: readonly Role[]): Principal {
  const p = requireUser(req);
  if (!roles.includes(p.role)) throw new AppError('FORBIDDEN');
  return p;
}

export function requireScope(req: FastifyRequest, scope: string): Principal {
  const p = req.principal;
  if (p.kind !== 'api_key') throw new AppError('API_KEY_INVALID');
  if (!p.scopes.includes(scope)) throw new AppError('SCOPE_MISSING', { scope });
  return p;
}

export function clientIp(req: FastifyRequest): string {
  return req.ip;
}

export type Reply = FastifyReply;
