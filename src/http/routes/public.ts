/**
 * What anyone may do without an account: file a request, and track it by its
 * number plus the last four digits of the phone given at intake. A wrong pair
 * answers exactly like a missing ticket.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listEvents } from '../../db/repositories/ticket-events.js';
import { findTicket, findTicketByNumber } from '../../db/repositories/tickets.js';
import { AppError } from '../../domain/errors.js';
import { ACTION_LABELS, type TicketAction } from '../../domain/transitions.js';
import { STATE_LABELS, type TicketState } from '../../domain/vocabulary.js';
import { safeEqual } from '../../services/auth/tokens.js';
import { peekCallbackLink, redeemCallbackLink } from '../../services/callback-links.js';
import type { ServiceContext } from '../../services/context.js';
import { intakeTicket } from '../../services/tickets/intake-ticket.js';
import { areaCode, id, phone, requestType, requiredText, satisfaction, text } from '../schemas/common.js';

const publicIntake = z
  .object({
    type: requestType,
    description: requiredText(10_000),
    title: text(200).optional(),
    categoryId: id.nullable().optional(),
    areaCode: areaCode.nullable().optional(),
    address: text(500).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    name: text(100).nullable().optional(),
    phone: phone.nullable().optional(),
    anonymous: z.boolean().optional(),
    mediaUrls: z.array(z.url().max(1000)).max(10).optional(),
  })
  .strict();

export function publicRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/public/tickets',
      {
        schema: { tags: ['public'], summary: '市民提交诉求 File a request (no account)', body: publicIntake },
        config: { idempotency: 'transactional', rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        if (req.idempotentResource) {
          const t = await findTicket(ctx.db, req.idempotentResource.resourceId);
          if (t) return reply.code(201).send({ number: t.number, receivedAt: t.received_at });
        }
        const b = req.body;
        const t = await intakeTicket(ctx, {
          actor: { role: 'citizen', userId: null, unitIds: [] },
          channel: 'web',
          type: b.type,
          title: b.title,
          description: b.description,
          categoryId: b.categoryId,
          areaCode: b.areaCode,
          address: b.address,
          lat: b.lat,
          lng: b.lng,
          citizen: { name: b.name, phone: b.phone },
          anonymous: b.anonymous,
          mediaUrls: b.mediaUrls,
          idempotency: req.idempotency,
        });
        return reply.code(201).send({ number: t.number, receivedAt: t.received_at });
      },
    );

    app.post(
      '/api/public/track',
      {
        schema: {
          tags: ['public'],
          summary: '查询诉求办理进度 Track a request',
          body: z
            .object({ number: z.string().min(5).max(30), phoneLast4: z.string().regex(/^\d{4}$/) })
            .strict(),
        },
        config: { idempotency: 'none', rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req) => {
        const t = await findTicketByNumber(ctx.db, req.body.number);
        if (!t?.citizen_phone_last4 || !safeEqual(t.citizen_phone_last4, req.body.phoneLast4)) {
          throw new AppError('TRACKING_NOT_FOUND');
        }
        const ref = await ctx.reference.get();
        const category = t.category_id === null ? null : ref.categories.get(t.category_id);
        const events = (await listEvents(ctx.db, t.id)).filter((e) => e.public);
        return {
          number: t.number,
          state: t.state,
          stateLabel: STATE_LABELS[t.state as TicketState],
          title: t.title,
          category: category ? { name: category.name, nameEn: category.name_en } : null,
          receivedAt: t.received_at,
          replyDueAt: t.reply_due_at,
          reply: t.reply_text,
          closedAt: t.closed_at,
          timeline: events.map((e) => {
            const unit = e.actor_unit_id === null ? null : ref.units.get(e.actor_unit_id);
            return {
              action: e.action,
              label: ACTION_LABELS[e.action as TicketAction] ?? { zh: e.action, en: e.action },
              at: e.at,
              unit: unit ? { name: unit.name, nameEn: unit.name_en } : null,
              text: e.action === 'reply' || e.action === 'answer' ? e.reason : null,
            };
          }),
        };
      },
    );

    const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).strict();

    app.get(
      '/api/public/callback/:token',
      {
        schema: {
          tags: ['public'],
          summary: '回访链接 Callback link: what it is about',
          params: tokenParams,
        },
      },
      async (req) => peekCallbackLink(ctx, req.params.token),
    );

    app.post(
      '/api/public/callback/:token',
      {
        schema: {
          tags: ['public'],
          summary: '市民回访评价 Answer the callback (one-time link)',
          params: tokenParams,
          body: z.object({ resolved: z.boolean(), satisfaction, comment: text(1000).optional() }).strict(),
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req) => {
        const r = await redeemCallbackLink(ctx, { token: req.params.token, ...req.body });
        return {
          number: r.ticket.number,
          state: r.ticket.state,
          stateLabel: STATE_LABELS[r.ticket.state as TicketState],
        };
      },
    );
  };
}
