/**
 * The Idempotency-Key header on POST. Generic routes claim the key before
 * the handler and store the answer after it; routes marked `transactional`
 * let the use case claim the key inside its own transaction.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../../services/context.js';
import {
  claimIdempotency,
  type IdempotencyClaim,
  lookupIdempotency,
  releaseIdempotency,
  requestHash,
  storeIdempotentResponse,
} from '../../services/idempotency.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null;
    /** set when a transactional create already happened under this key */
    idempotentResource: { resourceType: string; resourceId: number } | null;
  }
  interface FastifyContextConfig {
    idempotency?: 'generic' | 'transactional' | 'none';
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

function scopeOf(req: FastifyRequest): string {
  const p = req.principal;
  if (p.kind === 'user') return `user:${p.userId}`;
  if (p.kind === 'api_key') return `key:${p.apiKeyId}`;
  return `ip:${req.ip}`;
}

export function idempotency(ctx: ServiceContext) {
  return fp(async (app: FastifyInstance) => {
    app.decorateRequest('idempotency', null);
    app.decorateRequest('idempotentResource', null);
    app.addHook('preHandler', async (req, reply) => {
      if (req.method !== 'POST') return;
      const mode = req.routeOptions.config?.idempotency ?? 'generic';
      const header = req.headers['idempotency-key'];
      if (mode === 'none' || typeof header !== 'string') return;
      if (!KEY_PATTERN.test(header)) {
        throw new AppError('VALIDATION_FAILED', {}, [
          { path: 'Idempotency-Key', code: 'format', message: '1–200 printable ASCII characters' },
        ]);
      }
      const claim = {
        scope: scopeOf(req),
        key: header,
        requestHash: requestHash(req.method, req.url, req.body),
      };
      for (let attempt = 0; attempt < 2; attempt++) {
        const found = await lookupIdempotency(ctx.db, claim);
        if (found.kind === 'replay') {
          reply.header('idempotent-replayed', 'true');
          return reply.code(found.status).send(found.body);
        }
        if (found.kind === 'resource') {
          req.idempotency = claim;
          req.idempotentResource = found;
          reply.header('idempotent-replayed', 'true');
          return;
        }
        if (found.kind === 'in_progress') throw new AppError('IDEMPOTENCY_IN_PROGRESS');
        if (mode === 'transactional' || (await claimIdempotency(ctx.db, claim))) {
          req.idempotency = claim;
          return;
        }
      }
      throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    });
    app.addHook('onSend', async (req, reply, payload) => {
      const claim = req.idempotency;
      if (!claim || (reply.getHeader('idempotent-replayed') === 'true' && !req.idempotentResource))
        return payload;
      if (reply.statusCode >= 500) {
        await releaseIdempotency(ctx.db, claim);
        return payload;
      }
      let body: unknown = payload;
      if (typeof payload === 'string') {
        try {
          body = JSON.parse(payload);
        } catch {
          body = payload;
        }
      }
      await storeIdempotentResponse(ctx.db, claim, reply.statusCode, body);
      return payload;
    });
  });
}
