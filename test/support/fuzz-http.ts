/**
 * Shared by the HTTP and Open311 fuzz tests: arbitraries for hostile
 * requests (random and malformed bodies, headers, query strings and
 * encodings), a cheap fingerprint of what a request could have changed, and
 * the invariant every answer must keep: never a 500, and an error answer
 * changes nothing.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';

export const FUZZ_RUNS = Number(process.env.JIESU_FUZZ_RUNS ?? 600);

/** Counts and latest changes of the tables a request could write. */
export async function fingerprint(db: Db): Promise<string> {
  const r = await sql<Record<string, unknown>>`select
      (select count(*) from tickets) as tickets,
      (select coalesce(max(updated_at)::text, '') from tickets) as touched,
      (select count(*) from ticket_events) as events,
      (select count(*) from ticket_units) as units,
      (select count(*) from outbox) as outbox,
      (select count(*) from callbacks) as callbacks,
      (select count(*) from open311_requests) as open311,
      (select count(*) from sessions) as sessions,
      (select count(*) from users) as users,
      (select coalesce(sum(failed_logins), 0) from users) as failed`.execute(db);
  return JSON.stringify(r.rows[0]);
}

/** Strings that have broken parsers before: control characters, lone surrogates, huge numbers, pollution keys. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '%',
    '%E0%A4%A',
    '%00',
    '__proto__',
    'constructor',
    'prototype',
    '1e309',
    '-0',
    'NaN',
    '9007199254740993',
    "'; drop table tickets; --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '测试'.repeat(200),
    '\u202e\u2066',
    'null',
    'true',
    '[]',
    '{}',
  ),
);

export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.constant({ __proto__: { polluted: 1 } }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}')),
);

/** A body as bytes: JSON text, broken JSON, invalid UTF-8, UTF-16, empty, or oversized. */
export const rawBody: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 4, arbitrary: nastyJson.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: nastyString.map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: nastyJson.map((v) => Buffer.from(JSON.stringify(v) ?? 'null', 'utf16le')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Buffer.from('{"a":'), Buffer.from([0xff, 0xfe, 0x7b]), Buffer.alloc(0)),
  },
  { weight: 1, arbitrary: fc.constant(Buffer.alloc(1024 * 1024 + 10, 0x61)) },
);

export const contentType = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=gbk',
      'application/json;;;',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'APPLICATION/JSON',
      '',
      'application/vnd.api+json',
    ),
  },
  { weight: 1, arbitrary: nastyString },
);

/** The string with lone surrogates replaced (String.prototype.toWellFormed is ES2024). */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** encodeURIComponent, for strings with lone surrogates too (which it refuses). */
export function safeEncode(s: string): string {
  return encodeURIComponent(wellFormed(s));
}

/** Extra headers (often none): encodings that are not applied, languages, bogus keys and tokens. */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
        'accept-language': fc.oneof(
          fc.constantFrom('en', 'zh-CN', 'en;q=abc', 'xx', '*'),
          fc.string({ maxLength: 30 }),
        ),
        'idempotency-key': fc.oneof(fc.string({ maxLength: 250 }), fc.constantFrom('k-1', ' ', 'ключ')),
        accept: fc.constantFrom('application/xml', 'text/html', '*/*', 'application/json'),
        'x-csrf-token': fc.string({ maxLength: 64 }),
        'x-api-key': fc.string({ maxLength: 64 }),
        authorization: fc.oneof(
          fc.constantFrom('Bearer jsk_x', 'Basic Zm9vOmJhcg==', 'Bearer '),
          fc.string({ maxLength: 40 }),
        ),
      },
      { requiredKeys: [] },
    ),
  },
);

/** Query strings with repeated, empty, bracketed and badly percent-encoded parameters. */
export const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'q',
          'state',
          'limit',
          'cursor',
          'from',
          'to',
          'sort',
          'lang',
          'a[]',
          'a[b]',
          '__proto__',
        ),
        nastyString,
      ),
      fc.oneof(
        nastyString,
        fc.integer().map(String),
        fc.constantFrom('%', '%zz', '%E0%A4%A', 'received,closed', '-1', '1e9'),
      ),
    ),
    { maxLength: 6 },
  )
  .map((pairs) =>
    pairs
      .map(([k, v]) => {
        // Strings with a % go raw, so that broken percent-encodings reach the parser.
        const enc = (s: string) => (/%/.test(s) ? wellFormed(s).replace(/[^\x21-\x7e]/g, '') : safeEncode(s));
        return `${enc(k)}=${enc(v)}`;
      })
      .join('&'),
  );

export interface Tally {
  cases: number;
  byStatus: Record<string, number>;
}

export function tally(): Tally {
  return { cases: 0, byStatus: {} };
}

/** The stable error code of a JSON error answer, for the tallies. */
function errorCode(res: LightMyRequestResponse): string {
  try {
    const code = (JSON.parse(res.body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : '';
  } catch {
    return '';
  }
}

/** The invariant: no 5xx; an error answer left the fingerprint as it was; the prototype is unpolluted. */
export function expectSafe(
  t: Tally,
  res: LightMyRequestResponse,
  before: string,
  after: string,
  what: string,
): void {
  t.cases += 1;
  const code = res.statusCode >= 400 ? errorCode(res) : '';
  const bucket = code ? `${res.statusCode} ${code}` : `${Math.floor(res.statusCode / 100)}xx`;
  t.byStatus[bucket] = (t.byStatus[bucket] ?? 0) + 1;
  if (res.statusCode >= 500) throw new Error(`${what} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
  if (res.statusCode >= 400 && before !== after) {
    throw new Error(`${what} answered ${res.statusCode} but changed the database:\n${before}\n${after}`);
  }
  if (({} as Record<string, unknown>).polluted !== undefined)
    throw new Error(`${what} polluted Object.prototype`);
}
