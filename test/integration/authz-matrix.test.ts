/**
 * The authorization matrix: every route the server registers (read from
 * the app itself, so a new route is covered the day it lands) tried as
 * every role, as an outsider (a handler of another unit), as API keys and
 * as an anonymous caller. Nothing answers 500; an anonymous caller reaches
 * only the public surface; an outsider sees another unit's ticket as 404;
 * and every refused or failed request that could change something changed
 * nothing — all tables but the logs are fingerprinted after every request.
 * Ticket routes use one fixture per state, with a body that would succeed
 * for the right caller, so refusals come from authorization, not from bad input.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketState } from '../../src/domain/vocabulary.js';
import { createApiKey } from '../../src/services/auth/api-keys.js';
import { kyselyRunner, publicTables } from '../../src/services/backup/table-digests.js';
import { MAIN_UNIT, OTHER_UNIT, someLeafCategory, ticketIn, unitId } from '../support/factories.js';
import { anonymous, type Client, signedIn, testServer } from '../support/http.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let app: FastifyInstance;
let callers: Client[];
let watched: string[];
const fixtures = new Map<TicketState, { id: number; number: string }>();
let ids: Record<string, number> = {};

/** Logs and bookkeeping that a refused request may legitimately touch. */
const UNWATCHED = new Set([
  'sessions',
  'audit_log',
  'idempotency_keys',
  'api_keys',
  'assessment_queue',
  'kysely_migration',
  'kysely_migration_lock',
]);

/** What an anonymous caller may get a success from. */
const PUBLIC = [
  /^\/api\/(public|open-data|reference|web|knowledge|services|matters|certificates|verify)(\/|$)/,
  /^\/api\/auth\/(login|logout)$/,
  /^\/api\/intake\/status$/,
  /^\/open311\//,
  /^\/docs/,
  /^\/(healthz|readyz)$/,
  /^\/(\*)?$/,
  /^\/index\.html$/,
  /^\/assets\//,
  /^\/[^/]+\.(js|css|png|svg|ico|webmanifest|txt|json|woff2?)$/,
];

/** Routes that end the caller's own session: tried last, so the caller stays signed in for the rest. */
const SESSION_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);

/** The state whose ticket an action route is tried on: the one where the action is allowed. */
const ACTION_STATE: Record<string, TicketState> = {
  answer: 'received',
  dispatch: 'received',
  merge: 'received',
  invalidate: 'received',
  sign: 'dispatched',
  return: 'dispatched',
  supervise: 'dispatched',
  unsupervise: 'dispatched',
  'approve-return': 'return_requested',
  'reject-return': 'return_requested',
  contact: 'accepted',
  callback: 'replied',
  reopen: 'closed',
  exempt: 'closed',
  unexempt: 'closed',
};

function actionBody(action: string): Record<string, unknown> {
  const until = new Date(rt.ctx.clock().getTime() + 20 * 86_400_000).toISOString();
  const bodies: Record<string, Record<string, unknown>> = {
    answer: { answer: '已直接答复诉求人' },
    dispatch: { mainUnitId: ids.main },
    sign: {},
    contact: {},
    note: { note: '已现场查看' },
    reply: { reply: '已修复' },
    'co-reply': { reply: '协办意见' },
    callback: { reached: true, resolved: true, satisfaction: 'satisfied' },
    'request-extension': { until, reason: '需协调' },
    'approve-extension': {},
    'add-co-unit': { unitIds: [ids.other] },
    merge: { targetId: fixtures.get('dispatched')?.id },
  };
  return bodies[action] ?? { reason: '授权测试' };
}

/**
 * Per watched table, its row count and the newest row version's transaction id (xmin): an
 * insert or update raises the latter, a delete lowers the former. Much cheaper than hashing
 * every row after each of three thousand requests, and it sees the same changes.
 */
async function fingerprint(): Promise<Record<string, string>> {
  const parts = watched.map(
    (t, i) =>
      `select ${i} as i, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text as m from "${t}"`,
  );
  const r = await sql.raw<{ i: number; m: string }>(parts.join(' union all ')).execute(rt.ctx.db);
  return Object.fromEntries(r.rows.map((row) => [watched[Number(row.i)] as string, row.m]));
}

function changedTables(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys(b).filter((t) => a[t] !== b[t]);
}

beforeAll(async () => {
  process.env.JIESU_RATE_LIMITS = 'off';
  rt = await openTestRuntime();
  app = await testServer(rt.ctx);
  ids = {
    main: await unitId(rt.ctx, MAIN_UNIT),
    other: await unitId(rt.ctx, OTHER_UNIT),
    category: await someLeafCategory(rt.ctx),
  };
  for (const s of [
    'received',
    'dispatched',
    'accepted',
    'in_progress',
    'replied',
    'closed',
    'return_requested',
  ] as const) {
    const t = await ticketIn(rt.ctx, s);
    fixtures.set(s, { id: t.id, number: t.number });
  }
  const keyClient = (role: 'api_client', key: string): Client => {
    const request = (o: InjectOptions) =>
      app.inject({ ...o, headers: { 'x-api-key': key, ...(o.headers ?? {}) } });
    return {
      role,
      userId: null,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, body) => request({ method: 'POST', url, payload: body as object }),
    };
  };
  const open311 = await createApiKey(rt.ctx, { name: 'authz open311', scopes: ['open311'] });
  const everything = await createApiKey(rt.ctx, {
    name: 'authz all',
    scopes: ['open311', 'tickets:read', 'tickets:write', 'opendata'],
  });
  callers = [
    anonymous(app),
    keyClient('api_client', open311.key),
    keyClient('api_client', everything.key),
    await signedIn(app, rt.ctx, 'handler', OTHER_UNIT),
    await signedIn(app, rt.ctx, 'citizen'),
    await signedIn(app, rt.ctx, 'village_agent'),
    await signedIn(app, rt.ctx, 'reviewer', 'dept-rsj'),
    await signedIn(app, rt.ctx, 'supervisor'),
    await signedIn(app, rt.ctx, 'unit_lead', MAIN_UNIT),
    await signedIn(app, rt.ctx, 'handler', MAIN_UNIT),
    await signedIn(app, rt.ctx, 'agent'),
    await signedIn(app, rt.ctx, 'dispatcher'),
    await signedIn(app, rt.ctx, 'admin'),
  ];
  ids.user = callers[10]?.userId ?? 1;
  ids.apiKey = open311.id;
  watched = (await publicTables(kyselyRunner(rt.ctx.db))).filter((t) => !UNWATCHED.has(t));
});
afterAll(async () => {
  delete process.env.JIESU_RATE_LIMITS;
  await app?.close();
  await rt?.close();
});

