/**
 * 时限规则 Edit a deadline policy: clock durations ('30m', '2h', '7d'),
 * calendar or working time, and the share of time that raises the yellow
 * card. Checked by the same `validatePolicy` the domain trusts, and stored
 * in canonical form. Tickets already dispatched keep their deadlines; the
 * next dispatch uses the new policy.
 */

import type { PolicyRow } from '../../db/schema.js';
import { type DurationSpec, formatDuration, parseDuration } from '../../domain/calendar.js';
import { type DeadlinePolicy, validatePolicy } from '../../domain/deadlines.js';
import { AppError, type FieldIssue } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { policyFromRow } from '../reference-cache.js';
import { type AdminActor, adminTransaction, invalidFields, requireSomeField } from './admin-change.js';

export interface PolicyText {
  name: string;
  nameEn: string;
  mode: 'calendar' | 'working';
  sign: string;
  response: string;
  reply: string;
  replyComplex: string | null;
  returnWindow: string;
  callback: string;
  yellowAt: number;
}

const DURATIONS = ['sign', 'response', 'reply', 'replyComplex', 'returnWindow', 'callback'] as const;

/** Parses every duration, reporting all bad ones at once, then validates the policy as a whole. */
export function policyFromText(code: string, t: PolicyText): DeadlinePolicy {
  const issues: FieldIssue[] = [];
  const parsed = new Map<string, DurationSpec>();
  for (const field of DURATIONS) {
    const text = t[field];
    if (field === 'replyComplex' && text === null) continue;
    try {
      parsed.set(field, parseDuration(String(text)));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      issues.push({ path: field, code: 'invalid_duration', message: err.fields[0]?.message ?? err.message });
    }
  }
  if (issues.length > 0) throw invalidFields(issues);
  const get = (f: string) => parsed.get(f) as DurationSpec;
  const policy: DeadlinePolicy = {
    code,
    name: t.name,
    nameEn: t.nameEn,
    mode: t.mode,
    sign: get('sign'),
    response: get('response'),
    reply: get('reply'),
    replyComplex: t.replyComplex === null ? null : get('replyComplex'),
    returnWindow: get('returnWindow'),
    callback: get('callback'),
    yellowAt: t.yellowAt,
  };
  validatePolicy(policy);
  return policy;
}

export function policyColumns(p: DeadlinePolicy) {
  return {
    name: p.name.trim(),
    name_en: p.nameEn.trim(),
    mode: p.mode,
    sign: formatDuration(p.sign),
    response: formatDuration(p.response),
    reply: formatDuration(p.reply),
    reply_complex: p.replyComplex ? formatDuration(p.replyComplex) : null,
    return_window: formatDuration(p.returnWindow),
    callback: formatDuration(p.callback),
    yellow_at: p.yellowAt,
  };
}

export function policyText(row: PolicyRow): PolicyText {
  return {
    name: row.name,
    nameEn: row.name_en,
    mode: row.mode === 'working' ? 'working' : 'calendar',
    sign: row.sign,
    response: row.response,
    reply: row.reply,
    replyComplex: row.reply_complex,
    returnWindow: row.return_window,
    callback: row.callback,
    yellowAt: Number(row.yellow_at),
  };
}

export interface UpdatePolicyOptions extends Partial<PolicyText> {
  actor: AdminActor;
  code: string;
}

export async function updatePolicy(ctx: ServiceContext, o: UpdatePolicyOptions): Promise<PolicyRow> {
  const { actor, code, ...patch } = o;
  requireSomeField(patch);
  return adminTransaction(ctx, actor, async (trx, audit) => {
    const before = await trx
      .selectFrom('deadline_policies')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    if (!before) throw new AppError('POLICY_NOT_FOUND', { policy: code });
    const merged: PolicyText = { ...policyText(before) };
    for (const [k, v] of Object.entries(patch)) {
      if (v !== undefined) Object.assign(merged, { [k]: v });
    }
    const policy = policyFromText(code, merged);
    const after = await trx
      .updateTable('deadline_policies')
      .set({ ...policyColumns(policy), updated_at: ctx.clock() })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
    // A row the reference cache could not read back would break every dispatch: prove it parses.
    policyFromRow(after);
    await audit({
      action: 'policy.update',
      subjectType: 'deadline_policy',
      subjectId: code,
      before: policyText(before),
      after: policyText(after),
    });
    return after;
  });
}
