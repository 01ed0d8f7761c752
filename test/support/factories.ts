/**
 * Factories for tests: actors of each role and tickets brought to any state
 * through the real use cases (never by writing rows directly).
 */

import type { TicketRow } from '../../src/db/schema.js';
import type { Actor } from '../../src/domain/decide.js';
import type { Role, TicketState } from '../../src/domain/vocabulary.js';
import type { ServiceContext } from '../../src/services/context.js';
import { subtreeUnitIds } from '../../src/services/reference-cache.js';
import { dispatchTicket } from '../../src/services/tickets/dispatch-ticket.js';
import { type IntakeTicketOptions, intakeTicket } from '../../src/services/tickets/intake-ticket.js';
import { recordCallback } from '../../src/services/tickets/record-callback.js';
import { recordContact } from '../../src/services/tickets/record-contact.js';
import { replyTicket } from '../../src/services/tickets/reply-ticket.js';
import { returnTicket } from '../../src/services/tickets/return-ticket.js';
import { signTicket } from '../../src/services/tickets/sign-ticket.js';

export async function unitId(ctx: ServiceContext, code: string): Promise<number> {
  const ref = await ctx.reference.get();
  const unit = ref.unitsByCode.get(code);
  if (!unit) throw new Error(`no unit ${code} in reference data`);
  return unit.id;
}

export async function categoryId(ctx: ServiceContext, code: string): Promise<number> {
  const ref = await ctx.reference.get();
  const c = ref.categoriesByCode.get(code);
  if (!c) throw new Error(`no category ${code}`);
  return c.id;
}

/** A leaf category (the first one with the given policy, or any). */
export async function someLeafCategory(ctx: ServiceContext, policy?: string): Promise<number> {
  const ref = await ctx.reference.get();
  const leaf = [...ref.categories.values()].find(
    (c) => c.level === 2 && (!policy || c.policy_code === policy),
  );
  if (!leaf) throw new Error('no leaf category');
  return leaf.id;
}

export function actor(role: Role, unitIds: number[] = [], userId: number | null = null): Actor {
  return { role, userId, unitIds };
}

export async function handlerOf(ctx: ServiceContext, unitCode: string): Promise<Actor> {
  return actor('handler', [await unitId(ctx, unitCode)]);
}

export async function leadOf(ctx: ServiceContext, unitCode: string): Promise<Actor> {
  const ref = await ctx.reference.get();
  const id = await unitId(ctx, unitCode);
  const ids = subtreeUnitIds(ref, id);
  return actor('unit_lead', [id, ...ids.filter((u) => u !== id)]);
}

export const AGENT = actor('agent');
export const DISPATCHER = actor('dispatcher');
export const CITIZEN = actor('citizen');
export const SYSTEM = actor('system');

export const MAIN_UNIT = 'tw-quanhe';
export const OTHER_UNIT = 'tw-longshan';

export async function newTicket(
  ctx: ServiceContext,
  overrides: Partial<IntakeTicketOptions> = {},
): Promise<TicketRow> {
  return intakeTicket(ctx, {
    actor: AGENT,
    channel: 'phone',
    type: 'complaint',
    description: '小区楼下的路灯坏了一个多星期，晚上出行很不方便，希望尽快修复。',
    categoryId: await someLeafCategory(ctx, 'general'),
    areaCode: '110116001',
    citizen: { name: '张三', phone: '13812341234' },
    ...overrides,
  });
}

/** Brings a new ticket to `state` through the use cases, dispatched to MAIN_UNIT. */
export async function ticketIn(
  ctx: ServiceContext,
  state: TicketState,
  overrides: Partial<IntakeTicketOptions> = {},
): Promise<TicketRow> {
  let t = await newTicket(ctx, overrides);
  if (state === 'received') return t;
  const handler = await handlerOf(ctx, MAIN_UNIT);
  const main = await unitId(ctx, MAIN_UNIT);
  t = (await dispatchTicket(ctx, { ticketId: t.id, actor: DISPATCHER, mainUnitId: main })).ticket;
  if (state === 'dispatched') return t;
  if (state === 'return_requested') {
    return (await returnTicket(ctx, { ticketId: t.id, actor: handler, reason: '不属于本单位职责' })).ticket;
  }
  t = (await signTicket(ctx, { ticketId: t.id, actor: handler })).ticket;
  if (state === 'accepted') return t;
  t = (await recordContact(ctx, { ticketId: t.id, actor: handler, note: '已电话联系' })).ticket;
  if (state === 'in_progress') return t;
  t = (await replyTicket(ctx, { ticketId: t.id, actor: handler, reply: '已于今日修复路灯' })).ticket;
  if (state === 'replied') return t;
  if (state === 'closed') {
    return (
      await recordCallback(ctx, {
        ticketId: t.id,
        actor: DISPATCHER,
        reached: true,
        resolved: false,
        satisfaction: 'unsatisfied',
      })
    ).ticket;
  }
  throw new Error(`ticketIn does not build state ${state}`);
}
