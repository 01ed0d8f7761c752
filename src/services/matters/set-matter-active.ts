/**
 * 停办/恢复 The admin stops or resumes a matter. A stopped matter takes no
 * new applications; those already filed go on under their version.
 */
import type { MatterRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';

export interface SetMatterActiveOptions {
  code: string;
  active: boolean;
  actor: { userId: number | null; role: string; ip?: string | null };
}

export async function setMatterActive(ctx: ServiceContext, o: SetMatterActiveOptions): Promise<MatterRow> {
  const now = ctx.clock();
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .updateTable('service_matters')
      .set({ active: o.active, updated_at: now })
      .where('code', '=', o.code)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('MATTER_NOT_FOUND', { matter: o.code });
    await recordAudit(trx, {
      actorUserId: o.actor.userId,
      actorRole: o.actor.role,
      action: o.active ? 'matter.resume' : 'matter.stop',
      subjectType: 'service_matter',
      subjectId: o.code,
      ip: o.actor.ip ?? null,
    });
    return row;
  });
}
