/**
 * 考核设置 Weights of the composite score, the weight of 基本满意 and the
 * baseline year, stored under the `assessment` settings key. Cells hold
 * counts, so new settings apply to every period at once, with no recompute.
 */
import type { Executor } from '../../db/database.js';
import {
  type AssessmentSettings,
  DEFAULT_ASSESSMENT_SETTINGS,
  settingsFrom,
  settingsIssues,
} from '../../domain/assessment.js';
import { AppError } from '../../domain/errors.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';

export const SETTINGS_KEY = 'assessment';

/**
 * Read on every assessment request: kept a few seconds per database handle,
 * like the reference data. A change made in this process applies at once;
 * other processes see it within the TTL.
 */
const CACHE_TTL_MS = 5_000;
const cache = new WeakMap<object, { at: number; settings: AssessmentSettings }>();

export async function loadAssessmentSettings(db: Executor): Promise<AssessmentSettings> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.settings;
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SETTINGS_KEY)
    .executeTakeFirst();
  const settings = row ? settingsFrom(row.value) : DEFAULT_ASSESSMENT_SETTINGS;
  if (!db.isTransaction) cache.set(db, { at: Date.now(), settings });
  return settings;
}

export interface UpdateSettingsOptions {
  settings: AssessmentSettings;
  actor: { userId: number | null; role: string };
  ip?: string | null;
}

export async function updateAssessmentSettings(
  ctx: ServiceContext,
  o: UpdateSettingsOptions,
): Promise<AssessmentSettings> {
  const currentYear = Number(ctx.clock().toISOString().slice(0, 4));
  const issues = settingsIssues(o.settings, currentYear);
  if (issues.length > 0) {
    throw new AppError(
      'ASSESSMENT_SETTINGS_INVALID',
      { reason: issues.map((i) => i.path).join(', ') },
      issues,
    );
  }
  const value = JSON.stringify(o.settings);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value, updated_at: ctx.clock() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: ctx.clock() }))
      .execute();
    await recordAudit(trx, {
      actorUserId: o.actor.userId,
      actorRole: o.actor.role,
      action: 'assessment.settings',
      subjectType: 'settings',
      subjectId: SETTINGS_KEY,
      detail: { ...o.settings },
      ip: o.ip ?? null,
    });
  });
  cache.delete(ctx.db);
  return o.settings;
}
