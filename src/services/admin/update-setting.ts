/**
 * 系统设置 Change a setting: assessment weights (考核权重) with the weight of
 * 基本满意 and the baseline year, the deadline sweep, and the lifecycle
 * windows. A patch is merged into the stored value and the result must pass
 * the whole schema, so a setting is never left half valid.
 */
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../domain/errors.js';
import { DEFAULT_SETTINGS } from '../../seed/seed-reference.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, invalidFields } from './admin-change.js';

const share = z.number().min(0).max(1);

export const SETTING_SCHEMAS = {
  assessment: z
    .object({
      weights: z
        .object({ response: share, resolution: share, satisfaction: share })
        .strict()
        .refine((w) => Math.abs(w.response + w.resolution + w.satisfaction - 1) < 1e-9, {
          message: 'the three weights must add up to 1 / 三项权重之和须为 1',
        }),
      basicallySatisfiedWeight: share,
      baselineYear: z.number().int().min(2000).max(2100),
    })
    .strict(),
  sweep: z
    .object({
      superviseAfterOverdueHours: z.number().positive().max(720),
      batchSize: z.number().int().min(1).max(10_000),
    })
    .strict(),
  decide_options: z
    .object({
      reopenWindowDays: z.number().int().min(1).max(366),
      returnWindowHours: z.number().int().min(1).max(720),
    })
    .strict(),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_SCHEMAS, key);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of plain objects; arrays and scalars in the patch replace. */
function merge(base: unknown, patch: unknown): unknown {
  if (!isRecord(base) || !isRecord(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(base[k], v);
  return out;
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
}

export interface UpdateSettingOptions {
  actor: AdminActor;
  key: string;
  patch: Record<string, unknown>;
}

export async function updateSetting(ctx: ServiceContext, o: UpdateSettingOptions): Promise<unknown> {
  const key = o.key;
  if (!isSettingKey(key)) throw new AppError('SETTING_UNKNOWN', { key });
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    const row = await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    const before = row?.value ?? DEFAULT_SETTINGS[key];
    const parsed = SETTING_SCHEMAS[key].safeParse(merge(before, o.patch));
    if (!parsed.success) throw invalidFields(zodIssues(parsed.error));
    if (key === 'assessment') {
      const year = (parsed.data as { baselineYear: number }).baselineYear;
      const current = Number(ctx.clock().toISOString().slice(0, 4));
      if (year > current)
        throw invalidFields([{ path: 'baselineYear', code: 'future', message: `at most ${current}` }]);
    }
    const value = JSON.stringify(parsed.data);
    await trx
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: ctx.clock() }))
      .execute();
    await audit({
      action: 'setting.update',
      subjectType: 'setting',
      subjectId: key,
      before,
      after: parsed.data,
    });
    return parsed.data;
  });
}
