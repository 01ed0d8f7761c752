/**
 * A stored ticket back in the interchange format: the row's fields by code,
 * personal data unsealed, and the event log as the handling history with the
 * inputs each step needs (not the data the system derived from them), so
 * that importing the export replays to the same rows, events and hashes.
 * Deadlines and the policy are written only where they differ from what the
 * policy gives, i.e. where an import stated them.
 */
import type { EventRow, TicketRow } from '../db/schema.js';
import { computeCallbackDue, computeDispatchDeadlines, type DeadlinePolicy } from '../domain/deadlines.js';
import type { PersonalDataCipher } from '../security/personal-data.js';
import type { ReferenceData } from '../services/reference-cache.js';
import { policyFor } from '../services/tickets/ticket-deadlines.js';
import type { Field } from './format.js';
import type { Lookups } from './lookups.js';

export type LegacyRow = Partial<Record<Field, unknown>>;

const BEIJING_MS = 8 * 3_600_000;

/** 2024-11-26T09:30:00.000+08:00: the instant, written in Beijing time as people there read it. */
export function beijingIso(at: Date): string {
  return `${new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 23)}+08:00`;
}

export interface ExportEnv {
  ref: ReferenceData;
  lookups: Lookups;
  cipher: PersonalDataCipher;
  /** ticket numbers of merge targets by id */
  numbers: ReadonlyMap<number, string>;
}

function codes(env: ExportEnv, ids: unknown): string[] {
  return Array.isArray(ids) ? ids.map((id) => env.lookups.unitCode(Number(id)) ?? String(id)) : [];
}

function actionData(e: EventRow, env: ExportEnv): Record<string, unknown> | undefined {
  const d = e.data as Record<string, unknown>;
  switch (e.action) {
    case 'dispatch':
      return { main_unit: env.lookups.unitCode(Number(d.mainUnitId)), co_units: codes(env, d.coUnitIds) };
    case 'return':
      return d.suggestedUnitId
        ? { suggested_unit: env.lookups.unitCode(Number(d.suggestedUnitId)) }
        : undefined;
    case 'request_extension':
    case 'approve_extension':
      return typeof d.until === 'string' ? { until: beijingIso(new Date(d.until)) } : undefined;
    case 'request_co_unit':
    case 'add_co_unit':
      return { units: codes(env, d.unitIds) };
    case 'callback':
      return { reached: d.reached, resolved: d.resolved, satisfaction: d.satisfaction, via: d.via };
    case 'merge':
      return { target: env.numbers.get(Number(d.targetId)) ?? String(d.targetId) };
    case 'supervise':
      return d.automatic === true ? { automatic: true } : undefined;
    case 'yellow_card':
    case 'red_card':
      return { clock: d.clock };
    default:
      return undefined;
  }
}

function historyOf(events: readonly EventRow[], env: ExportEnv): Record<string, unknown>[] {
  return events.map((e) => {
    const step: Record<string, unknown> = {
      action: e.action,
      at: beijingIso(e.at),
      actor_role: e.actor_role,
      unit: env.lookups.unitCode(e.actor_unit_id),
    };
    if (e.reason !== null) step.reason = e.reason;
    const data = e.action === 'intake' ? undefined : actionData(e, env);
    if (data !== undefined) step.data = data;
    return step;
  });
}

function same(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

/** The deadlines of the last round that the policy would not have given. */
function statedDeadlines(
  t: TicketRow,
  events: readonly EventRow[],
  policy: DeadlinePolicy,
  ref: ReferenceData,
): LegacyRow {
  const out: LegacyRow = {};
  const last = events.findLastIndex((e) => e.action === 'dispatch' || e.action === 'reopen');
  const dispatch = events[last];
  if (dispatch && t.dispatched_at !== null && t.sign_due_at !== null) {
    const due = computeDispatchDeadlines(policy, dispatch.at, { complex: t.complex }, ref.calendar);
    // An approved extension moved reply_due_at; the round began with the first one's previous deadline.
    const extension = events.slice(last).find((e) => e.action === 'approve_extension');
    const previous = (extension?.data as { previousDueAt?: string | null } | undefined)?.previousDueAt;
    const replyAtDispatch = extension ? (previous ? new Date(previous) : null) : t.reply_due_at;
    if (!same(t.sign_due_at, due.signDueAt)) out.sign_due_at = t.sign_due_at;
    if (!same(t.response_due_at, due.responseDueAt)) out.response_due_at = t.response_due_at;
    if (!same(replyAtDispatch, due.replyDueAt)) out.reply_due_at = replyAtDispatch;
    if (!same(t.return_due_at, due.returnDueAt)) out.return_due_at = t.return_due_at;
  }
  const reply = events.findLast((e) => e.action === 'reply');
  if (
    reply &&
    t.callback_due_at !== null &&
    !same(t.callback_due_at, computeCallbackDue(policy, reply.at, ref.calendar))
  ) {
    out.callback_due_at = t.callback_due_at;
  }
  for (const [k, v] of Object.entries(out)) out[k as Field] = v instanceof Date ? beijingIso(v) : v;
  return out;
}

export function toLegacy(
  t: TicketRow,
  events: readonly EventRow[],
  coUnitIds: readonly number[],
  env: ExportEnv,
): LegacyRow {
  const { ref, lookups, cipher } = env;
  let policy: DeadlinePolicy | null = null;
  let policyStated: string | undefined;
  try {
    const usual = policyFor(ref, t);
    policy = (t.policy_code ? ref.policies.get(t.policy_code) : undefined) ?? usual;
    if (t.policy_code && t.policy_code !== usual.code) policyStated = t.policy_code;
  } catch {
    policy = t.policy_code ? (ref.policies.get(t.policy_code) ?? null) : null;
    policyStated = t.policy_code ?? undefined;
  }
  const row: LegacyRow = {
    number: t.number,
    received_at: beijingIso(t.received_at),
    channel: t.channel,
    type: t.type,
    urgency: t.urgency,
    complex: t.complex,
    title: t.title,
    description: t.description,
    category: lookups.categoryCode(t.category_id),
    area: t.area_code,
    address: t.address,
    lat: t.lat,
    lng: t.lng,
    anonymous: t.anonymous,
    citizen_name: t.citizen_name_enc ? cipher.decrypt(t.citizen_name_enc) : null,
    citizen_phone: t.citizen_phone_enc ? cipher.decrypt(t.citizen_phone_enc) : null,
    attributes: Object.keys(t.attributes).length > 0 ? t.attributes : null,
    media_urls: t.media_urls.length > 0 ? t.media_urls : null,
    policy: policyStated ?? null,
    main_unit: lookups.unitCode(t.main_unit_id),
    co_units: coUnitIds.map((u) => lookups.unitCode(u)),
    ...(policy ? statedDeadlines(t, events, policy, ref) : {}),
    state: t.state,
    history: historyOf(events, env),
  };
  for (const key of Object.keys(row) as Field[])
    if (row[key] === null || row[key] === undefined) delete row[key];
  return row;
}
