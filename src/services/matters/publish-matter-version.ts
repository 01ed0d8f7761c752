/**
 * 修订办事指南 The admin publishes a new version of a matter's guide. Earlier
 * versions stay as they were: an application keeps the version it was filed
 * under. `basedOn` is the version the admin edited; if another admin
 * published meanwhile the edit is refused rather than silently overwriting.
 */
import type { MatterVersion } from '../../db/repositories/service-matters.js';
import { guideOf } from '../../db/repositories/service-matters.js';
import { AppError } from '../../domain/errors.js';
import type { MatterGuide } from '../../domain/service-matters.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';
import { insertMatterVersion, prepareGuide } from './write-matter-version.js';

export interface PublishMatterVersionOptions {
  code: string;
  guide: MatterGuide;
  basedOn?: number;
  note?: string | null;
  actor: { userId: number | null; role: string; ip?: string | null };
}

export async function publishMatterVersion(
  ctx: ServiceContext,
  o: PublishMatterVersionOptions,
): Promise<MatterVersion> {
  const ref = await ctx.reference.get();
  const { guide, departmentId } = prepareGuide(o.guide, ref);
  const now = ctx.clock();
  return inTransaction(ctx.db, async (trx) => {
    const current = await trx
      .selectFrom('service_matters')
      .selectAll()
      .where('code', '=', o.code)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('MATTER_NOT_FOUND', { matter: o.code });
    if (o.basedOn !== undefined && o.basedOn !== current.current_version)
      throw new AppError('MATTER_VERSION_CONFLICT', { version: current.current_version });
    const version = current.current_version + 1;
    const row = await insertMatterVersion(trx, {
      matterId: current.id,
      version,
      guide,
      departmentId,
      note: o.note,
      createdBy: o.actor.userId,
      at: now,
    });
    const matter = await trx
      .updateTable('service_matters')
      .set({ current_version: version, updated_at: now })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: o.actor.userId,
      actorRole: o.actor.role,
      action: 'matter.publish',
      subjectType: 'service_matter',
      subjectId: o.code,
      detail: { version, note: o.note ?? null },
      ip: o.actor.ip ?? null,
    });
    return { matter, row, guide: guideOf(row) };
  });
}
