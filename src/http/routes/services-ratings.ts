/**
 * 好差评 Ratings: the applicant rates a completed application; a citizen
 * rates a closed 12345 ticket by the tracking pair (number + last four phone
 * digits), by the callback link of its SMS, or from their account. A 差评
 * opens a rectification ticket (see services/ratings/open-rectification.ts).
 * Staff with a view of the figures list the ratings behind them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RatingRow } from '../../db/schema-services.js';
import { RATING_LABELS, type RatingLevel } from '../../domain/ratings.js';
import { actorOf } from '../../services/auth/principal.js';
import type { ServiceContext } from '../../services/context.js';
import { rateApplication } from '../../services/ratings/rate-application.js';
import { rateTicket } from '../../services/ratings/rate-ticket.js';
import { requireRole, requireUser } from '../plugins/auth.js';
import { id, isoDateTime } from '../schemas/common.js';
import { applicationParams, linkToken, ratingBody, trackingRatingBody } from '../schemas/services.js';
import { loadVisibleApplication } from './services-access.js';

async function presentRating(ctx: ServiceContext, r: RatingRow) {
  const ticket =
    r.rectification_ticket_id === null
      ? null
      : await ctx.db
          .selectFrom('tickets')
          .select(['id', 'number'])
          .where('id', '=', r.rectification_ticket_id)
          .executeTakeFirst();
  return {
    id: r.id,
    subject: r.subject_type,
    level: r.level,
    label: RATING_LABELS[r.level as RatingLevel],
    comment: r.comment,
    ratedAt: r.rated_at,
    rectification: r.rectification,
    rectificationTicket: ticket ?? null,
  };
}

export function serviceRatingRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['services-ratings'];

    app.post(
      '/api/services/applications/:id/rating',
      {
        schema: {
          tags,
          summary:
            '评价办件 Rate a completed application (its applicant, or the agent recording the villager’s rating)',
          params: applicationParams,
          body: ratingBody,
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        await loadVisibleApplication(ctx, req, req.params.id);
        const r = await rateApplication(ctx, {
          applicationId: req.params.id,
          actor: actorOf(p),
          ...req.body,
        });
        return reply.code(201).send(await presentRating(ctx, r));
      },
    );

    app.post(
      '/api/services/ratings/tickets/:id',
      {
        schema: {
          tags,
          summary: '评价工单 Rate one’s own closed 12345 ticket (citizen account)',
          params: applicationParams,
          body: ratingBody,
        },
      },
      async (req, reply) => {
        const p = requireRole(req, ['citizen']);
        const r = await rateTicket(ctx, {
          rater: { kind: 'account', ticketId: req.params.id, userId: p.userId as number },
          ...req.body,
        });
        return reply.code(201).send({ ...(await presentRating(ctx, r)), ticketNumber: r.ticketNumber });
      },
    );

    app.post(
      '/api/public/ratings/ticket',
      {
        schema: {
          tags: ['public'],
          summary: '评价工单 Rate a closed 12345 ticket by its number and the last four digits of the phone',
          body: trackingRatingBody,
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const { number, phoneLast4, ...rest } = req.body;
        const r = await rateTicket(ctx, { rater: { kind: 'tracking', number, phoneLast4 }, ...rest });
        return reply.code(201).send({ ...(await presentRating(ctx, r)), ticketNumber: r.ticketNumber });
      },
    );

    app.post(
      '/api/public/ratings/callback/:token',
      {
        schema: {
          tags: ['public'],
          summary: '评价工单 Rate a closed 12345 ticket through the callback link of its SMS',
          params: linkToken,
          body: ratingBody,
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const r = await rateTicket(ctx, {
          rater: { kind: 'callback_link', token: req.params.token },
          ...req.body,
        });
        return reply.code(201).send({ ...(await presentRating(ctx, r)), ticketNumber: r.ticketNumber });
      },
    );

    app.get(
      '/api/services/ratings',
      {
        schema: {
          tags,
          summary:
            '评价明细 Ratings behind the figures (supervisor, admin; a reviewer sees their department’s)',
          querystring: z
            .object({
              subject: z.enum(['application', 'ticket']).optional(),
              unitId: id.optional(),
              poor: z.enum(['true', 'false']).optional(),
              from: isoDateTime.optional(),
              to: isoDateTime.optional(),
              limit: z.coerce.number().int().min(1).max(200).default(50),
              lang: z.enum(['zh', 'en']).optional(),
            })
            .strict(),
        },
      },
      async (req) => {
        const p = requireRole(req, ['supervisor', 'admin', 'reviewer']);
        const q = req.query;
        let query = ctx.db.selectFrom('service_ratings').selectAll().orderBy('id', 'desc').limit(q.limit);
        if (p.role === 'reviewer')
          query = query.where('unit_id', 'in', p.unitIds.length > 0 ? p.unitIds : [-1]);
        if (q.unitId !== undefined) query = query.where('unit_id', '=', q.unitId);
        if (q.subject) query = query.where('subject_type', '=', q.subject);
        if (q.poor === 'true') query = query.where('level', 'in', ['unsatisfied', 'very_unsatisfied']);
        if (q.poor === 'false') query = query.where('level', 'not in', ['unsatisfied', 'very_unsatisfied']);
        if (q.from) query = query.where('rated_at', '>=', q.from);
        if (q.to) query = query.where('rated_at', '<', q.to);
        const rows = await query.execute();
        return { items: await Promise.all(rows.map((r) => presentRating(ctx, r))) };
      },
    );
  };
}
