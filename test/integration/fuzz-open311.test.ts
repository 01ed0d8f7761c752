/**
 * Fuzzing the Open311 GeoReport v2 parsers (fast-check): form bodies with
 * random, repeated, bracketed and badly percent-encoded fields, valid forms
 * with hostile values, wrong content types, and query strings for the GET
 * resources. Every answer is below 500 and in the format the URL asked for
 * (errors in the spec's shape), and no error answer changed anything.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/services/auth/api-keys.js';
import {
  expectSafe,
  FUZZ_RUNS,
  fingerprint,
  nastyString,
  queryString,
  rawBody,
  safeEncode,
  type Tally,
  tally,
  wellFormed,
} from '../support/fuzz-http.js';
import { anonymous, type Client, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { addTestServices, SERVICE_CODE } from './open311-support.js';

let rt: TestRuntime;
let app: FastifyInstance;
let client: Client;
let apiKey = '';
const tallies: Record<string, Tally> = {};
const RUNS = Math.max(20, Math.round(FUZZ_RUNS / 3));

beforeAll(async () => {
  process.env.JIESU_RATE_LIMITS = 'off';
  rt = await openTestRuntime();
  await addTestServices(rt.ctx);
  app = await testServer(rt.ctx);
  client = anonymous(app);
  apiKey = (await createApiKey(rt.ctx, { name: 'open311 fuzz', scopes: ['open311'] })).key;
});
afterAll(async () => {
  delete process.env.JIESU_RATE_LIMITS;
  await app?.close();
  await rt?.close();
  const total = Object.values(tallies).reduce((n, t) => n + t.cases, 0);
  console.log(`fuzz-open311: ${total} cases ${JSON.stringify(tallies)}`);
});

const format = fc.constantFrom('json', 'xml');

async function check(
  name: string,
  method: 'GET' | 'POST',
  url: string,
  body?: Buffer | string,
  type?: string,
) {
  tallies[name] ??= tally();
  const before = await fingerprint(rt.ctx.db);
  const res = await client.request({
    method,
    url,
    ...(body === undefined ? {} : { payload: body }),
    headers: type === undefined ? {} : { 'content-type': type },
  });
  const after = await fingerprint(rt.ctx.db);
  expectSafe(tallies[name] as Tally, res, before, after, `${method} ${url}`);
  // The format of the URL, errors included: XML by default, JSON for .json.
  const expected = url.split('?')[0]?.endsWith('.json') ? 'json' : 'xml';
  if (res.statusCode >= 400) expect(String(res.headers['content-type'])).toContain(expected);
}

/** Field names and values as clients (and attackers) write them. */
const field = fc.tuple(
  fc.oneof(
    fc.constantFrom(
      'api_key',
      'service_code',
      'lat',
      'long',
      'address_string',
      'address_id',
      'description',
      'email',
      'first_name',
      'last_name',
      'phone',
      'device_id',
      'account_id',
      'media_url',
      'jurisdiction_id',
      'attribute[building]',
      'attribute[severity]',
      'attribute[]',
      'attribute[__proto__]',
      'attribute[a][b]',
      '__proto__',
    ),
    nastyString,
  ),
  fc.oneof(
    nastyString,
    fc.double().map(String),
    fc.constantFrom(SERVICE_CODE, '40.32', '116.64', '-91', '1e400'),
  ),
);

const encode = (s: string, raw: boolean) => (raw ? wellFormed(s) : safeEncode(s));

/** A form: a valid core (sometimes), hostile fields, repeated and raw (unencoded) pairs. */
const formBody = fc
  .record({
    core: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    key: fc.oneof(
      { weight: 4, arbitrary: fc.constant('valid') },
      { weight: 1, arbitrary: fc.constantFrom('missing', 'wrong') },
    ),
    fields: fc.array(field, { maxLength: 4 }),
    raw: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map(({ core, key, fields, raw }) => {
    const pairs: [string, string][] = [];
    if (key === 'valid') pairs.push(['api_key', apiKey]);
    if (key === 'wrong') pairs.push(['api_key', 'jsk_not_a_key']);
    if (core)
      pairs.push(
        ['service_code', SERVICE_CODE],
        ['lat', '40.3211'],
        ['long', '116.6402'],
        ['attribute[severity]', 'minor'],
      );
    pairs.push(...fields);
    return pairs.map(([k, v]) => `${encode(k, raw)}=${encode(v, raw)}`).join('&');
  });

const formType = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/x-www-form-urlencoded') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/x-www-form-urlencoded; charset=gbk',
      'application/json',
      'text/xml',
      'multipart/form-data; boundary=z',
      'application/x-www-form-urlencoded;;',
    ),
  },
);

describe(`fuzzing Open311 on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('POST requests: random and malformed forms, content types and encodings', async () => {
    await fc.assert(
      fc.asyncProperty(
        format,
        fc.oneof(formBody, rawBody),
        formType,
        queryString,
        async (f, body, type, q) => {
          await check('POST requests', 'POST', `/open311/v2/requests.${f}${q ? `?${q}` : ''}`, body, type);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('GET requests, services, definitions and updates with hostile query strings and ids', async () => {
    const paths = (f: string, id: string) => [
      `/open311/v2/requests.${f}`,
      `/open311/v2/services.${f}`,
      `/open311/v2/services/${id}.${f}`,
      `/open311/v2/requests/${id}.${f}`,
      `/open311/v2/servicerequestupdates.${f}`,
      `/open311/v2/tokens/${id}.${f}`,
      `/open311/discovery.${f}`,
    ];
    await fc.assert(
      fc.asyncProperty(
        format,
        nastyString.map((s) => safeEncode(s) || 'x'),
        queryString,
        fc.nat(6),
        async (f, id, q, which) => {
          const path = paths(f, id)[which] as string;
          const label = (paths('*', ':id')[which] as string).replace(/\.\*$/, '');
          await check(`GET ${label}`, 'GET', `${path}?${q}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('hostile query strings on the status filters and dates', async () => {
    const filter = fc
      .record(
        {
          service_request_id: fc.oneof(nastyString, fc.constantFrom('HR1,HR2', ',,,', 'x'.repeat(500))),
          service_code: fc.oneof(nastyString, fc.constant(SERVICE_CODE)),
          start_date: fc.oneof(
            nastyString,
            fc
              .date({ noInvalidDate: false })
              .map((d) => (Number.isNaN(d.getTime()) ? 'Invalid' : d.toISOString())),
          ),
          end_date: fc.oneof(
            nastyString,
            fc.constantFrom('2024-13-40T25:61:61Z', '0000-00-00', '9999-12-31T23:59:59Z'),
          ),
          status: fc.oneof(nastyString, fc.constantFrom('open', 'closed', 'open,closed', 'OPEN')),
          jurisdiction_id: fc.oneof(nastyString, fc.constant('huairou.beijing.gov.cn')),
        },
        { requiredKeys: [] },
      )
      .map((o) => new URLSearchParams(o as Record<string, string>).toString());
    await fc.assert(
      fc.asyncProperty(format, filter, async (f, q) => {
        await check('GET requests (filters)', 'GET', `/open311/v2/requests.${f}?${q}`);
        await check('GET updates (filters)', 'GET', `/open311/v2/servicerequestupdates.${f}?${q}`);
      }),
      { numRuns: RUNS },
    );
  });
});
