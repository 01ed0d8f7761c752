/**
 * Fuzzing the JSON API's parsers (fast-check): random and malformed
 * bodies, content types, encodings, headers and query strings against the
 * routes that take input from the outside — staff intake, public filing and
 * tracking, sign-in, ticket lists and lookups, an action. Every answer is
 * below 500, every error has the stable error shape, and no error answer
 * changed anything. JIESU_FUZZ_RUNS scales the cases (default 600 per property).
 */
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketIn } from '../support/factories.js';
import {
  contentType,
  expectSafe,
  extraHeaders,
  FUZZ_RUNS,
  fingerprint,
  nastyJson,
  nastyString,
  queryString,
  rawBody,
  safeEncode,
  type Tally,
  tally,
} from '../support/fuzz-http.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let agent: Client;
let dispatcher: Client;
let ticketId = 0;
const tallies: Record<string, Tally> = {};
const RUNS = Math.max(20, Math.round(FUZZ_RUNS / 4));

beforeAll(async () => {
  // Limits would turn most cases into 429s, which prove nothing about the parsers.
  process.env.JIESU_RATE_LIMITS = 'off';
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  agent = await signedIn(app, rt.ctx, 'agent');
  dispatcher = await signedIn(app, rt.ctx, 'dispatcher');
  ticketId = (await ticketIn(rt.ctx, 'dispatched')).id;
});
afterAll(async () => {
  delete process.env.JIESU_RATE_LIMITS;
  await app?.close();
  await rt?.close();
  const total = Object.values(tallies).reduce((n, t) => n + t.cases, 0);
  console.log(`fuzz-http: ${total} cases ${JSON.stringify(tallies)}`);
});

async function check(name: string, client: Client, o: InjectOptions): Promise<void> {
  tallies[name] ??= tally();
  const before = await fingerprint(rt.ctx.db);
  const res = await client.request(o);
  const after = await fingerprint(rt.ctx.db);
  expectSafe(tallies[name] as Tally, res, before, after, `${o.method} ${o.url}`);
  if (res.statusCode >= 400 && String(o.url).startsWith('/api/')) {
    const body = res.json() as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code).toBe('string');
    expect(typeof body.error?.message).toBe('string');
  }
}

function withoutCsrf(headers: Record<string, string>): Record<string, string> {
  const { 'x-csrf-token': _drop, ...rest } = headers;
  return rest;
}

/** A valid intake with some fields replaced by hostile values, so validation is reached deep down. */
/** Mostly the good value, sometimes a hostile one: so that some bodies pass and the rest fail deep down. */
function mostly<T>(good: T, bad: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: bad });
}

const mutatedIntake = fc
  .record(
    {
      type: mostly('complaint', nastyString),
      description: mostly(
        '路灯坏了，请尽快修复。',
        fc.oneof(nastyString, fc.string({ minLength: 1, maxLength: 300 })),
      ),
      channel: mostly('phone', nastyString),
      areaCode: mostly('110116001', fc.oneof(nastyString, fc.constant(null))),
      categoryId: mostly(null, fc.oneof(fc.integer(), fc.double(), nastyString)),
      lat: mostly(40.32, fc.oneof(fc.double(), nastyString)),
      lng: mostly(116.64, fc.oneof(fc.double(), nastyString)),
      citizen: mostly(
        { name: '王五', phone: '13900001234' },
        fc.oneof(fc.record({ name: nastyString, phone: nastyString }), nastyJson),
      ),
      attributes: mostly({}, nastyJson),
      mediaUrls: mostly([], fc.oneof(fc.array(nastyString, { maxLength: 3 }), nastyJson)),
    },
    { requiredKeys: ['type', 'description'] },
  )
  .map((o) => Buffer.from(JSON.stringify(o)));

describe(`fuzzing the JSON API on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('staff intake: random bodies, content types, encodings and headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 1, arbitrary: rawBody }, { weight: 3, arbitrary: mutatedIntake }),
        contentType,
        extraHeaders,
        queryString,
        fc.boolean(),
        async (body, type, headers, q, wrongCsrf) => {
          await check('POST /api/tickets', agent, {
            method: 'POST',
            url: `/api/tickets${q ? `?${q}` : ''}`,
            payload: body,
            // A wrong CSRF token now and then; otherwise the session's own (set by the client).
            headers: {
              ...withoutCsrf(headers),
              ...(wrongCsrf ? { 'x-csrf-token': 'wrong' } : {}),
              'content-type': type,
            },
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('public filing, tracking and sign-in from anonymous callers', async () => {
    const pub = anonymous(app);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/public/tickets',
          '/api/public/track',
          '/api/auth/login',
          '/api/public/callback/AAAAAAAAAAAAAAAAAAAAAAAA',
        ),
        rawBody,
        contentType,
        extraHeaders,
        async (url, body, type, headers) => {
          await check(`POST ${url}`, pub, {
            method: 'POST',
            url,
            payload: body,
            headers: { ...headers, 'content-type': type },
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('ticket lists, lookups and an action with hostile query strings, ids and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        queryString,
        fc.oneof(
          fc.integer().map(String),
          nastyString.map(safeEncode),
          fc.constantFrom('0', '-1', '1e3', '99999999999999999999'),
        ),
        rawBody,
        async (q, id, body) => {
          await check('GET /api/tickets', agent, { method: 'GET', url: `/api/tickets?${q}` });
          await check('GET /api/tickets/:id', agent, { method: 'GET', url: `/api/tickets/${id}` });
          await check('GET /api/tickets/by-number/:n', agent, {
            method: 'GET',
            url: `/api/tickets/by-number/${id}`,
          });
          await check('POST /api/tickets/:id/supervise', dispatcher, {
            method: 'POST',
            url: `/api/tickets/${ticketId}/supervise?${q}`,
            payload: body,
            headers: { 'content-type': 'application/json' },
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the prototype of every object stayed clean', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.values(tallies).every((t) => t.cases > 0)).toBe(true);
  });
});
