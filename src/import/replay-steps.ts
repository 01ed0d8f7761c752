/**
 * What each action of an imported history does besides its event: the
 * domain input it is judged on, the ticket columns it sets and the rows it
 * writes to ticket_units, callbacks and ticket_cards. One case per use case
 * in src/services/tickets (and the deadline sweep's cards and automatic
 * supervision); keep the two in step.
 */
import type { TicketRow, TicketUpdate } from '../db/schema.js';
import { computeCallbackDue, type DeadlinePolicy } from '../domain/deadlines.js';
import type { ActionInput, Actor, Decision } from '../domain/decide.js';
import { AppError } from '../domain/errors.js';
import { dispatchColumns, policyFor } from '../services/tickets/ticket-deadlines.js';
import type { ImportAction, ImportTicket } from './format.js';
import { activeCoUnits, type ReplayEnv, type ReplayedTicket, StepRefused } from './replay-types.js';

export interface StepContext {
  a: ImportAction;
  t: ImportTicket;
  row: TicketRow;
  out: ReplayedTicket;
  env: ReplayEnv;
  actor: Actor;
  issued: (round: number) => Set<string>;
  /** this is the last (re)dispatch: the row's own deadlines replace the policy's */
  overrideDispatch: boolean;
  /** this is the last reply: the row's callback_due_at replaces the policy's */
  overrideCallback: boolean;
}

export interface StepEffects {
  update?: TicketUpdate;
  data?: Record<string, unknown>;
  /** writes to the other tables, once the event is recorded */
  after?: () => void;
}

export interface Step {
  input: ActionInput;
  effects: (decision: Decision) => StepEffects;
}

function stated(ctx: StepContext, update: TicketUpdate): TicketUpdate {
  if (!ctx.overrideDispatch) return update;
  const d = ctx.t.deadlines;
  return {
    ...update,
    ...(d.sign_due_at ? { sign_due_at: d.sign_due_at } : {}),
    ...(d.response_due_at ? { response_due_at: d.response_due_at } : {}),
    ...(d.reply_due_at ? { reply_due_at: d.reply_due_at } : {}),
    ...(d.return_due_at ? { return_due_at: d.return_due_at } : {}),
  };
}

function unitsOfRound(ctx: StepContext) {
  return ctx.out.units.filter((u) => u.round === ctx.row.dispatch_round);
}

function policyOf(ctx: StepContext): DeadlinePolicy {
  const code = ctx.row.policy_code;
  return (code ? ctx.env.ref.policies.get(code) : undefined) ?? policyFor(ctx.env.ref, ctx.row);
}

/** A card of the sweep (or its automatic supervision); issuing one twice in a round is refused. */
function issueCard(ctx: StepContext, clock: string, colour: 'yellow' | 'red'): void {
  const { row, a } = ctx;
  const set = ctx.issued(row.dispatch_round);
  const key = `${clock}:${colour}`;
  if (set.has(key)) {
    const f = `history[${a.index}]`;
    throw new StepRefused({
      field: f,
      code: 'card_repeated',
      zh: `${f}：本轮派单已发过 ${key} 预警`,
      en: `${f}: the ${key} card was already issued in this dispatch round`,
    });
  }
  set.add(key);
  ctx.out.cards.push({
    round: row.dispatch_round,
    clock,
    colour,
    issuedAt: a.at,
    unitId: clock === 'callback' ? null : row.main_unit_id,
  });
}

