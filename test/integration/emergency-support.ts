/**
 * Shared set-up of the emergency tests: the people on duty (signed in
 * through the API, with phones for staff SMS), a roster imported through
 * the API, and small readers of outbox rows and notices.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../src/services/context.js';
import { type Client, signedIn } from '../support/http.js';

export const QUANHE = 'tw-quanhe';
export const LONGSHAN = 'tw-longshan';

export interface Crew {
  admin: Client;
  dispatcher: Client;
  agent: Client;
  /** officer on duty of 泉河街道 (the lead unit in most tests) */
  quanheDuty: Client;
  quanheDeputy: Client;
  quanheLead: Client;
  centreDuty: Client;
  leader: Client;
  /** a handler of another town: an outsider to 泉河's incidents */
  outsider: Client;
  reviewer: Client;
}

export async function usernameOf(ctx: ServiceContext, c: Client): Promise<string> {
  const row = await ctx.db
    .selectFrom('users')
    .select('username')
    .where('id', '=', c.userId ?? 0)
    .executeTakeFirstOrThrow();
  return row.username;
}

export async function givePhone(ctx: ServiceContext, c: Client, phone: string): Promise<void> {
  await ctx.db
    .updateTable('users')
    .set({ phone_enc: ctx.cipher.encrypt(phone) })
    .where('id', '=', c.userId ?? 0)
    .execute();
}

export async function crew(app: FastifyInstance, ctx: ServiceContext): Promise<Crew> {
  const c: Crew = {
    admin: await signedIn(app, ctx, 'admin'),
    dispatcher: await signedIn(app, ctx, 'dispatcher'),
    agent: await signedIn(app, ctx, 'agent'),
    quanheDuty: await signedIn(app, ctx, 'handler', QUANHE),
    quanheDeputy: await signedIn(app, ctx, 'handler', QUANHE),
    quanheLead: await signedIn(app, ctx, 'unit_lead', QUANHE),
    centreDuty: await signedIn(app, ctx, 'handler', 'centre'),
    leader: await signedIn(app, ctx, 'supervisor'),
    outsider: await signedIn(app, ctx, 'handler', LONGSHAN),
    reviewer: await signedIn(app, ctx, 'reviewer', 'dept-rsj'),
  };
  await givePhone(ctx, c.quanheDuty, '13900000001');
  await givePhone(ctx, c.quanheDeputy, '13900000002');
  return c;
}

/**
 * 泉河: officer 08:00–20:00 on the 26th, deputy 20:00–08:00 (the officer's
 * night post is a gap the deputy covers); the centre: an officer all day and
 * the district leader in charge.
 */
export async function standardRosterCsv(ctx: ServiceContext, c: Crew, day = '2024-11-26'): Promise<string> {
  const u = async (x: Client) => usernameOf(ctx, x);
  return [
    'unit,post,date,start,end,user,note',
    `${QUANHE},primary,${day},08:00,20:00,${await u(c.quanheDuty)},白班`,
    `${QUANHE},deputy,${day},20:00,08:00,${await u(c.quanheDeputy)},夜间副班`,
    `centre,primary,${day},00:00,24:00,${await u(c.centreDuty)},`,
    `centre,leader,${day},00:00,24:00,${await u(c.leader)},带班领导`,
  ].join('\n');
}

export async function outboxOf(
  ctx: ServiceContext,
  where: { template?: string; recipient?: string; incidentId?: number },
) {
  let q = ctx.db.selectFrom('outbox').selectAll();
  if (where.template) q = q.where('template', '=', where.template);
  if (where.recipient) q = q.where('recipient', '=', where.recipient);
  const rows = await q.orderBy('id').execute();
  return where.incidentId === undefined
    ? rows
    : rows.filter((r) => r.payload.incidentId === where.incidentId);
}

export async function noticesFor(ctx: ServiceContext, incidentId: number) {
  return ctx.db
    .selectFrom('incident_notices')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('round')
    .orderBy('link_index')
    .execute();
}

export const MIN = 60_000;
