/**
 * 区情指标 The district profile: published indicators, each with its value,
 * unit, source and date, seeded from the district's 2024-08-26 press
 * conference and edited by the admin (every edit audited).
 */
import type { Selectable } from 'kysely';
import type { ProfileIndicatorsTable } from '../../db/schema-assessment.js';
import { AppError } from '../../domain/errors.js';
import type { Label } from '../../domain/vocabulary.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';

export interface ProfileIndicator {
  code: string;
  name: Label;
  value: number;
  unit: Label;
  source: string;
  sourceUrl: string | null;
  asOf: string;
  sort: number;
  updatedAt: Date;
}

export interface IndicatorInput {
  name: Label;
  value: number;
  unit: Label;
  source: string;
  sourceUrl?: string | null;
  asOf: string;
  sort?: number;
}

function present(r: Selectable<ProfileIndicatorsTable>): ProfileIndicator {
  return {
    code: r.code,
    name: { zh: r.name_zh, en: r.name_en },
    value: Number(r.value),
    unit: { zh: r.unit_zh, en: r.unit_en },
    source: r.source,
    sourceUrl: r.source_url,
    asOf: r.as_of,
    sort: r.sort,
    updatedAt: r.updated_at,
  };
}

export async function listIndicators(ctx: ServiceContext): Promise<ProfileIndicator[]> {
  const rows = await ctx.db
    .selectFrom('profile_indicators')
    .selectAll()
    .orderBy('sort')
    .orderBy('code')
    .execute();
  return rows.map(present);
}

interface Editor {
  userId: number | null;
  role: string;
  ip?: string | null;
}

/** Creates or replaces the indicator `code`. */
export async function putIndicator(
  ctx: ServiceContext,
  code: string,
  input: IndicatorInput,
  editor: Editor,
): Promise<{ indicator: ProfileIndicator; created: boolean }> {
  const values = {
    name_zh: input.name.zh,
    name_en: input.name.en,
    value: input.value,
    unit_zh: input.unit.zh,
    unit_en: input.unit.en,
    source: input.source,
    source_url: input.sourceUrl ?? null,
    as_of: input.asOf,
    sort: input.sort ?? 0,
    updated_at: ctx.clock(),
  };
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('profile_indicators')
      .select('code')
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('profile_indicators')
      .values({ code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: editor.userId,
      actorRole: editor.role,
      action: existing ? 'profile.update' : 'profile.create',
      subjectType: 'profile_indicator',
      subjectId: code,
      detail: { value: input.value, asOf: input.asOf, source: input.source },
      ip: editor.ip ?? null,
    });
    return { indicator: present(row), created: existing === undefined };
  });
}

export async function deleteIndicator(ctx: ServiceContext, code: string, editor: Editor): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('profile_indicators').where('code', '=', code).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new AppError('PROFILE_INDICATOR_NOT_FOUND', { code });
    await recordAudit(trx, {
      actorUserId: editor.userId,
      actorRole: editor.role,
      action: 'profile.delete',
      subjectType: 'profile_indicator',
      subjectId: code,
      ip: editor.ip ?? null,
    });
  });
}
