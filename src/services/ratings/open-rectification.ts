/**
 * 差评整改 A poor rating opens a rectification ticket in the 接诉即办 engine:
 * channel `rating`, type complaint, category 好差评整改 (whose deadline policy
 * is `rectification`: 15 working days to reply, callback required), the
 * rater as citizen so the hotline can call back, and the rated unit as the
 * suggested main unit. The ticket is intake under an idempotency key of the
 * rating, so a retry — or the sweep finishing a rating whose process died
 * between the two commits — links the same ticket instead of opening another.
 */
import { findTicket } from '../../db/repositories/tickets.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { RATING_LABELS, type RatingLevel, RECTIFICATION_CATEGORY } from '../../domain/ratings.js';
import type { ServiceContext } from '../context.js';
import { type IdempotencyClaim, lookupIdempotency } from '../idempotency.js';
import { intakeTicket } from '../tickets/intake-ticket.js';

interface Subject {
  text: string;
  areaCode: string | null;
  nameEnc: string | null;
  phoneEnc: string | null;
  userId: number | null;
  number: string;
}

async function subjectOf(
  ctx: ServiceContext,
  rating: { application_id: number | null; ticket_id: number | null },
): Promise<Subject> {
  const ref = await ctx.reference.get();
  if (rating.application_id !== null) {
    const app = await ctx.db
      .selectFrom('service_applications as a')
      .innerJoin('service_matter_versions as v', (j) =>
        j.onRef('v.matter_id', '=', 'a.matter_id').onRef('v.version', '=', 'a.matter_version'),
      )
      .leftJoin('service_authorisations as s', 's.id', 'a.authorisation_id')
      .select([
        'a.number',
        'a.department_id',
        'a.applicant_name_enc',
        'a.applicant_phone_enc',
        'a.applicant_user_id',
        'v.name',
        's.area_code',
      ])
      .where('a.id', '=', rating.application_id)
      .executeTakeFirstOrThrow();
    const unit = ref.units.get(app.department_id);
    return {
      text: `办件 ${app.number}「${app.name}」（${unit?.name ?? ''}）`,
      areaCode: app.area_code,
      nameEnc: app.applicant_name_enc,
      phoneEnc: app.applicant_phone_enc,
      userId: app.applicant_user_id,
      number: app.number,
    };
  }
  const ticket = await findTicket(ctx.db, rating.ticket_id ?? 0);
  if (!ticket) throw new Error(`rated ticket ${rating.ticket_id} is missing`);
  const unit = ticket.main_unit_id === null ? undefined : ref.units.get(ticket.main_unit_id);
  return {
    text: `工单 ${ticket.number}「${ticket.title}」（${unit?.name ?? ''}）`,
    areaCode: ticket.area_code,
    nameEnc: ticket.citizen_name_enc,
    phoneEnc: ticket.citizen_phone_enc,
    userId: ticket.citizen_user_id,
    number: ticket.number,
  };
}

/** Opens (or finds) the ticket of a pending poor rating and links it; the ticket id, or null if not pending. */
export async function openRectification(ctx: ServiceContext, ratingId: number): Promise<number | null> {
  const rating = await ctx.db
    .selectFrom('service_ratings')
    .selectAll()
    .where('id', '=', ratingId)
    .executeTakeFirst();
  if (!rating) throw new Error(`rating ${ratingId} not found`);
  if (rating.rectification !== 'pending') return rating.rectification_ticket_id;
  const claim: IdempotencyClaim = {
    scope: 'system:rating',
    key: `rating:${rating.id}`,
    requestHash: 'rectification',
  };
  const earlier = await lookupIdempotency(ctx.db, claim);
  let ticketId: number;
  if (earlier.kind === 'resource') {
    ticketId = earlier.resourceId;
  } else {
    const ref = await ctx.reference.get();
    const category = ref.categoriesByCode.get(RECTIFICATION_CATEGORY);
    const subject = await subjectOf(ctx, rating);
    const level = RATING_LABELS[rating.level as RatingLevel]?.zh ?? rating.level;
    const comment = rating.comment?.trim();
    try {
      const ticket = await intakeTicket(ctx, {
        actor: { role: 'system', userId: null, unitIds: [] },
        channel: 'rating',
        type: 'complaint',
        title: `好差评整改：${subject.number}`,
        description: `好差评差评整改：服务对象对${subject.text}的评价为“${level}”。${comment ? `评价意见：${comment}` : '未填写评价意见。'}请核实整改并回访服务对象。`,
        categoryId: category?.id ?? null,
        areaCode: subject.areaCode,
        citizen: {
          name: subject.nameEnc ? ctx.cipher.decrypt(subject.nameEnc) : null,
          phone: subject.phoneEnc ? ctx.cipher.decrypt(subject.phoneEnc) : null,
        },
        citizenUserId: subject.userId,
        attributes: { rating: String(rating.id), subject: subject.number },
        idempotency: claim,
      });
      ticketId = ticket.id;
    } catch (err) {
      // Another process is opening it right now; the sweep links it later.
      if (isAppError(err) && err.code === 'IDEMPOTENCY_IN_PROGRESS') return null;
      throw err;
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('service_ratings')
      .set({ rectification: 'opened', rectification_ticket_id: ticketId })
      .where('id', '=', rating.id)
      .where('rectification', '=', 'pending')
      .execute();
    if (rating.unit_id !== null) {
      await trx
        .updateTable('tickets')
        .set({ suggested_unit_id: rating.unit_id })
        .where('id', '=', ticketId)
        .where('state', '=', 'received')
        .execute();
    }
  });
  return ticketId;
}

export function ratingConflict(err: unknown): AppError | null {
  const code = (err as { code?: unknown }).code;
  return code === '23505' ? new AppError('RATING_EXISTS') : null;
}
