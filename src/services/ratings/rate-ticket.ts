/**
 * 好差评 of the 12345 side: the citizen rates a closed ticket once, found by
 * the tracking pair (number + last four digits of the phone), the callback
 * link of its SMS, or their own account. A poor rating opens a rectification
 * ticket — except on a rectification ticket itself, which would only loop.
 */
import { findTicket, findTicketByNumber } from '../../db/repositories/tickets.js';
import type { TicketRow } from '../../db/schema.js';
import type { RatingRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import { isPoorRating, RATING_WINDOW_DAYS, type RatingLevel } from '../../domain/ratings.js';
import { safeEqual } from '../auth/tokens.js';
import { hashToken } from '../callback-links.js';
import type { ServiceContext } from '../context.js';
import { openRectification, ratingConflict } from './open-rectification.js';

export type TicketRater =
  | { kind: 'tracking'; number: string; phoneLast4: string }
  | { kind: 'callback_link'; token: string }
  | { kind: 'account'; ticketId: number; userId: number };

export interface RateTicketOptions {
  rater: TicketRater;
  level: RatingLevel;
  comment?: string | null;
}

const DAY_MS = 86_400_000;

async function ratedTicket(ctx: ServiceContext, rater: TicketRater): Promise<TicketRow> {
  const missing = new AppError('RATING_SUBJECT_NOT_FOUND');
  if (rater.kind === 'tracking') {
    const t = await findTicketByNumber(ctx.db, rater.number);
    if (!t?.citizen_phone_last4 || !safeEqual(t.citizen_phone_last4, rater.phoneLast4)) throw missing;
    return t;
  }
  if (rater.kind === 'callback_link') {
    if (!/^[A-Za-z0-9_-]{43}$/.test(rater.token)) throw missing;
    const link = await ctx.db
      .selectFrom('callback_links')
      .select('ticket_id')
      .where('token_hash', '=', hashToken(rater.token))
      .executeTakeFirst();
    const t = link ? await findTicket(ctx.db, link.ticket_id) : undefined;
    if (!t) throw missing;
    return t;
  }
  const t = await findTicket(ctx.db, rater.ticketId);
  if (!t || t.citizen_user_id !== rater.userId) throw missing;
  return t;
}

export async function rateTicket(
  ctx: ServiceContext,
  o: RateTicketOptions,
): Promise<RatingRow & { ticketNumber: string }> {
  const ticket = await ratedTicket(ctx, o.rater);
  const now = ctx.clock();
  if (
    ticket.state !== 'closed' ||
    ticket.closed_at === null ||
    now.getTime() - ticket.closed_at.getTime() > RATING_WINDOW_DAYS * DAY_MS
  )
    throw new AppError('RATING_NOT_ALLOWED', { days: RATING_WINDOW_DAYS });
  const poor = isPoorRating(o.level);
  let rating: RatingRow;
  try {
    rating = await ctx.db
      .insertInto('service_ratings')
      .values({
        subject_type: 'ticket',
        ticket_id: ticket.id,
        rater_key: 'citizen',
        rater_user_id: o.rater.kind === 'account' ? o.rater.userId : null,
        level: o.level,
        comment: o.comment?.trim() || null,
        unit_id: ticket.main_unit_id,
        rated_at: now,
        rectification: !poor ? 'none' : ticket.channel === 'rating' ? 'skipped' : 'pending',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    throw ratingConflict(err) ?? err;
  }
  if (rating.rectification === 'pending') {
    const ticketId = await openRectification(ctx, rating.id);
    rating = {
      ...rating,
      rectification: ticketId === null ? 'pending' : 'opened',
      rectification_ticket_id: ticketId,
    };
  }
  return { ...rating, ticketNumber: ticket.number };
}
