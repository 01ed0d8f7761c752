/**
 * Per-request facts every route needs: the language of messages (zh by
 * default, en when the client prefers it) and who is calling.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Lang } from '../../domain/errors.js';
import { ANONYMOUS, type Principal } from '../../services/auth/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    principal: Principal;
    /** a session cookie was presented but is expired or revoked */
    sessionExpired: boolean;
  }
}

/** `?lang=en` wins, then the first language of Accept-Language that we speak. */
export function pickLanguage(req: Pick<FastifyRequest, 'headers' | 'query'>): Lang {
  const q = req.query as Record<string, unknown> | undefined;
  const forced = typeof q?.lang === 'string' ? q.lang.toLowerCase() : '';
  if (forced.startsWith('en')) return 'en';
  if (forced.startsWith('zh')) return 'zh';
  const header = req.headers['accept-language'];
  if (typeof header !== 'string' || header === '') return 'zh';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: qParam ? Number(qParam.split('=')[1]) || 0 : 1 };
    })
    .filter((x) => x.tag.startsWith('en') || x.tag.startsWith('zh'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'zh';
}

export const requestContext = fp(async (app: FastifyInstance) => {
  app.decorateRequest('lang', 'zh');
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (req) => {
    req.lang = pickLanguage(req);
    req.principal = ANONYMOUS;
  });
});
