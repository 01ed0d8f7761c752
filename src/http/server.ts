/**
 * The Fastify application: thin routes over the use cases. Routes are added
 * by the modules in ./routes; this file wires the shared parts (errors,
 * health checks).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ServiceContext } from '../services/context.js';

export interface BuildServerOptions {
  logger?: boolean | { level: string };
}

export async function buildServer(
  ctx: ServiceContext,
  options: BuildServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ready', database: ctx.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: ctx.kind });
    }
  });

  await app.ready();
  return app;
}
