/**
 * 好差评 The applicant (or the agent who filed for a villager, recording the
 * villager's word) rates a completed application once, within the rating
 * window. A poor rating opens a rectification ticket linked to the rating.
 */
import { findApplication } from '../../db/repositories/service-applications.js';
import type { RatingRow } from '../../db/schema-services.js';
import {
  type ApplicationActor,
  type ApplicationStatus,
  actsAsApplicant,
  COMPLETED_STATUSES,
} from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import { isPoorRating, RATING_WINDOW_DAYS, type RatingLevel } from '../../domain/ratings.js';
import type { ServiceContext } from '../context.js';
import { openRectification, ratingConflict } from './open-rectification.js';
import { snapshotOfApplicationFacts } from './rating-facts.js';

export interface RateApplicationOptions {
  applicationId: number;
  actor: ApplicationActor;
  level: RatingLevel;
  comment?: string | null;
}

const DAY_MS = 86_400_000;

export async function rateApplication(ctx: ServiceContext, o: RateApplicationOptions): Promise<RatingRow> {
  const app = await findApplication(ctx.db, o.applicationId);
  if (!app) throw new AppError('APPLICATION_NOT_FOUND', { application: o.applicationId });
  if (!actsAsApplicant(o.actor, snapshotOfApplicationFacts(app)))
    throw new AppError('APPLICATION_NOT_APPLICANT');
  const now = ctx.clock();
  const completedAt = app.certified_at ?? app.decided_at;
  if (
    !COMPLETED_STATUSES.includes(app.status as ApplicationStatus) ||
    completedAt === null ||
    now.getTime() - completedAt.getTime() > RATING_WINDOW_DAYS * DAY_MS
  )
    throw new AppError('RATING_NOT_ALLOWED', { days: RATING_WINDOW_DAYS });
  let rating: RatingRow;
  try {
    rating = await ctx.db
      .insertInto('service_ratings')
      .values({
        subject_type: 'application',
        application_id: app.id,
        rater_key: 'applicant',
        rater_user_id: o.actor.userId,
        level: o.level,
        comment: o.comment?.trim() || null,
        unit_id: app.department_id,
        matter_id: app.matter_id,
        rated_at: now,
        rectification: isPoorRating(o.level) ? 'pending' : 'none',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    throw ratingConflict(err) ?? err;
  }
  if (rating.rectification !== 'pending') return rating;
  const ticketId = await openRectification(ctx, rating.id);
  return {
    ...rating,
    rectification: ticketId === null ? 'pending' : 'opened',
    rectification_ticket_id: ticketId,
  };
}
