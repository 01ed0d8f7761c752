/**
 * Open311 GeoReport v2, reading side: discovery, services, service
 * definitions, GET requests (by id and by filters) and the
 * servicerequestupdates extension, each in JSON (validated against the
 * published schemas) and XML (parsed back and compared field by field).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/services/auth/api-keys.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { mergeTicket } from '../../src/services/tickets/merge-ticket.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { recordContact } from '../../src/services/tickets/record-contact.js';
import { replyTicket } from '../../src/services/tickets/reply-ticket.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';
import { DISPATCHER, handlerOf, MAIN_UNIT, newTicket, unitId } from '../support/factories.js';
import { testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import {
  addTestServices,
  expectValid,
  expectXmlMatchesJson,
  FORM_HEADERS,
  form,
  GROUP_NAME,
  PLAIN_CODE,
  parseXml,
  SERVICE_CODE,
} from './open311-support.js';

let rt: TestRuntime;
let app: FastifyInstance;
let apiKey: string;
let categoryId: number;

beforeAll(async () => {
  rt = await openTestRuntime();
  ({ categoryId } = await addTestServices(rt.ctx));
  app = await testServer(rt.ctx);
  apiKey = (await createApiKey(rt.ctx, { name: 'open311 reader test', scopes: ['open311'] })).key;
});
afterAll(async () => {
  await app?.close();
  await rt?.close();
});

const get = (url: string) => app.inject({ method: 'GET', url });
const both = async (path: string, query = '') => ({
  xml: await get(`/open311/v2/${path}.xml${query}`),
  json: await get(`/open311/v2/${path}.json${query}`),
});

async function post(pairs: [string, string][]): Promise<string> {
  const r = await app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: FORM_HEADERS,
    payload: form([['api_key', apiKey], ...pairs]),
  });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { service_request_id: string }[])[0]?.service_request_id ?? '';
}

const basic: [string, string][] = [
  ['service_code', SERVICE_CODE],
  ['address_string', '泉河街道迎宾路与府前街交叉口'],
  ['attribute[building]', '迎宾路12号'],
  ['attribute[severity]', 'severe'],
];

describe(`Open311 reading on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('discovery in both formats, also at /open311/discovery', async () => {
    const { xml, json } = await both('discovery');
    expect(json.statusCode).toBe(200);
    expectXmlMatchesJson(xml, json, 'discovery');
    const d = json.json() as {
      changeset: string;
      contact: string;
      key_service: string;
      endpoints: { specification: string; url: string; type: string; formats: string[] }[];
    };
    expect(d.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${rt.ctx.config.publicUrl}/open311/v2`,
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });
    expect(d.contact).toContain('12345');
    expect(d.key_service).toContain('open311');
    const top = await get('/open311/discovery.json');
    expect(top.json()).toEqual(d);
  });

  it('lists one service per active leaf category, grouped by the level-1 name', async () => {
    const { xml, json } = await both('services');
    expect(json.statusCode).toBe(200);
    expectValid('services', json.json());
    expectXmlMatchesJson(xml, json, 'services');
    const services = json.json() as {
      service_code: string;
      service_name: string;
      description: string | null;
      metadata: boolean;
      type: string;
      keywords: string | null;
      group: string | null;
    }[];
    const leaves = await rt.ctx.db
      .selectFrom('categories')
      .select('code')
      .where('level', '=', 2)
      .where('active', '=', true)
      .execute();
    expect(services.map((s) => s.service_code).sort()).toEqual(leaves.map((l) => l.code).sort());
    for (const s of services) {
      expect(s.service_code).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(s.service_name).toMatch(/\p{Script=Han}/u);
      expect(s.type).toBe('realtime');
      expect(s.group).toMatch(/\p{Script=Han}/u);
    }
    expect(services.find((s) => s.service_code === SERVICE_CODE)).toEqual({
      service_code: SERVICE_CODE,
      service_name: '路灯故障',
      description: '路灯不亮、白天常亮、灯杆倾斜或电线裸露。',
      metadata: true,
      type: 'realtime',
      keywords: '路灯, 灯杆, 不亮',
      group: GROUP_NAME,
    });
    expect(services.find((s) => s.service_code === PLAIN_CODE)).toMatchObject({
      metadata: false,
      description: null,
      keywords: null,
    });
  });

  it('a service definition carries all six datatypes, list values, order and required', async () => {
    const { xml, json } = await both(`services/${SERVICE_CODE}`);
    expect(json.statusCode).toBe(200);
    expectValid('service-definition', json.json());
    expectXmlMatchesJson(xml, json, 'service_definition');
    const def = json.json() as {
      service_code: string;
      attributes: {
        code: string;
        datatype: string;
        required: boolean;
        variable: boolean;
        order: number;
        description: string;
        datatype_description: string | null;
        values?: { key: string; name: string }[];
      }[];
    };
    expect(def.service_code).toBe(SERVICE_CODE);
    expect(new Set(def.attributes.map((a) => a.datatype))).toEqual(
      new Set(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
    );
    expect(def.attributes.map((a) => a.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const severity = def.attributes.find((a) => a.code === 'severity');
    expect(severity).toMatchObject({ required: true, variable: true, description: '严重程度' });
    expect(severity?.values).toEqual([
      { key: 'minor', name: '轻微' },
      { key: 'severe', name: '严重，有安全隐患' },
    ]);
    expect(def.attributes.find((a) => a.code === 'floor')).toMatchObject({
      datatype_description: '整数，单位：层',
      required: false,
    });
    expect(def.attributes.find((a) => a.code === 'building')?.values).toBeUndefined();
    expect(def.attributes.find((a) => a.code === 'notice')?.variable).toBe(false);
    const plain = await get(`/open311/v2/services/${PLAIN_CODE}.json`);
    expect(plain.json()).toEqual({ service_code: PLAIN_CODE, attributes: [] });
    expect(parseXml((await get(`/open311/v2/services/${PLAIN_CODE}.xml`)).body)).toEqual({
      service_definition: { service_code: PLAIN_CODE, attributes: '' },
    });
  });

  it('the Open311 routes are in the OpenAPI document under their own tag', async () => {
    const doc = (await get('/docs/json')).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    expect(doc.paths['/open311/v2/services.xml']?.get?.tags).toEqual(['open311']);
    expect(doc.paths['/open311/v2/requests.json']?.post?.tags).toEqual(['open311']);
  });

  it('unknown service, request, token and path: 404 in the spec’s error format', async () => {
    for (const path of ['services/nope', 'requests/HR99010100001', 'tokens/0123456789abcdef01234567']) {
      const { xml, json } = await both(path);
      expect(xml.statusCode).toBe(404);
      expect(json.statusCode).toBe(404);
      expectXmlMatchesJson(xml, json, 'errors');
      const errors = json.json() as { code: number; description: string }[];
      expect(errors).toHaveLength(1);
      expect(errors[0]?.code).toBe(404);
      expect(errors[0]?.description).toMatch(/\p{Script=Han}/u);
    }
    const odd = await get('/open311/v2/whatever.xml');
    expect(odd.statusCode).toBe(404);
    expect(odd.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(parseXml(odd.body)).toHaveProperty('errors');
    const noFormat = await get('/open311/v2/services.csv');
    expect(noFormat.statusCode).toBe(404);
    expect(noFormat.headers['content-type']).toBe('text/xml; charset=utf-8');
    const en = await app.inject({
      url: '/open311/v2/services/nope.json',
      headers: { 'accept-language': 'en' },
    });
    expect((en.json() as { description: string }[])[0]?.description).toBe('service_code nope not found');
  });

  it('jurisdiction_id is accepted when it is ours and 404 otherwise', async () => {
    const ours = await get(`/open311/v2/services.json?jurisdiction_id=${rt.ctx.config.jurisdictionId}`);
    expect(ours.statusCode).toBe(200);
    const empty = await get('/open311/v2/services.json?jurisdiction_id=');
    expect(empty.statusCode).toBe(200);
    const { xml, json } = await both('services', '?jurisdiction_id=sfgov.org');
    expect(json.statusCode).toBe(404);
    expectXmlMatchesJson(xml, json, 'errors');
    expect(JSON.stringify(json.json())).toContain('sfgov.org');
  });

  it('a request by id in both formats: public fields only, times in +08:00, UTF-8 intact', async () => {
    const description =
      '迎宾路路灯连续三晚不亮，行人摔倒。联系人13912345678，身份证110116199001011234，邮箱zhang@example.com';
    const id = await post([
      ...basic,
      ['description', description],
      ['lat', '40.3245'],
      ['long', '116.6321'],
      ['first_name', '小明'],
      ['last_name', '李'],
      ['phone', '13812340000'],
      ['email', 'li@example.com'],
      ['media_url', 'https://example.com/photos/1.jpg'],
    ]);
    const { xml, json } = await both(`requests/${id}`);
    expect(json.statusCode).toBe(200);
    expectValid('requests', json.json());
    expectXmlMatchesJson(xml, json, 'service_requests');
    const [r] = json.json() as Record<string, unknown>[];
    expect(r).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '已受理',
      service_name: '路灯故障',
      service_code: SERVICE_CODE,
      agency_responsible: null,
      expected_datetime: null,
      address: '泉河街道迎宾路与府前街交叉口',
      address_id: null,
      zipcode: null,
      lat: 40.3245,
      long: 116.6321,
      media_url: 'https://example.com/photos/1.jpg',
      requested_datetime: '2024-11-26T10:00:00+08:00',
      updated_datetime: '2024-11-26T10:00:00+08:00',
    });
    expect(r?.service_notice).toContain('7天');
    expect(r?.description).toBe(
      '迎宾路路灯连续三晚不亮，行人摔倒。联系人139****5678，身份证110116********1234，邮箱z***@example.com',
    );
    for (const secret of ['13812340000', '李小明', 'li@example.com', '13912345678', '199001011234']) {
      expect(xml.body).not.toContain(secret);
      expect(json.body).not.toContain(secret);
    }
    // the swagger.json spelling of the path answers the same
    expect((await get(`/open311/v2/request/${id}.json`)).json()).toEqual(json.json());
  });

  it('GET requests: service_request_id overrides, service_code and status filter, 90-day windows', async () => {
    const a = await post(basic);
    const b = await post([
      ['service_code', PLAIN_CODE],
      ['address_id', '110116001'],
      ['description', '井盖缺失'],
    ]);
    const closed = await newTicket(rt.ctx, { categoryId });
    await mergeTicket(rt.ctx, {
      ticketId: closed.id,
      actor: DISPATCHER,
      targetId: (await newTicket(rt.ctx, { categoryId })).id,
    });

    const byIds = await both('requests', `?service_request_id=${a},${b}&status=closed&service_code=nothing`);
    expect(byIds.json.statusCode).toBe(200);
    expectValid('requests', byIds.json.json());
    expectXmlMatchesJson(byIds.xml, byIds.json, 'service_requests');
    expect((byIds.json.json() as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([
      a,
      b,
    ]);

    const plain = (await get(`/open311/v2/requests.json?service_code=${PLAIN_CODE}`)).json() as Record<
      string,
      unknown
    >[];
    expect(plain.map((r) => r.service_request_id)).toEqual([b]);
    expect(plain[0]).toMatchObject({ address_id: '110116001', address: '泉河街道，怀柔区，北京市' });
    expect(plain[0]?.service_notice).toContain('24小时');

    const closedOnes = (await get('/open311/v2/requests.json?status=closed')).json() as Record<
      string,
      unknown
    >[];
    expect(closedOnes.map((r) => r.service_request_id)).toEqual([closed.number]);
    expect(closedOnes[0]?.status_notes).toMatch(/^已合并至诉求 HR/);
    const allRes = await get('/open311/v2/requests.json?status=open,closed');
    const all = allRes.json() as unknown[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    // the factory's phone-channel tickets carry a caller's name and number: neither leaves
    expect(allRes.body).not.toContain('张三');
    expect(allRes.body).not.toContain('13812341234');
    const merged = (
      await get(`/open311/v2/servicerequestupdates.json?service_request_id=${closed.number}`)
    ).json();
    expect((merged as { status: string }[]).map((u) => u.status)).toEqual(['OPEN', 'DUPLICATE']);

    // the default window is the last 90 days
    rt.clock.advance(100 * 86_400_000);
    expect((await get('/open311/v2/requests.json')).json()).toEqual([]);
    const window = await get(
      '/open311/v2/requests.json?start_date=2024-11-01T00:00:00%2B08:00&end_date=2024-12-31',
    );
    expect(window.statusCode).toBe(200);
    expect((window.json() as unknown[]).length).toBe(all.length);
    rt.clock.advance(-100 * 86_400_000);
  });

  it('GET requests: bad parameters answer 400 with one error each', async () => {
    const { xml, json } = await both(
      'requests',
      '?start_date=2024-01-01T00:00:00Z&end_date=2024-06-01T00:00:00Z&status=pending&service_code=nope',
    );
    expect(json.statusCode).toBe(400);
    expectXmlMatchesJson(xml, json, 'errors');
    const errors = json.json() as { code: number; description: string }[];
    expect(errors).toHaveLength(3);
    expect(errors.every((e) => e.code === 400)).toBe(true);
    const badDate = await get('/open311/v2/requests.json?start_date=yesterday');
    expect(badDate.statusCode).toBe(400);
    const reversed = await get('/open311/v2/requests.json?start_date=2024-02-01&end_date=2024-01-01');
    expect(reversed.statusCode).toBe(400);
  });

  it('follows a request through its lifecycle: status, notes, agency, deadlines and updates', async () => {
    const id = await post([...basic, ['description', '路灯杆倾斜，\r\n随时可能倒下。']]);
    const ticket = await rt.ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('number', '=', id)
      .executeTakeFirstOrThrow();
    const handler = await handlerOf(rt.ctx, MAIN_UNIT);
    rt.clock.advance(60_000);
    await dispatchTicket(rt.ctx, {
      ticketId: ticket.id,
      actor: DISPATCHER,
      mainUnitId: await unitId(rt.ctx, MAIN_UNIT),
    });
    rt.clock.advance(60_000);
    await signTicket(rt.ctx, { ticketId: ticket.id, actor: handler });
    await recordContact(rt.ctx, { ticketId: ticket.id, actor: handler, note: '已电话联系' });
    rt.clock.advance(3_600_000);
    const replied = (
      await replyTicket(rt.ctx, {
        ticketId: ticket.id,
        actor: handler,
        reply: '已更换灯杆，联系电话13700001111。',
      })
    ).ticket;

    let { xml, json } = await both(`requests/${id}`);
    expectValid('requests', json.json());
    expectXmlMatchesJson(xml, json, 'service_requests');
    let [r] = json.json() as Record<string, unknown>[];
    const unit = (await rt.ctx.reference.get()).unitsByCode.get(MAIN_UNIT);
    expect(r).toMatchObject({
      status: 'open',
      status_notes: '已更换灯杆，联系电话137****1111。',
      agency_responsible: unit?.name,
      description: '路灯杆倾斜，\r\n随时可能倒下。',
    });
    expect(r?.expected_datetime).toMatch(/\+08:00$/);
    expect(new Date(String(r?.expected_datetime)).getTime()).toBe(
      Math.floor((replied.reply_due_at?.getTime() ?? 0) / 1000) * 1000,
    );

    rt.clock.advance(3_600_000);
    await recordCallback(rt.ctx, {
      ticketId: ticket.id,
      actor: DISPATCHER,
      reached: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    ({ xml, json } = await both(`requests/${id}`));
    [r] = json.json() as Record<string, unknown>[];
    expect(r).toMatchObject({ status: 'closed', updated_datetime: '2024-11-26T12:02:00+08:00' });

    const updates = await both('servicerequestupdates', `?service_request_id=${id}`);
    expect(updates.json.statusCode).toBe(200);
    expectXmlMatchesJson(updates.xml, updates.json, 'service_request_updates');
    const list = updates.json.json() as Record<string, unknown>[];
    expect(list.map((u) => u.status)).toEqual([
      'OPEN',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'FIXED',
    ]);
    expect(list.map((u) => u.description)).toEqual([
      '已受理',
      '已派单',
      '已签收',
      '办理中',
      '已反馈待回访：已更换灯杆，联系电话137****1111。',
      '已办结',
    ]);
    for (const u of list) {
      expect(u.service_request_id).toBe(id);
      expect(u.update_id).toMatch(/^\d+$/);
      expect(u.updated_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      expect(u.media_url).toBeNull();
    }

    const windowed = await get(
      '/open311/v2/servicerequestupdates.json?start_date=2024-11-26T10:30:00%2B08:00',
    );
    const statuses = (windowed.json() as { service_request_id: string; status: string }[]).filter(
      (u) => u.service_request_id === id,
    );
    expect(statuses.map((u) => u.status)).toEqual(['IN_PROGRESS', 'FIXED']);
    const tooLong = await get(
      '/open311/v2/servicerequestupdates.json?start_date=2024-01-01&end_date=2024-12-01',
    );
    expect(tooLong.statusCode).toBe(400);
  });
});
