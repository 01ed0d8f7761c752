/**
 * The security edge of the HTTP server, registered before every route:
 *
 * - rate limits 限流 (./rate-limits.ts): each limited route gets its
 *   per-address limit from the configuration (overriding what the route
 *   module wrote) and a per-account check after sign-in is resolved;
 * - request strings with U+0000, which PostgreSQL text cannot store, are
 *   refused as bad input instead of failing in the database;
 * - headers helmet does not set: Permissions-Policy, and `no-store` on API
 *   answers that do not say otherwise, so personal data never sits in a
 *   shared cache;
 * - the list of every route registered, for the authorization tests that
 *   try each route as each role.
 *
 * It must be registered before @fastify/rate-limit: both act in `onRoute`,
 * and the plugin reads the route's limit after this hook has set it.
 */

import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../domain/errors.js';
import type { ServiceContext } from '../services/context.js';
import { type Limit, type LimitName, planFor, type RateLimits } from './rate-limits.js';

export interface RegisteredRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every route of the app, in registration order (HEAD twins left out) */
    registeredRoutes: RegisteredRoute[];
  }
}

export interface HttpHardeningOptions {
  rateLimits: RateLimits;
}

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), payment=(), usb=(), geolocation=(self)';

type AccountKey = (req: FastifyRequest, ctx: ServiceContext) => string | null;

function bodyField(req: FastifyRequest, name: string): string | null {
  const body = req.body;
  if (typeof body !== 'object' || body === null) return null;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** What "one account" means for each per-account limit. */
const ACCOUNT_KEYS: Partial<Record<LimitName, AccountKey>> = {
  // The username being tried, existing or not, so that probing names is throttled too.
  'signin.account': (req) => bodyField(req, 'username')?.toLowerCase() ?? null,
  'password.account': (req) => (req.principal.userId === null ? null : `user:${req.principal.userId}`),
  'intake.account': (req) => (req.principal.userId === null ? null : `user:${req.principal.userId}`),
  'open311.account': (req) => (req.principal.apiKeyId === null ? null : `key:${req.principal.apiKeyId}`),
  'public.phone': (req, ctx) => {
    const phone = bodyField(req, 'phone');
    return phone ? `phone:${ctx.cipher.hashPhone(phone).slice(0, 32)}` : null;
  },
};

type Check = (
  req: FastifyRequest,
) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

function appendPreHandler(
  route: RouteOptions,
  handler: (req: FastifyRequest, reply: FastifyReply) => Promise<void>,
) {
  const existing = route.preHandler;
  route.preHandler =
    existing === undefined
      ? [handler]
      : Array.isArray(existing)
        ? [...existing, handler]
        : [existing, handler];
}

/** Whether a string anywhere in a parsed request (keys included) holds U+0000; bounded in depth. */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 20) return false;
  if (Buffer.isBuffer(value)) return false;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000') || holdsNul(v, depth + 1)) return true;
  }
  return false;
}

export function httpHardening(ctx: ServiceContext, options: HttpHardeningOptions) {
  return fp(
    async (app: FastifyInstance) => {
      const routes: RegisteredRoute[] = [];
      app.decorate('registeredRoutes', routes);
      const checks = new Map<LimitName, Check>();

      const accountLimiter = (name: LimitName, limit: Limit, keyOf: AccountKey) => {
        return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
          const key = keyOf(req, ctx);
          if (key === null) return;
          let check = checks.get(name);
          if (!check) {
            // Created at the first request: @fastify/rate-limit registers after this plugin.
            check = req.server.createRateLimit({
              max: limit.max,
              timeWindow: limit.windowMs,
              keyGenerator: (r) => `${name}:${keyOf(r, ctx) ?? ''}`,
            }) as Check;
            checks.set(name, check);
          }
          const result = await check(req);
          if (result.isAllowed || !result.isExceeded) return;
          const seconds = Math.max(1, result.ttlInSeconds ?? 60);
          reply.header('retry-after', seconds);
          throw new AppError('RATE_LIMITED', { seconds });
        };
      };

      app.addHook('onRoute', (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url });
        if (!options.rateLimits.enabled) {
          if (route.config?.rateLimit) route.config = { ...route.config, rateLimit: false };
          return;
        }
        const plan = methods.map((m) => planFor(m, route.url)).find((p) => p !== null);
        if (!plan) return;
        const ip = options.rateLimits.limits[plan.ip];
        route.config = { ...(route.config ?? {}), rateLimit: { max: ip.max, timeWindow: ip.windowMs } };
        const keyOf = plan.account ? ACCOUNT_KEYS[plan.account] : undefined;
        if (plan.account && keyOf) {
          appendPreHandler(
            route,
            accountLimiter(plan.account, options.rateLimits.limits[plan.account], keyOf),
          );
        }
      });

      // PostgreSQL text cannot hold U+0000: such input would fail in the database as a 500.
      // No citizen or client means it; refuse it at the edge as the bad input it is.
      app.addHook('preValidation', async (req) => {
        if (holdsNul(req.params) || holdsNul(req.query) || holdsNul(req.body)) {
          throw new AppError('BAD_REQUEST', {
            reason: 'NUL character (U+0000) in the request / 请求含有空字符',
          });
        }
      });

      app.addHook('onSend', async (req, reply, payload) => {
        reply.header('permissions-policy', PERMISSIONS_POLICY);
        if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
          reply.header('cache-control', 'no-store');
        }
        return payload;
      });
    },
    { name: 'jiesu-http-hardening' },
  );
}