/** The URL to try: parameters filled with real ids, so an authorised caller would get somewhere. */
function urlFor(route: string): { url: string; state: TicketState | null } {
  const action = /^\/api\/tickets\/:id\/([a-z-]+)$/.exec(route)?.[1];
  const state: TicketState | null = route.startsWith('/api/tickets/:id')
    ? (ACTION_STATE[action ?? ''] ?? 'in_progress')
    : null;
  const ticket = state ? fixtures.get(state) : undefined;
  const idFor = (): string => {
    if (ticket) return String(ticket.id);
    if (/\/units\//.test(route)) return String(ids.main);
    if (/\/categories\//.test(route)) return String(ids.category);
    if (/\/users\//.test(route)) return String(ids.user);
    if (/\/api-keys\//.test(route)) return String(ids.apiKey);
    return '1';
  };
  const url = route
    .replace(':id', idFor())
    .replace(':number', ticket?.number ?? fixtures.get('in_progress')?.number ?? 'HR0')
    .replace(':token', 'A'.repeat(32))
    .replace(':date', '2024-12-02')
    .replace(':key', 'sweep')
    .replace(/:[A-Za-z]+/g, '1')
    .replace('*', 'x');
  return { url, state };
}

interface Tried {
  route: string;
  caller: string;
  status: number;
}

describe(`the authorization matrix on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('every route × every role, outsider, API key and anonymous caller', { timeout: 600_000 }, async () => {
    const routes = app.registeredRoutes
      .filter((r) => r.method !== 'OPTIONS')
      .sort(
        (a, b) =>
          Number(SESSION_ENDING.has(`${a.method} ${a.url}`)) -
          Number(SESSION_ENDING.has(`${b.method} ${b.url}`)),
      );
    expect(routes.length).toBeGreaterThan(80);
    const tried: Tried[] = [];
    const failures: string[] = [];
    let current = await fingerprint();
    const outsider = callers[3] as Client;
    for (const caller of callers) {
      const who = `${caller.role}${caller.userId === null ? '' : `#${caller.userId}`}`;
      for (const r of routes) {
        const { url, state } = urlFor(r.url);
        const action = /\/([a-z-]+)$/.exec(r.url)?.[1] ?? '';
        const mutating = r.method !== 'GET';
        const res: LightMyRequestResponse = await caller.request({
          method: r.method as InjectOptions['method'],
          url,
          ...(mutating ? { payload: state ? actionBody(action) : {} } : {}),
        });
        tried.push({ route: `${r.method} ${r.url}`, caller: who, status: res.statusCode });
        // The outsider learns nothing about another unit's ticket: the answer is the one a ticket that
        // does not exist gets (404, or a refusal of the role or the body that never looks at the ticket).
        if (caller === outsider && res.statusCode !== 404 && /^\/api\/tickets\/:id(\/|$)/.test(r.url)) {
          const ghost = await caller.request({
            method: r.method as InjectOptions['method'],
            url: r.url.replace(':id', '999999999'),
            ...(mutating ? { payload: actionBody(action) } : {}),
          });
          if (ghost.statusCode !== res.statusCode) {
            failures.push(
              `the outsider got ${res.statusCode} from ${r.method} ${r.url}, a missing ticket ${ghost.statusCode}`,
            );
          }
        }
        if (res.statusCode >= 500)
          failures.push(`${who} ${r.method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        const after = await fingerprint();
        const changed = changedTables(current, after);
        if (res.statusCode >= 400 && changed.length > 0) {
          failures.push(
            `${who} ${r.method} ${url} answered ${res.statusCode} but changed ${changed.join(', ')}`,
          );
        }
        current = after;
        // A fixture an authorised caller moved on is replaced, so later callers meet the same state.
        if (res.statusCode < 300 && state && changed.includes('tickets')) {
          const t = await ticketIn(rt.ctx, state);
          fixtures.set(state, { id: t.id, number: t.number });
          current = await fingerprint();
        }
      }
    }
    const anonymousOk = tried.filter(
      (t) =>
        t.caller === 'anonymous' &&
        t.status < 300 &&
        !PUBLIC.some((p) => p.test(t.route.split(' ')[1] ?? '')),
    );
    for (const t of anonymousOk) failures.push(`anonymous reached ${t.route} (${t.status})`);
    const statuses = tried.reduce<Record<string, number>>((m, t) => {
      const k = `${Math.floor(t.status / 100)}xx`;
      m[k] = (m[k] ?? 0) + 1;
      return m;
    }, {});
    console.log(
      `authz-matrix: ${routes.length} routes × ${callers.length} callers = ${tried.length} requests ${JSON.stringify(statuses)}`,
    );
    expect(failures).toEqual([]);
  });
});
