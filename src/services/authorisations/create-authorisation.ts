/**
 * 代办授权 A village agent records a villager's authorisation to apply on
 * their behalf (足不出村办政务): who the villager is, for which matter, until
 * when, and how the consent was given. The villager is told by SMS, with a
 * link to see the authorisation and withdraw it.
 */

import { findMatterByCode, loadMatterVersion } from '../../db/repositories/service-matters.js';
import type { AuthorisationRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import { lastFour, maskName, maskPhone } from '../../security/personal-data.js';
import { maskIdNumber } from '../applications/create-application.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { enqueue } from '../outbox.js';
import { inTransaction } from '../transaction.js';

export const CONSENT_KINDS = ['signed_form', 'in_person', 'video_call'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
/** An authorisation covers one matter for at most a year. */
export const MAX_AUTHORISATION_DAYS = 366;

export interface CreateAuthorisationOptions {
  agent: { userId: number; role: 'village_agent' };
  matterCode: string;
  villager: { name: string; phone: string; idNumber?: string | null };
  areaCode?: string | null;
  consent: ConsentKind;
  note?: string | null;
  validUntil: Date;
}

export async function createAuthorisation(
  ctx: ServiceContext,
  o: CreateAuthorisationOptions,
): Promise<AuthorisationRow> {
  const now = ctx.clock();
  const matter = await findMatterByCode(ctx.db, o.matterCode);
  if (!matter) throw new AppError('MATTER_NOT_FOUND', { matter: o.matterCode });
  if (!matter.active) throw new AppError('MATTER_INACTIVE', { matter: o.matterCode });
  const version = await loadMatterVersion(ctx.db, matter);
  const horizon = now.getTime() + MAX_AUTHORISATION_DAYS * 86_400_000;
  if (o.validUntil.getTime() <= now.getTime() || o.validUntil.getTime() > horizon)
    throw new AppError('AUTHORISATION_PERIOD_INVALID', { days: MAX_AUTHORISATION_DAYS });
  if (o.areaCode) {
    const ref = await ctx.reference.get();
    if (!ref.areas.has(o.areaCode)) throw new AppError('AREA_NOT_FOUND', { area: o.areaCode });
  }
  const name = o.villager.name.trim();
  const phone = o.villager.phone.trim();
  const idNumber = o.villager.idNumber?.trim() || null;
  let wrote = false;
  const row = await inTransaction(ctx.db, async (trx) => {
    const inserted = await trx
      .insertInto('service_authorisations')
      .values({
        agent_user_id: o.agent.userId,
        matter_id: matter.id,
        villager_name_enc: ctx.cipher.encrypt(name),
        villager_name_masked: maskName(name),
        villager_id_enc: idNumber ? ctx.cipher.encrypt(idNumber) : null,
        villager_id_masked: idNumber ? maskIdNumber(idNumber) : null,
        villager_phone_enc: ctx.cipher.encrypt(phone),
        villager_phone_hash: ctx.cipher.hashPhone(phone),
        villager_phone_masked: maskPhone(phone),
        villager_phone_last4: lastFour(phone),
        area_code: o.areaCode ?? null,
        consent: o.consent,
        note: o.note?.trim() || null,
        valid_from: now,
        valid_until: o.validUntil,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: o.agent.userId,
      actorRole: o.agent.role,
      action: 'authorisation.create',
      subjectType: 'service_authorisation',
      subjectId: String(inserted.id),
      detail: { matter: matter.code, validUntil: o.validUntil.toISOString(), consent: o.consent },
    });
    wrote =
      (await enqueue(trx, [
        {
          channel: 'sms',
          recipient: `authorisation:${inserted.id}`,
          template: 'svc_authorisation_granted',
          payload: {
            authorisationId: inserted.id,
            matterCode: matter.code,
            matter: version?.row.name ?? matter.code,
            matterEn: version?.row.name_en ?? matter.code,
            validUntil: o.validUntil.toISOString(),
          },
          dedupeKey: `svc-authorisation:${inserted.id}`,
        },
      ])) > 0;
    return inserted;
  });
  if (wrote) ctx.afterCommit('outbox');
  return row;
}
