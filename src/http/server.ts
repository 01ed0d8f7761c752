/**
 * The Fastify application: thin routes over the use cases. This file wires
 * the shared parts (parsing, errors, security headers, sign-in, idempotency,
 * OpenAPI) and mounts the route modules.
 */
import { isUtf8 } from 'node:buffer';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import { open311Routes } from '../open311/routes.js';
import { httpHardening } from '../security/http-hardening.js';
import { redactedLogger } from '../security/log-redaction.js';
import { RATE_LIMITS_OFF, rateLimitsFromEnv, trustProxyFromEnv } from '../security/rate-limits.js';
import type { ServiceContext } from '../services/context.js';
import { authentication } from './plugins/auth.js';
import { errorHandling } from './plugins/errors.js';
import { idempotency } from './plugins/idempotency.js';
import { requestContext } from './plugins/request-context.js';
import { adminRoutes } from './routes/admin.js';
import { adminPrivacyRoutes } from './routes/admin-privacy.js';
import { assessmentRoutes } from './routes/assessment.js';
import { analyticsRoutes } from './routes/assessment-analytics.js';
import { authRoutes } from './routes/auth.js';
import { emergencyRoutes } from './routes/emergency.js';
import { intakeRoutes } from './routes/intake.js';
import { openDataRoutes } from './routes/open-data.js';
import { publicRoutes } from './routes/public.js';
import { onlineServiceRoutes } from './routes/services.js';
import { ticketActionRoutes } from './routes/ticket-actions.js';
import { ticketMediaRoutes } from './routes/ticket-media.js';
import { ticketRoutes } from './routes/tickets.js';
import { webAppRoutes } from './routes/web-app.js';

export interface BuildServerOptions {
  logger?: boolean | { level: string };
  /** extra route modules (Open311, assessment, web app …) mounted after the core */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
  rateLimit?: boolean;
}

export const BODY_LIMIT = 1024 * 1024;

/** JSON bodies must be valid UTF-8: a lossy decode would silently change what the citizen wrote. */
function parseJson(_req: unknown, body: Buffer, done: (err: Error | null, value?: unknown) => void): void {
  if (!isUtf8(body)) {
    done(new AppError('BAD_REQUEST', { reason: 'body is not valid UTF-8 / 请求不是有效的 UTF-8' }));
    return;
  }
  const text = body.toString('utf8');
  if (text.trim() === '') {
    done(new AppError('BAD_REQUEST', { reason: 'empty JSON body / 请求体为空' }));
    return;
  }
  try {
    done(null, JSON.parse(text));
  } catch {
    done(new AppError('BAD_REQUEST', { reason: 'malformed JSON / JSON 格式错误' }));
  }
}

export async function buildServer(
  ctx: ServiceContext,
  options: BuildServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    // no personal data or credentials in the log
    logger: redactedLogger(options.logger),
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyFromEnv(process.env),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJson);

  await app.register(requestContext);
  await app.register(errorHandling);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(formbody);
  // before @fastify/rate-limit: it sets the limits that plugin reads when routes are added
  await app.register(
    httpHardening(ctx, {
      rateLimits: options.rateLimit === false ? RATE_LIMITS_OFF : rateLimitsFromEnv(process.env),
    }),
  );
  await app.register(rateLimit, {
    global: false,
    ...(options.rateLimit === false ? { max: Number.MAX_SAFE_INTEGER } : {}),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'jiesu 接诉 API',
        description: '12345 接诉即办 and 全程网办 — JSON API. Errors: { error: { code, message, fields } }.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jiesu_session' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(authentication(ctx));
  await app.register(idempotency(ctx));

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ready', database: ctx.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: ctx.kind });
    }
  });

  await app.register(authRoutes(ctx));
  await app.register(publicRoutes(ctx));
  await app.register(ticketRoutes(ctx));
  await app.register(ticketActionRoutes(ctx));
  await app.register(adminRoutes(ctx));
  await app.register(adminPrivacyRoutes(ctx));
  await app.register(open311Routes(ctx));
  await app.register(assessmentRoutes(ctx));
  await app.register(analyticsRoutes(ctx));
  await app.register(openDataRoutes(ctx));
  await app.register(intakeRoutes(ctx));
  await app.register(emergencyRoutes(ctx));
  await app.register(onlineServiceRoutes(ctx));
  await app.register(ticketMediaRoutes(ctx));
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  // last: its catch-all GET answers the web app for every path the API does not own
  await app.register(webAppRoutes(ctx));

  await app.ready();
  return app;
}
