/**
 * The web app: the Vite build in web/dist served by this server, with an SPA
 * fallback (any GET outside the API paths answers index.html, so deep links
 * and the one-time callback links work), long caching for hashed assets and
 * none for index.html. Also the one boot call the app makes for its pickers:
 * public reference data (areas, categories, units) in one cacheable answer.
 *
 * Without a build (tests that only exercise the API) the APIs still work and
 * pages answer a short bilingual note saying how to build the app.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../../services/context.js';
import type { ReferenceData } from '../../services/reference-cache.js';

/** Paths that belong to the server, never to the app: unknown ones stay JSON 404s. */
const SERVER_PREFIXES = ['/api', '/open311', '/docs', '/healthz', '/readyz'];

export function isServerPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

const ASSET_PATH = /^\/assets\/|\.(?:js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|json|txt|xml)$/i;

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>jiesu 接诉</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}code{background:#eee;padding:0 .3em}</style>
</head><body>
<h1>接诉 jiesu</h1>
<p>网页应用尚未构建。请运行 <code>npm run build</code>（或 <code>npm start</code>）后刷新本页。接口（<a href="/docs">/docs</a>）可正常使用。</p>
<p lang="en">The web app has not been built. Run <code>npm run build</code> (or <code>npm start</code>) and reload this page. The API (<a href="/docs">/docs</a>) works as usual.</p>
</body></html>`;

function presentReference(ref: ReferenceData) {
  return {
    areas: [...ref.areas.values()]
      .map((a) => ({
        code: a.code,
        name: a.name,
        shortName: a.short_name,
        level: a.level,
        parentCode: a.parent_code,
        townshipCode: a.township_code,
        lat: a.lat,
        lng: a.lng,
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    categories: [...ref.categories.values()]
      .filter((c) => c.active)
      .sort((a, b) => a.sort - b.sort || a.id - b.id)
      .map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        nameEn: c.name_en,
        parentId: c.parent_id,
        level: c.level,
      })),
    units: [...ref.units.values()]
      .filter((u) => u.active)
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((u) => ({
        id: u.id,
        code: u.code,
        name: u.name,
        nameEn: u.name_en,
        shortName: u.short_name,
        peerGroup: u.peer_group,
        parentId: u.parent_id,
      })),
  };
}

export interface WebAppOptions {
  /** the built app; web/dist under the working directory by default */
  distDir?: string;
}

export function webAppRoutes(ctx: ServiceContext, options: WebAppOptions = {}) {
  return async (app: FastifyInstance) => {
    let cached: { loadedAt: number; body: string; etag: string } | null = null;
    app.get(
      '/api/web/reference',
      {
        schema: {
          tags: ['web app'],
          summary: '网页应用参考数据 Reference data for the web app (areas, categories, units)',
        },
      },
      async (req, reply) => {
        const ref = await ctx.reference.get();
        if (!cached || cached.loadedAt !== ref.loadedAt) {
          const data = presentReference(ref);
          const json = JSON.stringify(data);
          const version = createHash('sha256').update(json).digest('base64url').slice(0, 16);
          const body = JSON.stringify({ ...data, version });
          cached = { loadedAt: ref.loadedAt, body, etag: `"${version}"` };
        }
        reply.header('etag', cached.etag).header('cache-control', 'no-cache');
        if (req.headers['if-none-match'] === cached.etag) return reply.code(304).send();
        return reply.type('application/json; charset=utf-8').send(cached.body);
      },
    );

    const dist = options.distDir ?? join(process.cwd(), 'web', 'dist');
    const indexFile = join(dist, 'index.html');
    const built = existsSync(indexFile);
    if (built) {
      await app.register(fastifyStatic, {
        root: dist,
        prefix: '/',
        wildcard: false,
        index: false,
        cacheControl: false,
        setHeaders: (reply, path) => {
          // Vite puts content hashes in every file name under assets/: they never change.
          const immutable = path.startsWith(join(dist, 'assets'));
          reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    }
    const indexHtml = built ? readFileSync(indexFile, 'utf8') : NOT_BUILT;

    const page = async (req: FastifyRequest, reply: FastifyReply) => {
      // A missing asset must not answer HTML: the browser would run index.html as a script.
      if (isServerPath(req.url) || ASSET_PATH.test(req.url.split('?')[0] ?? ''))
        throw new AppError('NOT_FOUND');
      return reply
        .code(200)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(indexHtml);
    };
    app.get('/', { schema: { hide: true } }, page);
    app.get('/*', { schema: { hide: true } }, page);
  };
}
