/**
 * Open311 over a real listening socket: the exact Content-Type headers, raw
 * and percent-encoded bracket names with percent-encoded Chinese values as
 * real clients send them, and the standalone smoke client
 * (scripts/open311-smoke.mjs) run against the server as a separate process.
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/services/auth/api-keys.js';
import { testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { addTestServices, expectValid, SERVICE_CODE } from './open311-support.js';

let rt: TestRuntime;
let app: FastifyInstance;
let base: string;
let apiKey: string;

beforeAll(async () => {
  rt = await openTestRuntime();
  await addTestServices(rt.ctx);
  app = await testServer(rt.ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  apiKey = (await createApiKey(rt.ctx, { name: 'open311 http test', scopes: ['open311'] })).key;
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

async function postBody(body: string, format: 'xml' | 'json' = 'json'): Promise<Response> {
  return fetch(`${base}/open311/v2/requests.${format}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
}

describe(`Open311 over HTTP on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('answers with the spec’s content types', async () => {
    for (const [path, type] of [
      ['discovery.xml', 'text/xml; charset=utf-8'],
      ['discovery.json', 'application/json; charset=utf-8'],
      ['services.xml', 'text/xml; charset=utf-8'],
      ['services.json', 'application/json; charset=utf-8'],
      [`services/${SERVICE_CODE}.xml`, 'text/xml; charset=utf-8'],
      ['requests.json', 'application/json; charset=utf-8'],
      ['requests/HR24010100001.xml', 'text/xml; charset=utf-8'],
      ['requests/HR24010100001.json', 'application/json; charset=utf-8'],
    ] as const) {
      const res = await fetch(`${base}/open311/v2/${path}`);
      expect(res.headers.get('content-type'), path).toBe(type);
      const text = await res.text();
      if (type.startsWith('text/xml'))
        expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    }
  });

  it('reads raw and percent-encoded bracket names and UTF-8 values', async () => {
    const description = '怀柔区青春路路灯不亮 — “夜里很黑”，请尽快维修！😀';
    const body = [
      `api_key=${apiKey}`,
      `service_code=${SERVICE_CODE}`,
      `address_string=${encodeURIComponent('青春路 18 号')}`,
      // the spec's own example writes brackets raw; browsers and most libraries encode them
      `attribute[building]=${encodeURIComponent('十八号院')}`,
      `attribute%5Bseverity%5D=severe`,
      `attribute%5Bhazards%5D%5B%5D=dark`,
      `attribute[hazards][]=pole`,
      `attribute%5Bfloor%5D=${encodeURIComponent('2.5')}`,
      `description=${encodeURIComponent(description)}`,
      'first_name=%E5%B0%8F%E7%BA%A2+',
    ].join('&');
    const res = await postBody(body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const [answer] = (await res.json()) as { service_request_id: string }[];
    const id = answer?.service_request_id ?? '';
    const t = await rt.ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('number', '=', id)
      .executeTakeFirstOrThrow();
    expect(t.attributes).toEqual({
      building: '十八号院',
      severity: 'severe',
      hazards: ['dark', 'pole'],
      floor: '2.5',
    });
    expect(t.address).toBe('青春路 18 号');
    expect(t.citizen_name_masked).toBe('小*');

    const json = await fetch(`${base}/open311/v2/requests/${id}.json`);
    const request = ((await json.json()) as Record<string, unknown>[])[0];
    expect(request?.description).toBe(description);
    expectValid('requests', [request]);
    const xml = await (await fetch(`${base}/open311/v2/requests/${id}.xml`)).text();
    expect(xml).toContain(`<description>${description}</description>`);
  });

  it('errors keep the format of the URL, with the spec’s status codes', async () => {
    const forbidden = await postBody('service_code=x', 'xml');
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(await forbidden.text()).toContain('<errors>\n  <error>\n    <code>403</code>');
    const unknown = await fetch(`${base}/open311/v2/nothing/here.json`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([expect.objectContaining({ code: 404 })]);
    const bad = await fetch(`${base}/open311/v2/requests.json?status=pending`);
    expect(bad.status).toBe(400);
  });

  it('a date with an unencoded + offset in the query string is still read as +08:00', async () => {
    const raw = await fetch(
      `${base}/open311/v2/requests.json?start_date=2024-11-26T09:00:00+08:00&end_date=2024-11-26T11:00:00+08:00`,
    );
    expect(raw.status).toBe(200);
    expect(((await raw.json()) as unknown[]).length).toBeGreaterThan(0);
    const later = await fetch(`${base}/open311/v2/requests.json?start_date=2024-11-26T10:00:01+08:00`);
    expect(await later.json()).toEqual([]);
  });

  it('the standalone smoke client passes against this server', async () => {
    const script = fileURLToPath(new URL('../../scripts/open311-smoke.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script, base, apiKey], {
      timeout: 60_000,
    });
    expect(stdout).toContain('all Open311 checks passed');
    expect(stdout).not.toContain('✗');
  });
});
