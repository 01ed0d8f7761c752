/** Helpers for the admin tests: any HTTP method through a signed-in client, and audit look-ups. */
import type { LightMyRequestResponse } from 'fastify';
import type { ServiceContext } from '../../src/services/context.js';
import type { Client } from './http.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function call(
  c: Client,
  method: Method,
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return c.request({ method, url, ...(body === undefined ? {} : { payload: body as object }) });
}

export async function auditRows(ctx: ServiceContext, action: string, subjectId?: string | number) {
  let q = ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id');
  if (subjectId !== undefined) q = q.where('subject_id', '=', String(subjectId));
  return q.execute();
}

export async function countRows(
  ctx: ServiceContext,
  table:
    | 'units'
    | 'categories'
    | 'category_attributes'
    | 'routing_rules'
    | 'users'
    | 'api_keys'
    | 'audit_log',
): Promise<number> {
  const r = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The error code of a JSON error answer. */
export function codeOf(res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code;
}