export function stepEffects(ctx: StepContext): Step {
  const { a, t, row, out, env } = ctx;
  const reason = a.reason;
  const at = a.at;
  switch (a.action) {
    case 'answer':
      return {
        input: { action: 'answer', reason: reason ?? '' },
        effects: () => ({ update: { closed_at: at, replied_at: at, reply_text: (reason ?? '').trim() } }),
      };
    case 'dispatch': {
      const mainUnitId = a.mainUnitId ?? t.mainUnitId ?? 0;
      const coUnitIds = a.coUnitIds ?? (a.mainUnitId === undefined ? (t.coUnitIds ?? []) : []);
      const round = row.dispatch_round + 1;
      return {
        input: { action: 'dispatch', mainUnitId, coUnitIds, reason },
        effects: () => {
          const classified = {
            category_id: row.category_id,
            urgency: row.urgency,
            complex: row.complex,
            policy_code: null,
          };
          return {
            update: stated(ctx, {
              ...classified,
              area_code: row.area_code,
              township_code: row.township_code,
              main_unit_id: mainUnitId,
              dispatch_round: round,
              ...dispatchColumns(env.ref, classified, at, t.policyCode),
            }),
            data: { round, categoryId: row.category_id },
            after: () => {
              const base = {
                round,
                assignedAt: at,
                signedAt: null,
                repliedAt: null,
                replyText: null,
                active: true,
              };
              out.units.push({ ...base, unitId: mainUnitId, role: 'main' });
              for (const u of coUnitIds) out.units.push({ ...base, unitId: u, role: 'co' });
            },
          };
        },
      };
    }
    case 'sign':
      return {
        input: { action: 'sign', reason },
        effects: () => ({
          update: { signed_at: row.signed_at ?? at },
          after: () => {
            for (const u of unitsOfRound(ctx)) if (u.role === 'main' && u.signedAt === null) u.signedAt = at;
          },
        }),
      };
    case 'return':
      return {
        input: { action: 'return', reason: reason ?? '' },
        effects: () => ({ data: a.suggestedUnitId ? { suggestedUnitId: a.suggestedUnitId } : {} }),
      };
    case 'approve_return':
      return {
        input: { action: 'approve_return', reason },
        effects: () => ({
          data: { unitId: row.main_unit_id },
          update: {
            main_unit_id: null,
            sign_due_at: null,
            response_due_at: null,
            reply_due_at: null,
            return_due_at: null,
            extension_requested_until: null,
            card: 'none',
          },
          after: () => {
            for (const u of unitsOfRound(ctx)) u.active = false;
          },
        }),
      };
    case 'reject_return':
      return { input: { action: 'reject_return', reason: reason ?? '' }, effects: () => ({}) };
    case 'contact':
      return {
        input: { action: 'contact', reason },
        effects: () => ({ update: { first_contact_at: row.first_contact_at ?? at } }),
      };
    case 'note':
      return { input: { action: 'note', reason: reason ?? '' }, effects: () => ({}) };
    case 'request_extension': {
      const until = a.until as Date;
      return {
        input: { action: 'request_extension', reason: reason ?? '', until },
        effects: () => ({ update: { extension_requested_until: until } }),
      };
    }
    case 'approve_extension':
      return {
        input: { action: 'approve_extension', reason, until: a.until },
        effects: (decision) => {
          const until = new Date(String(decision.event.data.until));
          return {
            data: { previousDueAt: row.reply_due_at?.toISOString() ?? null },
            update: {
              reply_due_at: until,
              extension_requested_until: null,
              card: row.card === 'red' && until > (row.reply_due_at ?? until) ? 'none' : row.card,
            },
          };
        },
      };
    case 'reject_extension':
      return {
        input: { action: 'reject_extension', reason: reason ?? '' },
        effects: () => ({
          data: { requestedUntil: row.extension_requested_until?.toISOString() ?? null },
          update: { extension_requested_until: null },
        }),
      };
    case 'request_co_unit':
      return {
        input: { action: 'request_co_unit', reason: reason ?? '', unitIds: a.unitIds },
        effects: () => ({}),
      };
    case 'add_co_unit': {
      const unitIds = a.unitIds ?? [];
      return {
        input: { action: 'add_co_unit', unitIds, reason },
        effects: () => ({
          after: () => {
            for (const unitId of unitIds) {
              const existing = out.units.find((u) => u.unitId === unitId && u.round === row.dispatch_round);
              if (existing) existing.active = true;
              else {
                const base = { signedAt: null, repliedAt: null, replyText: null, active: true };
                out.units.push({ ...base, unitId, round: row.dispatch_round, role: 'co', assignedAt: at });
              }
            }
          },
        }),
      };
    }
    case 'co_reply': {
      const unitId = activeCoUnits(row, out).find((u) => ctx.actor.unitIds.includes(u)) ?? null;
      return {
        input: { action: 'co_reply', reason: reason ?? '' },
        effects: () => ({
          data: { unitId },
          after: () => {
            for (const u of unitsOfRound(ctx)) {
              if (u.unitId === unitId) {
                u.repliedAt = at;
                u.replyText = reason ?? '';
              }
            }
          },
        }),
      };
    }
    case 'reply': {
      const text = (reason ?? '').trim();
      return {
        input: { action: 'reply', reason: reason ?? '' },
        effects: () => {
          const stated = ctx.overrideCallback ? t.deadlines.callback_due_at : undefined;
          return {
            update: {
              replied_at: at,
              reply_text: text,
              callback_due_at: stated ?? computeCallbackDue(policyOf(ctx), at, env.ref.calendar),
              extension_requested_until: null,
            },
            after: () => {
              for (const u of unitsOfRound(ctx)) {
                if (u.role === 'main') {
                  u.repliedAt = at;
                  u.replyText = text;
                }
              }
            },
          };
        },
      };
    }
    case 'callback': {
      const reached = a.reached ?? false;
      const via = a.via ?? (a.role === 'citizen' ? 'link' : 'phone');
      const resolved = reached ? (a.resolved ?? null) : null;
      const satisfaction = reached ? (a.satisfaction ?? null) : null;
      return {
        input: { action: 'callback', reached, resolved: a.resolved, satisfaction: a.satisfaction, reason },
        effects: () => ({
          update: {
            closed_at: at,
            callback_at: at,
            callback_reached: reached,
            callback_resolved: resolved,
            callback_satisfaction: satisfaction,
          },
          data: { via },
          after: () => {
            const comment = reason?.trim() || null;
            out.callbacks.push({
              round: row.dispatch_round,
              at,
              via,
              reached,
              resolved,
              satisfaction,
              comment,
            });
          },
        }),
      };
    }
    case 'reopen': {
      const round = row.dispatch_round + 1;
      const mainUnitId = row.main_unit_id;
      return {
        input: { action: 'reopen', reason: reason ?? '' },
        effects: () => ({
          data: { round },
          update: stated(ctx, {
            ...dispatchColumns(env.ref, row, at, row.policy_code),
            dispatch_round: round,
            reopen_count: row.reopen_count + 1,
            closed_at: null,
            callback_at: null,
            callback_reached: null,
            callback_resolved: null,
            callback_satisfaction: null,
          }),
          after: () => {
            if (mainUnitId === null) return;
            const base = { signedAt: null, repliedAt: null, replyText: null, active: true };
            out.units.push({ ...base, unitId: mainUnitId, round, role: 'main', assignedAt: at });
          },
        }),
      };
    }
    case 'merge': {
      const target = a.target ? env.mergeTarget(a.target) : null;
      if (!target)
        throw new AppError('MERGE_TARGET_INVALID', { target: a.target ?? '', reason: 'not found / 不存在' });
      return {
        input: { action: 'merge', targetId: target.id, targetState: target.state as 'received', reason },
        effects: () => ({ update: { merged_into_id: target.id } }),
      };
    }
    case 'invalidate':
      return { input: { action: 'invalidate', reason: reason ?? '' }, effects: () => ({}) };
    case 'supervise':
    case 'unsupervise': {
      const on = a.action === 'supervise';
      return {
        input: { action: a.action, reason: reason ?? '' },
        effects: () => {
          if (a.automatic) issueCard(ctx, 'supervision', 'red');
          return { update: { supervised: on }, data: a.automatic ? { automatic: true } : {} };
        },
      };
    }
    case 'exempt':
    case 'unexempt':
      return {
        input: { action: a.action, reason: reason ?? '' },
        effects: () => ({ update: { exempt: a.action === 'exempt' } }),
      };
    case 'yellow_card':
    case 'red_card': {
      const clock = a.clock ?? 'reply';
      const colour = a.action === 'red_card' ? 'red' : 'yellow';
      return {
        input: { action: a.action, clock, reason },
        effects: () => {
          issueCard(ctx, clock, colour);
          const due = {
            sign: row.sign_due_at,
            response: row.response_due_at,
            reply: row.reply_due_at,
            callback: row.callback_due_at,
          }[clock];
          return { data: { dueAt: due?.toISOString() ?? null } };
        },
      };
    }
    case 'intake':
      throw new AppError('TRANSITION_NOT_ALLOWED', { state: row.state, action: 'intake' });
  }
}
