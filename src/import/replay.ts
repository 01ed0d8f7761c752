/**
 * Replays one import row's history in memory, step by step, exactly as the
 * use cases in src/services/tickets would have written it: each step asks
 * the domain (`decide`) with the snapshot the ticket runner builds, applies
 * the same column changes (dispatchColumns, policyFor, computeCallbackDue),
 * chains the same event hash, keeps `card` and `next_check_at` as
 * applyLocked does, and records the same ticket_units, callbacks and (for
 * the sweep's own steps) ticket_cards rows. An illegal step throws, which
 * rejects the row: nothing of it is written.
 */
import { eventHash, type NewEvent } from '../db/repositories/ticket-events.js';
import type { TicketRow, TicketUpdate } from '../db/schema.js';
import { type Actor, type Decision, decide } from '../domain/decide.js';
import { AppError } from '../domain/errors.js';
import { routeTicket } from '../domain/routing.js';
import { ACTION_LABELS } from '../domain/transitions.js';
import { lastFour, maskName, maskPhone } from '../security/personal-data.js';
import { clockColumns, sweepRulesFor } from '../services/sweep/ticket-clocks.js';
import { deriveTitle } from '../services/tickets/intake-ticket.js';
import { snapshotOf } from '../services/tickets/run-ticket-action.js';
import type { ImportAction, ImportTicket } from './format.js';
import { type StepContext, stepEffects } from './replay-steps.js';
import { activeCoUnits, type ReplayEnv, type ReplayedTicket, StepRefused } from './replay-types.js';

export type { ReplayedTicket } from './replay-types.js';

const MIN_RECHECK_MS = 60_000;

function newRow(t: ImportTicket, id: number, number: string, env: ReplayEnv): TicketRow {
  const name = t.citizenName;
  const phone = t.citizenPhone;
  const { cipher, ref } = env;
  const title = t.title ?? deriveTitle(t.description);
  const suggestion = routeTicket(
    ref.routing,
    { categoryId: t.categoryId, areaCode: t.areaCode, townshipCode: t.townshipCode },
    (code) => ref.townshipUnits.get(code)?.id ?? null,
  );
  return {
    id,
    number,
    channel: t.channel,
    type: t.type,
    urgency: t.urgency,
    complex: t.complex,
    state: 'received',
    title,
    description: t.description,
    category_id: t.categoryId,
    area_code: t.areaCode,
    township_code: t.townshipCode,
    address: t.address,
    lat: t.lat,
    lng: t.lng,
    attributes: t.attributes,
    media_urls: t.mediaUrls,
    anonymous: t.anonymous,
    citizen_name_enc: name ? cipher.encrypt(name) : null,
    citizen_name_masked: name ? maskName(name) : null,
    citizen_phone_enc: phone ? cipher.encrypt(phone) : null,
    citizen_phone_hash: phone ? cipher.hashPhone(phone) : null,
    citizen_phone_masked: phone ? maskPhone(phone) : null,
    citizen_phone_last4: phone ? lastFour(phone) : null,
    citizen_user_id: null,
    main_unit_id: null,
    suggested_unit_id: suggestion?.unitId ?? null,
    policy_code: null,
    dispatch_round: 0,
    received_at: t.receivedAt,
    dispatched_at: null,
    sign_due_at: null,
    signed_at: null,
    response_due_at: null,
    first_contact_at: null,
    reply_due_at: null,
    replied_at: null,
    return_due_at: null,
    callback_due_at: null,
    closed_at: null,
    extension_requested_until: null,
    supervised: false,
    exempt: false,
    merged_into_id: null,
    card: 'none',
    reply_text: null,
    callback_at: null,
    callback_reached: null,
    callback_resolved: null,
    callback_satisfaction: null,
    reopen_count: 0,
    event_count: 0,
    last_event_hash: null,
    search_text: `${title} ${t.description}`,
    next_check_at: null,
    // The legacy record's own time, not the import's: export and re-import give the same row.
    created_at: t.receivedAt,
    updated_at: t.receivedAt,
  };
}

function refused(a: ImportAction, err: unknown): StepRefused {
  const f = `history[${a.index}]`;
  const label = ACTION_LABELS[a.action];
  if (err instanceof StepRefused) return err;
  if (err instanceof AppError) {
    const details = err.fields.map((x) => ` ${x.path}: ${x.message}`).join(';');
    return new StepRefused({
      field: f,
      code: err.code,
      zh: `${f}（${label.zh}，${a.at.toISOString()}）：${err.message_('zh')}${details}`,
      en: `${f} (${label.en}, ${a.at.toISOString()}): ${err.message_('en')}${details}`,
    });
  }
  throw err;
}

