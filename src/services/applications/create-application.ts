/**
 * 新建申请 An applicant (or a village agent for a villager, under a recorded
 * authorisation) starts an application for the current version of a matter:
 * a draft with its number, the applicant's identity (encrypted, masked for
 * lists) and whatever of the form is already filled in.
 */

import { findMatterByCode, loadMatterVersion } from '../../db/repositories/service-matters.js';
import { nextTicketNumber } from '../../db/repositories/ticket-numbers.js';
import type { ApplicationRow, AuthorisationRow } from '../../db/schema-services.js';
import { type ApplicationActor, decideApplication } from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import { validateForm } from '../../domain/form-schema.js';
import { maskName, maskPhone } from '../../security/personal-data.js';
import type { ServiceContext } from '../context.js';
import { claimIdempotency, type IdempotencyClaim } from '../idempotency.js';
import { inTransaction } from '../transaction.js';

export interface ApplicantInput {
  kind: 'person' | 'organisation';
  /** a person's name or an organisation's registered name */
  name: string;
  /** resident ID, passport or credit code */
  idNumber?: string | null;
  phone?: string | null;
}

export interface CreateApplicationOptions {
  actor: ApplicationActor;
  matterCode: string;
  /** required from citizens; a village agent files for the villager of the authorisation */
  applicant?: ApplicantInput | null;
  authorisationId?: number | null;
  form?: unknown;
  idempotency?: IdempotencyClaim | null;
}

/** 110105********002X: the issuing area and the last four stay readable. */
export function maskIdNumber(id: string): string {
  const chars = [...id.trim()];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const head = chars.length >= 15 ? 6 : chars.length > 8 ? 2 : 0;
  return `${chars.slice(0, head).join('')}${'*'.repeat(chars.length - head - 4)}${chars.slice(-4).join('')}`;
}

function issue(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', {}, [{ path, code: 'required', message }]);
}

export async function createApplication(
  ctx: ServiceContext,
  o: CreateApplicationOptions,
): Promise<ApplicationRow> {
  const now = ctx.clock();
  const matter = await findMatterByCode(ctx.db, o.matterCode);
  if (!matter) throw new AppError('MATTER_NOT_FOUND', { matter: o.matterCode });
  if (!matter.active) throw new AppError('MATTER_INACTIVE', { matter: o.matterCode });
  const version = await loadMatterVersion(ctx.db, matter);
  if (!version) throw new Error(`matter ${matter.code} has no version ${matter.current_version}`);

  let authorisation: AuthorisationRow | null = null;
  if (o.actor.role === 'village_agent') {
    if (o.authorisationId == null) throw new AppError('AUTHORISATION_REQUIRED');
    authorisation =
      (await ctx.db
        .selectFrom('service_authorisations')
        .selectAll()
        .where('id', '=', o.authorisationId)
        .where('agent_user_id', '=', o.actor.userId ?? -1)
        .executeTakeFirst()) ?? null;
    if (!authorisation) throw new AppError('AUTHORISATION_NOT_FOUND', { authorisation: o.authorisationId });
  }
  decideApplication(
    null,
    {
      action: 'create',
      matterId: matter.id,
      authorisation: authorisation && {
        matterId: authorisation.matter_id,
        validFrom: authorisation.valid_from,
        validUntil: authorisation.valid_until,
        withdrawnAt: authorisation.withdrawn_at,
      },
    },
    o.actor,
    now,
  );

  const applicant = await applicantColumns(ctx, o, authorisation);
  const allowed = version.guide.applicantKind;
  if (allowed !== 'both' && allowed !== applicant.applicant_kind)
    throw new AppError('APPLICANT_KIND_NOT_ALLOWED', { kind: applicant.applicant_kind });
  const form =
    o.form === undefined || o.form === null
      ? null
      : validateForm(version.guide.form, o.form, { partial: true });
  if (form && form.issues.length > 0) throw new AppError('FORM_INVALID', {}, form.issues);

  const number = await nextTicketNumber(ctx.db, `${ctx.config.ticketPrefix}WB`, now);
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('service_applications')
      .values({
        number,
        matter_id: matter.id,
        matter_version: version.row.version,
        department_id: version.row.department_id,
        status: 'draft',
        filed_by_user_id: o.actor.userId ?? -1,
        filed_by_role: o.actor.role === 'village_agent' ? 'village_agent' : 'citizen',
        authorisation_id: authorisation?.id ?? null,
        ...applicant,
        form_enc: form ? ctx.cipher.encrypt(JSON.stringify(form.value)) : null,
        event_count: 1,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('service_application_events')
      .values({
        application_id: row.id,
        seq: 1,
        action: 'create',
        from_status: null,
        to_status: 'draft',
        actor_user_id: o.actor.userId,
        actor_role: o.actor.role,
        actor_unit_id: null,
        at: now,
        reason: null,
        data: JSON.stringify({ matter: matter.code, version: version.row.version }),
      })
      .execute();
    if (o.idempotency && !(await claimIdempotency(trx, o.idempotency, { type: 'application', id: row.id })))
      throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    return row;
  });
}

async function applicantColumns(
  ctx: ServiceContext,
  o: CreateApplicationOptions,
  authorisation: AuthorisationRow | null,
) {
  if (authorisation) {
    return {
      applicant_user_id: authorisation.villager_user_id,
      applicant_kind: 'person',
      applicant_name_enc: authorisation.villager_name_enc,
      applicant_name_masked: authorisation.villager_name_masked,
      applicant_id_enc: authorisation.villager_id_enc,
      applicant_id_masked: authorisation.villager_id_masked,
      applicant_phone_enc: authorisation.villager_phone_enc,
      applicant_phone_masked: authorisation.villager_phone_masked,
    };
  }
  const a = o.applicant;
  const name = a?.name?.trim() ?? '';
  if (!a || name === '')
    throw issue('applicant.name', '申请人姓名或名称必填 / the applicant’s name is required');
  const idNumber = a.idNumber?.trim() || null;
  let phoneEnc: string | null = null;
  let phoneMasked: string | null = null;
  const phone = a.phone?.trim() || null;
  if (phone) {
    phoneEnc = ctx.cipher.encrypt(phone);
    phoneMasked = maskPhone(phone);
  } else if (o.actor.userId !== null) {
    // The account's phone, so that a rectification ticket can call the applicant back.
    const user = await ctx.db
      .selectFrom('users')
      .select('phone_enc')
      .where('id', '=', o.actor.userId)
      .executeTakeFirst();
    if (user?.phone_enc) {
      phoneEnc = user.phone_enc;
      phoneMasked = maskPhone(ctx.cipher.decrypt(user.phone_enc));
    }
  }
  return {
    applicant_user_id: o.actor.userId,
    applicant_kind: a.kind,
    applicant_name_enc: ctx.cipher.encrypt(name),
    applicant_name_masked: a.kind === 'organisation' ? name : maskName(name),
    applicant_id_enc: idNumber ? ctx.cipher.encrypt(idNumber) : null,
    applicant_id_masked: idNumber ? maskIdNumber(idNumber) : null,
    applicant_phone_enc: phoneEnc,
    applicant_phone_masked: phoneMasked,
  };
}
