/**
 * Open311 POST requests: a form with attributes becomes a ticket on the
 * open311 channel; the spec's 403 / 404 / 400 answers with every problem
 * listed; idempotent retries; and batch mode with tokens.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { createApiKey, revokeApiKey } from '../../src/services/auth/api-keys.js';
import { testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import {
  addTestServices,
  expectValid,
  expectXmlMatchesJson,
  FORM_HEADERS,
  form,
  PLAIN_CODE,
  parseXml,
  SERVICE_CODE,
  schemasAvailable,
} from './open311-support.js';

let rt: TestRuntime;
let app: FastifyInstance;
let apiKey: string;
let categoryId: number;

beforeAll(async () => {
  rt = await openTestRuntime();
  ({ categoryId } = await addTestServices(rt.ctx));
  app = await testServer(rt.ctx);
  apiKey = (await createApiKey(rt.ctx, { name: 'open311 post test', scopes: ['open311'] })).key;
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

type Pairs = [string, string][];

function postRaw(
  body: string,
  format: 'xml' | 'json' = 'json',
  headers: Record<string, string> = FORM_HEADERS,
  server: FastifyInstance = app,
): Promise<LightMyRequestResponse> {
  return server.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers, payload: body });
}

const post = (pairs: Pairs, format: 'xml' | 'json' = 'json', headers?: Record<string, string>) =>
  postRaw(form([['api_key', apiKey], ...pairs]), format, headers);

const valid: Pairs = [
  ['service_code', SERVICE_CODE],
  ['lat', '40.3211'],
  ['long', '116.6402'],
  ['attribute[building]', '青春路18号院'],
  ['attribute[severity]', 'minor'],
];

async function ticketCount(): Promise<number> {
  const r = await rt.ctx.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function errorsOf(r: LightMyRequestResponse): { code: number; description: string }[] {
  return r.json() as { code: number; description: string }[];
}

describe(`Open311 POST on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('the schema validator is live (it rejects a request that breaks request.json)', () => {
    if (!schemasAvailable()) return;
    expect(() => expectValid('requests', [{ service_request_id: 'x', status: 'pending' }])).toThrow();
  });

  it('creates a ticket on the open311 channel with every datatype of attribute', async () => {
    const before = await ticketCount();
    const r = await post([
      ...valid,
      ['attribute[floor]', '3'],
      ['attribute[seen_at]', '2024-11-25 21:30'],
      ['attribute[details]', '灯杆底座锈蚀，\n风大时晃动。'],
      ['attribute[hazards][]', 'pole'],
      ['attribute[hazards][]', 'wire'],
      ['attribute[notice]', 'ignored: not variable'],
      ['description', '青春路18号院门口路灯杆倾斜，夜间不亮。'],
      ['address_string', '怀柔区泉河街道青春路18号院门口'],
      ['address_id', '110116001'],
      ['first_name', '建国'],
      ['last_name', '王'],
      ['phone', '13600001234'],
      ['email', 'wang@example.com'],
      ['account_id', 'acct-42'],
      ['device_id', 'device-7'],
      ['jurisdiction_id', rt.ctx.config.jurisdictionId],
    ]);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const [answer] = r.json() as { service_request_id: string; service_notice: string; account_id: string }[];
    expect(answer?.service_request_id).toMatch(/^HR\d{11,}$/);
    expect(answer?.service_notice).toContain('7天');
    expect(answer?.account_id).toBe('acct-42');
    expect(answer).not.toHaveProperty('token');
    expect(await ticketCount()).toBe(before + 1);

    const t = await rt.ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('number', '=', answer?.service_request_id ?? '')
      .executeTakeFirstOrThrow();
    expect(t).toMatchObject({
      channel: 'open311',
      state: 'received',
      category_id: categoryId,
      area_code: '110116001',
      township_code: '110116001',
      address: '怀柔区泉河街道青春路18号院门口',
      lat: 40.3211,
      lng: 116.6402,
      description: '青春路18号院门口路灯杆倾斜，夜间不亮。',
      media_urls: [],
      citizen_name_masked: '王**',
      citizen_phone_masked: '136****1234',
    });
    expect(t.attributes).toEqual({
      building: '青春路18号院',
      severity: 'minor',
      floor: '3',
      seen_at: '2024-11-25T21:30:00+08:00',
      details: '灯杆底座锈蚀，\n风大时晃动。',
      hazards: ['pole', 'wire'],
    });
    const side = await rt.ctx.db
      .selectFrom('open311_requests')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(side).toMatchObject({
      service_code: SERVICE_CODE,
      account_id: 'acct-42',
      device_id: 'device-7',
      token: null,
    });
    expect(side.email_enc).not.toContain('wang');
    expect(rt.ctx.cipher.decrypt(side.email_enc ?? '')).toBe('wang@example.com');
    const intake = await rt.ctx.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(intake).toMatchObject({ action: 'intake', actor_role: 'api_client', to_state: 'received' });
  });

  it('answers in XML with the spec’s root and an empty account_id; percent-encoded names work', async () => {
    const body = form(
      [
        ['api_key', apiKey],
        ['service_code', PLAIN_CODE],
        ['address_string', '雁栖镇雁栖湖西路'],
        ['description', '井盖缺失，夜里很危险！'],
      ],
      true,
    );
    const r = await postRaw(body, 'xml');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('text/xml; charset=utf-8');
    const doc = parseXml(r.body) as { service_requests: { request: Record<string, string>[] } };
    const [req] = doc.service_requests.request;
    expect(Object.keys(req ?? {})).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(req?.account_id).toBe('');
    expect(req?.service_notice).toContain('24小时');
    expect(r.body).toContain('<account_id></account_id>');

    const encoded = await postRaw(
      form(
        [
          ['api_key', apiKey],
          ['service_code', SERVICE_CODE],
          ['address_id', '110116002'],
          ['attribute[building]', '龙山街道北大街5号'],
          ['attribute[severity]', 'severe'],
          ['attribute[hazards][]', 'dark'],
        ],
        true,
      ),
    );
    expect(encoded.statusCode, encoded.body).toBe(200);
    const id = (encoded.json() as { service_request_id: string }[])[0]?.service_request_id ?? '';
    const t = await rt.ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('number', '=', id)
      .executeTakeFirstOrThrow();
    expect(t.attributes).toEqual({ building: '龙山街道北大街5号', severity: 'severe', hazards: ['dark'] });
    // no description: the ticket text is made from the answers
    expect(t.description).toBe(
      '【路灯故障】楼号或附近建筑：龙山街道北大街5号；严重程度：严重，有安全隐患；存在哪些问题：照明不足',
    );
  });

  it('403 for a missing, invalid, revoked or unscoped api_key, in both formats', async () => {
    const before = await ticketCount();
    const missing = { json: await postRaw(form(valid)), xml: await postRaw(form(valid), 'xml') };
    expect(missing.json.statusCode).toBe(403);
    expect(missing.xml.statusCode).toBe(403);
    expectXmlMatchesJson(missing.xml, missing.json, 'errors');
    expect(errorsOf(missing.json)).toEqual([{ code: 403, description: '缺少 api_key 参数' }]);

    const wrong = await postRaw(form([['api_key', 'jsk_000000000000_notarealkeynotarealkey'], ...valid]));
    expect(wrong.statusCode).toBe(403);
    expect(errorsOf(wrong)[0]?.description).toBe('api_key 无效或已吊销');

    const other = await createApiKey(rt.ctx, { name: 'opendata only', scopes: ['opendata'] });
    const unscoped = await postRaw(form([['api_key', other.key], ...valid]));
    expect(unscoped.statusCode).toBe(403);
    expect(errorsOf(unscoped)[0]?.description).toContain('open311');

    const revoked = await createApiKey(rt.ctx, { name: 'revoked', scopes: ['open311'] });
    await revokeApiKey(rt.ctx, { id: revoked.id });
    expect((await postRaw(form([['api_key', revoked.key], ...valid]))).statusCode).toBe(403);
    expect(await ticketCount()).toBe(before);
  });

  it('404 for an unknown service_code or jurisdiction_id', async () => {
    const unknown = await post([
      ['service_code', 'no-such-service'],
      ['address_string', '怀柔'],
    ]);
    expect(unknown.statusCode).toBe(404);
    expect(errorsOf(unknown)).toEqual([
      { code: 404, description: '未找到服务 service_code：no-such-service' },
    ]);
    const elsewhere = await post([...valid, ['jurisdiction_id', 'sfgov.org']]);
    expect(elsewhere.statusCode).toBe(404);
  });

  it('400 lists every problem at once, and creates nothing', async () => {
    const before = await ticketCount();
    const r = await post([
      ['service_code', SERVICE_CODE],
      ['lat', '95'],
      ['attribute[floor]', 'three'],
      ['attribute[seen_at]', 'last night'],
      ['attribute[severity]', 'catastrophic'],
      ['attribute[hazards][]', 'dark'],
      ['attribute[hazards][]', 'fire'],
      ['attribute[colour]', 'red'],
      ['attribute[楼层]', '3'],
      ['description', `${'灯'.repeat(4001)}`],
      ['email', 'not-an-email'],
      ['media_url', 'javascript:alert(1)'],
    ]);
    expect(r.statusCode).toBe(400);
    const errors = errorsOf(r);
    expect(errors.every((e) => e.code === 400)).toBe(true);
    const text = errors.map((e) => e.description).join('\n');
    for (const fragment of [
      'lat 超出范围',
      'long 必须与 lat 同时提供',
      'attribute[floor] 必须是数字',
      'attribute[seen_at] 必须是 ISO 8601',
      'attribute[severity] 的取值 catastrophic',
      'attribute[hazards] 的取值 fire',
      '没有属性 colour',
      '属性代码只能由字母',
      '缺少必填属性 attribute[building]',
      'description 不能超过 4000',
      'email 格式错误',
      'media_url 格式错误',
    ]) {
      expect(text).toContain(fragment);
    }
    expect(errors.length).toBe(12);
    const xml = await post(
      [
        ['service_code', SERVICE_CODE],
        ['attribute[building]', 'A'],
        ['attribute[severity]', 'minor'],
      ],
      'xml',
    );
    expect(xml.statusCode).toBe(400);
    const doc = parseXml(xml.body) as { errors: { error: { code: string; description: string }[] } };
    expect(doc.errors.error).toEqual([
      { code: '400', description: '必须提供位置：lat 和 long，或 address_string，或 address_id' },
    ]);
    expect(await ticketCount()).toBe(before);
  });

  it('400 for HTML in the description, a single-value list given twice, and an unknown address_id', async () => {
    const r = await post([
      ...valid,
      ['attribute[severity]', 'severe'],
      ['description', '<script>alert(1)</script>路灯坏了'],
      ['address_id', '110229001'],
    ]);
    expect(r.statusCode).toBe(400);
    expect(errorsOf(r).map((e) => e.description)).toEqual([
      'address_id 110229001 不是怀柔区的行政区划代码',
      'description 不能包含 HTML 或代码',
      '属性 attribute[severity] 只能有一个值',
    ]);
  });

  it('400 for a body that is not a form or not UTF-8', async () => {
    const json = await postRaw(JSON.stringify({ api_key: apiKey }), 'json', {
      'content-type': 'application/json',
    });
    expect(json.statusCode).toBe(400);
    expect(errorsOf(json)[0]?.code).toBe(415);
    const latin1 = await postRaw(`api_key=${apiKey}&service_code=${SERVICE_CODE}&description=%E9%A9`);
    expect(latin1.statusCode).toBe(400);
    expect(errorsOf(latin1)[0]?.description).toContain('UTF-8');
  });

  it('an Idempotency-Key retry returns the first answer and files one ticket (JSON and XML)', async () => {
    for (const format of ['json', 'xml'] as const) {
      const before = await ticketCount();
      const headers = { ...FORM_HEADERS, 'idempotency-key': `open311-retry-${format}` };
      const first = await post([...valid, ['description', `重试测试 ${format}`]], format, headers);
      const second = await post([...valid, ['description', `重试测试 ${format}`]], format, headers);
      expect(first.statusCode, first.body).toBe(200);
      expect(second.statusCode).toBe(200);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['x-ratelimit-limit']).toBe('60');
      expect(second.headers['content-type']).toBe(first.headers['content-type']);
      expect(second.body).toBe(first.body);
      expect(await ticketCount()).toBe(before + 1);
    }
  });

  it('batch mode answers a token, which resolves to the request id', async () => {
    const batch = await buildServer({ ...rt.ctx, config: { ...rt.ctx.config, open311Mode: 'batch' } });
    try {
      const services = (await batch.inject({ url: '/open311/v2/services.json' })).json() as {
        type: string;
      }[];
      expect(new Set(services.map((s) => s.type))).toEqual(new Set(['batch']));
      const r = await postRaw(form([['api_key', apiKey], ...valid]), 'json', FORM_HEADERS, batch);
      expect(r.statusCode, r.body).toBe(200);
      const [answer] = r.json() as Record<string, string | null>[];
      expect(answer).not.toHaveProperty('service_request_id');
      expect(answer?.token).toMatch(/^[0-9a-f]{24}$/);
      expect(answer?.account_id).toBeNull();
      const json = await batch.inject({ url: `/open311/v2/tokens/${answer?.token}.json` });
      const xml = await batch.inject({ url: `/open311/v2/tokens/${answer?.token}.xml` });
      expect(json.statusCode).toBe(200);
      expectXmlMatchesJson(xml, json, 'service_requests');
      const [resolved] = json.json() as { service_request_id: string; token: string }[];
      expect(resolved?.token).toBe(answer?.token);
      const ticket = await batch.inject({ url: `/open311/v2/requests/${resolved?.service_request_id}.json` });
      expect(ticket.statusCode).toBe(200);
      expectValid('requests', ticket.json());
    } finally {
      await batch.close();
    }
  });
});