/** Replays `t` as ticket `id` numbered `number`; throws StepRefused when a step is not allowed. */
export function replayTicket(t: ImportTicket, id: number, number: string, env: ReplayEnv): ReplayedTicket {
  const row = newRow(t, id, number, env);
  const out: ReplayedTicket = { row, events: [], units: [], callbacks: [], cards: [] };
  const issued = new Map<number, Set<string>>();
  const issuedIn = (round: number): Set<string> => {
    let set = issued.get(round);
    if (!set) {
      set = new Set();
      issued.set(round, set);
    }
    return set;
  };

  // 受理: written by hand, as intake-ticket.ts does, once the domain has accepted the actor.
  const intakeRole = t.intake?.role ?? 'system';
  const intakeUnit = t.intake?.unitId ?? null;
  try {
    decide(
      null,
      { action: 'intake' },
      { role: intakeRole, userId: null, unitIds: [] },
      t.receivedAt,
      env.ref.decide,
    );
  } catch (err) {
    throw refused(
      {
        index: 0,
        action: 'intake',
        at: t.receivedAt,
        role: intakeRole,
        unitId: intakeUnit,
        reason: undefined,
      },
      err,
    );
  }
  const intake: NewEvent = {
    ticketId: id,
    seq: 1,
    action: 'intake',
    fromState: null,
    toState: 'received',
    actorUserId: null,
    actorRole: intakeRole,
    actorUnitId: intakeUnit,
    at: t.receivedAt,
    reason: null,
    data: { channel: t.channel, type: t.type },
    public: true,
  };
  const intakeHash = eventHash(null, intake);
  out.events.push({ ...intake, hash: intakeHash });
  Object.assign(row, { event_count: 1, last_event_hash: intakeHash });

  // Steps after which the deadlines a row states replace the policy's: the last (re)dispatch and the last reply.
  const lastDispatch = t.history.findLastIndex((a) => a.action === 'dispatch' || a.action === 'reopen');
  const lastReply = t.history.findLastIndex((a) => a.action === 'reply');

  t.history.forEach((a, i) => {
    try {
      const ctx: StepContext = {
        a,
        t,
        row,
        out,
        env,
        actor: actorOf(a, row, out, env),
        issued: issuedIn,
        overrideDispatch: i === lastDispatch,
        overrideCallback: i === lastReply,
      };
      const step = stepEffects(ctx);
      const decision = decide(
        snapshotOf(row, activeCoUnits(row, out)),
        step.input,
        ctx.actor,
        a.at,
        env.ref.decide,
      );
      const effect = step.effects(decision);
      record(ctx, decision, effect.update, effect.data);
      effect.after?.();
      if (a.role === 'system') {
        // As the sweep leaves it: a next check not in the future is looked at again after a minute.
        const next = row.next_check_at;
        if (next !== null && next.getTime() <= a.at.getTime())
          row.next_check_at = new Date(a.at.getTime() + MIN_RECHECK_MS);
      }
    } catch (err) {
      throw refused(a, err);
    }
  });
  return out;
}

/** The actor of a step: its role, acting for the unit the row names or the role's usual unit. */
function actorOf(a: ImportAction, row: TicketRow, out: ReplayedTicket, env: ReplayEnv): Actor {
  let unitIds: number[];
  if (a.unitId === null) unitIds = [];
  else if (a.unitId !== undefined) unitIds = [a.unitId];
  else if (a.role === 'handler' || a.role === 'unit_lead') {
    const co = activeCoUnits(row, out);
    const unit = a.action === 'co_reply' && co.length === 1 ? co[0] : row.main_unit_id;
    unitIds = unit === null || unit === undefined ? [] : [unit];
  } else if ((a.role === 'agent' || a.role === 'dispatcher') && env.centreUnitId !== null) {
    unitIds = [env.centreUnitId];
  } else unitIds = [];
  if (a.role === 'unit_lead' && unitIds.length === 1) {
    // A unit lead acts for the unit's whole subtree, own unit first (it is what the event records).
    const root = env.ref.units.get(unitIds[0] as number);
    if (root) {
      const below = [...env.ref.units.values()].filter(
        (u) => u.id !== root.id && u.path.startsWith(root.path),
      );
      unitIds = [root.id, ...below.map((u) => u.id)];
    }
  }
  return { role: a.role, userId: null, unitIds };
}

/** The unit on whose behalf the actor acted (as run-ticket-action records it). */
function actingUnit(actor: Actor, row: TicketRow): number | null {
  if (row.main_unit_id !== null && actor.unitIds.includes(row.main_unit_id)) return row.main_unit_id;
  return actor.unitIds[0] ?? null;
}

function record(
  ctx: StepContext,
  decision: Decision,
  update: TicketUpdate | undefined,
  data: Record<string, unknown> | undefined,
): void {
  const { row, out, a, env } = ctx;
  const event: NewEvent = {
    ticketId: row.id,
    seq: row.event_count + 1,
    action: decision.event.action,
    fromState: decision.event.fromState,
    toState: decision.event.toState,
    actorUserId: null,
    actorRole: ctx.actor.role,
    actorUnitId: actingUnit(ctx.actor, row),
    at: a.at,
    reason: decision.event.reason,
    data: { ...decision.event.data, ...data },
    public: decision.event.public,
  };
  const hash = eventHash(row.last_event_hash, event);
  out.events.push({ ...event, hash });
  Object.assign(row, update, { state: decision.to });
  const rules = sweepRulesFor(env.ref, row, env.sweep);
  Object.assign(row, clockColumns(row, ctx.issued(row.dispatch_round), rules, a.at), {
    event_count: event.seq,
    last_event_hash: hash,
    updated_at: a.at,
  });
}
