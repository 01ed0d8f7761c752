/** 新增事项 The admin adds a matter to the catalogue with its first guide version. */

import type { MatterVersion } from '../../db/repositories/service-matters.js';
import { guideOf } from '../../db/repositories/service-matters.js';
import { AppError } from '../../domain/errors.js';
import type { MatterGuide } from '../../domain/service-matters.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';
import { insertMatterVersion, prepareGuide } from './write-matter-version.js';

export interface CreateMatterOptions {
  code: string;
  guide: MatterGuide;
  note?: string | null;
  actor: { userId: number | null; role: string; ip?: string | null };
}

export async function createMatter(ctx: ServiceContext, o: CreateMatterOptions): Promise<MatterVersion> {
  const ref = await ctx.reference.get();
  const { guide, departmentId } = prepareGuide(o.guide, ref);
  const now = ctx.clock();
  return inTransaction(ctx.db, async (trx) => {
    const matter = await trx
      .insertInto('service_matters')
      .values({ code: o.code, current_version: 1, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('code').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!matter) throw new AppError('MATTER_CODE_TAKEN', { matter: o.code });
    const row = await insertMatterVersion(trx, {
      matterId: matter.id,
      version: 1,
      guide,
      departmentId,
      note: o.note,
      createdBy: o.actor.userId,
      at: now,
    });
    await recordAudit(trx, {
      actorUserId: o.actor.userId,
      actorRole: o.actor.role,
      action: 'matter.create',
      subjectType: 'service_matter',
      subjectId: o.code,
      detail: { version: 1 },
      ip: o.actor.ip ?? null,
    });
    return { matter, row, guide: guideOf(row) };
  });
}
