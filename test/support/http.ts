/**
 * Talking to the real Fastify app in tests (in-process injection), signed in
 * as users of any role, with cookies and the CSRF header handled.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/domain/vocabulary.js';
import { buildServer } from '../../src/http/server.js';
import { createUser } from '../../src/services/auth/create-user.js';
import type { ServiceContext } from '../../src/services/context.js';

export async function testServer(ctx: ServiceContext): Promise<FastifyInstance> {
  return buildServer(ctx, { logger: false });
}

export interface Client {
  role: Role | 'anonymous';
  userId: number | null;
  request(o: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

let counter = 0;
export const PASSWORD = 'Jiesu-test-2024';

export function anonymous(app: FastifyInstance): Client {
  const request = (o: InjectOptions) => app.inject(o);
  return {
    role: 'anonymous',
    userId: null,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers }),
    post: (url, body, headers) => request({ method: 'POST', url, payload: body as object, headers }),
  };
}

/** Creates a user of `role` (in `unitCode` when given) and signs in through the API. */
export async function signedIn(
  app: FastifyInstance,
  ctx: ServiceContext,
  role: Role,
  unitCode?: string,
): Promise<Client> {
  counter += 1;
  const username = `${role}-${process.pid}-${counter}`;
  const user = await createUser(ctx, {
    username,
    password: PASSWORD,
    role,
    unitCode,
    displayName: `${role} ${counter}`,
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'jiesu_session')?.value ?? '';
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const cookies = { jiesu_session: session };
  const request = (o: InjectOptions) =>
    app.inject({
      ...o,
      cookies: { ...cookies, ...(o.cookies ?? {}) },
      headers: { 'x-csrf-token': csrf, ...(o.headers ?? {}) },
    });
  return {
    role,
    userId: user.id,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers }),
    post: (url, body, headers) => request({ method: 'POST', url, payload: (body ?? {}) as object, headers }),
  };
}
