/**
 * Serving the web app (no browser needed): SPA fallback for app paths, JSON
 * 404 for unknown API paths and missing assets, caching headers, the boot
 * reference data with its ETag, and the bilingual note when there is no build.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandling } from '../../src/http/plugins/errors.js';
import { requestContext } from '../../src/http/plugins/request-context.js';
import { isServerPath, webAppRoutes } from '../../src/http/routes/web-app.js';
import { buildServer } from '../../src/http/server.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { ensureWebBuild } from './support/browser.js';

describe('web app route', () => {
  let rt: TestRuntime;
  let app: FastifyInstance;

  beforeAll(async () => {
    await ensureWebBuild();
    rt = await openTestRuntime();
    app = await buildServer(rt.ctx, { logger: false });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('answers index.html for app paths, uncached', async () => {
    for (const url of ['/', '/file', '/tickets/12', '/callback/abc_DEF-123', '/dashboard?period=2024-05']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('keeps unknown API paths and missing assets as JSON 404s', async () => {
    for (const url of [
      '/api/nope',
      '/api/tickets/1/nope',
      '/docs/nope.json',
      '/assets/missing-123.js',
      '/x.css',
    ]) {
      const res = await app.inject({ url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Not found' } });
    }
    expect(isServerPath('/api')).toBe(true);
    expect(isServerPath('/apiary')).toBe(false);
    expect(isServerPath('/open311/v2/services.xml')).toBe(true);
  });

  it('serves hashed assets with a long immutable cache', async () => {
    const html = (await app.inject({ url: '/' })).body;
    const js = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1] ?? '';
    const res = await app.inject({ url: js });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('gives the reference data for pickers in one cacheable answer', async () => {
    const res = await app.inject({ url: '/api/web/reference' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      areas: { code: string }[];
      units: { code: string }[];
      categories: unknown[];
    };
    expect(body.areas.some((a) => a.code === '110116001')).toBe(true);
    expect(body.units.some((u) => u.code === 'tw-quanhe')).toBe(true);
    expect(body.categories.length).toBeGreaterThan(10);
    const again = await app.inject({
      url: '/api/web/reference',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('without a build, still serves the API and a bilingual note', async () => {
    const bare = Fastify();
    await bare.register(requestContext);
    await bare.register(errorHandling);
    await bare.register(webAppRoutes(rt.ctx, { distDir: mkdtempSync(join(tmpdir(), 'jiesu-nodist-')) }));
    const page = await bare.inject({ url: '/track' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('npm run build');
    expect(page.body).toContain('网页应用尚未构建');
    expect((await bare.inject({ url: '/api/web/reference' })).statusCode).toBe(200);
    expect((await bare.inject({ url: '/api/unknown' })).statusCode).toBe(404);
    await bare.close();
  });
});
