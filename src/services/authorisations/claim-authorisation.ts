/**
 * 关联账号 A villager who has (or creates) a citizen account opens the SMS
 * link while signed in and binds the authorisation to the account: from then
 * on they see it, and the applications filed under it, as their own.
 */
import type { AuthorisationRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';
import { authorisationByLink } from './authorisation-links.js';

export interface ClaimAuthorisationOptions {
  token: string;
  phoneLast4: string;
  citizenUserId: number;
}

export async function claimAuthorisation(
  ctx: ServiceContext,
  o: ClaimAuthorisationOptions,
): Promise<AuthorisationRow> {
  return inTransaction(ctx.db, async (trx) => {
    const found = await authorisationByLink(ctx, {
      token: o.token,
      phoneLast4: o.phoneLast4,
      db: trx,
      lock: true,
    });
    // Someone else's account already holds it: answer like a bad link rather than reveal that.
    if (found.villager_user_id !== null && found.villager_user_id !== o.citizenUserId)
      throw new AppError('AUTHORISATION_LINK_INVALID');
    const row = await trx
      .updateTable('service_authorisations')
      .set({ villager_user_id: o.citizenUserId })
      .where('id', '=', found.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('service_applications')
      .set({ applicant_user_id: o.citizenUserId })
      .where('authorisation_id', '=', found.id)
      .where('applicant_user_id', 'is', null)
      .execute();
    await recordAudit(trx, {
      actorUserId: o.citizenUserId,
      actorRole: 'citizen',
      action: 'authorisation.claim',
      subjectType: 'service_authorisation',
      subjectId: String(found.id),
    });
    return row;
  });
}
