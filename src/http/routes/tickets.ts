/**
 * Tickets: intake, lists and search, detail, timeline, the audited reveal of
 * personal data, and a caller's history.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listEvents } from '../../db/repositories/ticket-events.js';
import { searchTickets, type TicketScope } from '../../db/repositories/ticket-search.js';
import { findTicket, findTicketByNumber } from '../../db/repositories/tickets.js';
import { AppError } from '../../domain/errors.js';
import { canSeePersonalData, TICKET_POLICY } from '../../domain/policies/ticket-policy.js';
import { ACTION_LABELS, type TicketAction } from '../../domain/transitions.js';
import { recordAudit } from '../../services/audit.js';
import { actorOf } from '../../services/auth/principal.js';
import type { ServiceContext } from '../../services/context.js';
import { intakeTicket } from '../../services/tickets/intake-ticket.js';
import { requireUser } from '../plugins/auth.js';
import { presentTicketListItem } from '../presenters/ticket-list.js';
import { phone, ticketIdParams } from '../schemas/common.js';
import { ticketListPage } from '../schemas/ticket-list.js';
import { intakeBody, listQuery } from '../schemas/tickets.js';
import { loadVisibleTicket, presentForCaller } from './ticket-access.js';

const STAFF_INTAKE = ['agent', 'dispatcher', 'village_agent', 'citizen'] as const;

export function ticketRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/tickets',
      {
        schema: { tags: ['tickets'], summary: '受理 Intake a request as a ticket', body: intakeBody },
        config: { idempotency: 'transactional' },
      },
      async (req, reply) => {
        const p = requireUser(req);
        if (!(STAFF_INTAKE as readonly string[]).includes(p.role)) throw new AppError('FORBIDDEN');
        if (req.idempotentResource) {
          const existing = await findTicket(ctx.db, req.idempotentResource.resourceId);
          if (existing) return reply.code(201).send(await presentForCaller(ctx, req, existing));
        }
        const b = req.body;
        const ticket = await intakeTicket(ctx, {
          actor: actorOf(p),
          channel: p.role === 'citizen' ? 'web' : b.channel,
          type: b.type,
          title: b.title,
          description: b.description,
          categoryId: b.categoryId,
          areaCode: b.areaCode,
          address: b.address,
          lat: b.lat,
          lng: b.lng,
          citizen: b.citizen,
          anonymous: b.anonymous,
          citizenUserId: p.role === 'citizen' ? p.userId : null,
          urgency: b.urgency,
          complex: b.complex,
          attributes: b.attributes,
          mediaUrls: b.mediaUrls,
          idempotency: req.idempotency,
        });
        return reply
          .code(201)
          .header('location', `/api/tickets/${ticket.id}`)
          .send(await presentForCaller(ctx, req, ticket, { fresh: true }));
      },
    );

    app.get(
      '/api/tickets',
      {
        schema: {
          tags: ['tickets'],
          summary: '工单列表与检索 List and search tickets',
          querystring: listQuery,
          response: { 200: ticketListPage },
        },
      },
      async (req) => {
        const p = requireUser(req);
        const q = req.query;
        const policy = TICKET_POLICY[p.role].view;
        let scope: TicketScope;
        if (policy === 'all') scope = { kind: 'all' };
        else if (policy === 'units') scope = { kind: 'units', unitIds: p.unitIds };
        else if (policy === 'own' && p.userId !== null) scope = { kind: 'own', userId: p.userId };
        else return { items: [], nextCursor: null };
        const ref = await ctx.reference.get();
        let categoryIds: number[] | undefined;
        if (q.categoryId !== undefined) {
          const c = ref.categories.get(q.categoryId);
          if (!c) throw new AppError('CATEGORY_NOT_FOUND', { category: q.categoryId });
          categoryIds =
            c.level === 1
              ? [...ref.categories.values()].filter((x) => x.parent_id === c.id).map((x) => x.id)
              : [c.id];
        }
        const now = ctx.clock();
        const page = await searchTickets(ctx.db, {
          scope,
          states: q.state,
          mainUnitIds: q.mine ? p.unitIds : q.unitId !== undefined ? [q.unitId] : undefined,
          areaCode: q.area,
          categoryIds,
          types: q.type,
          channels: q.channel,
          deadline: q.deadline,
          receivedFrom: q.from,
          receivedTo: q.to,
          q: q.q,
          exempt: q.exempt,
          sort: q.sort,
          cursor: q.cursor,
          limit: q.limit,
          now,
        });
        return { items: page.items.map((t) => presentTicketListItem(t, ref)), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/api/tickets/:id',
      { schema: { tags: ['tickets'], summary: '工单详情 Ticket detail', params: ticketIdParams } },
      async (req) => {
        requireUser(req);
        const { ticket } = await loadVisibleTicket(ctx, req, req.params.id);
        return presentForCaller(ctx, req, ticket);
      },
    );

    app.get(
      '/api/tickets/by-number/:number',
      {
        schema: {
          tags: ['tickets'],
          summary: '按工单号查询 Ticket by number',
          params: z.object({ number: z.string().max(30) }).strict(),
        },
      },
      async (req) => {
        requireUser(req);
        const found = await findTicketByNumber(ctx.db, req.params.number);
        if (!found) throw new AppError('TICKET_NOT_FOUND', { ticket: req.params.number });
        const { ticket } = await loadVisibleTicket(ctx, req, found.id);
        return presentForCaller(ctx, req, ticket);
      },
    );

    app.get(
      '/api/tickets/:id/events',
      { schema: { tags: ['tickets'], summary: '办理过程 Timeline', params: ticketIdParams } },
      async (req) => {
        const p = requireUser(req);
        const { ticket } = await loadVisibleTicket(ctx, req, req.params.id);
        const internal = TICKET_POLICY[p.role].internalTimeline;
        const ref = await ctx.reference.get();
        const events = await listEvents(ctx.db, ticket.id);
        const userIds = [
          ...new Set(events.map((e) => e.actor_user_id).filter((x): x is number => x !== null)),
        ];
        const users = userIds.length
          ? new Map(
              (
                await ctx.db
                  .selectFrom('users')
                  .select(['id', 'display_name'])
                  .where('id', 'in', userIds)
                  .execute()
              ).map((u) => [u.id, u.display_name]),
            )
          : new Map<number, string>();
        return {
          items: events
            .filter((e) => internal || e.public)
            .map((e) => {
              const unit = e.actor_unit_id === null ? null : ref.units.get(e.actor_unit_id);
              return {
                seq: e.seq,
                action: e.action,
                actionLabel: ACTION_LABELS[e.action as TicketAction] ?? { zh: e.action, en: e.action },
                fromState: e.from_state,
                toState: e.to_state,
                at: e.at,
                actor: {
                  role: e.actor_role,
                  name: internal && e.actor_user_id !== null ? (users.get(e.actor_user_id) ?? null) : null,
                  unit: unit ? { id: unit.id, name: unit.name, nameEn: unit.name_en } : null,
                },
                reason: e.reason,
                data: internal ? e.data : {},
                public: e.public,
              };
            }),
        };
      },
    );

    app.post(
      '/api/tickets/:id/reveal-contact',
      {
        schema: {
          tags: ['tickets'],
          summary: '查看诉求人联系方式（留痕）Reveal contact (audited)',
          params: ticketIdParams,
        },
        config: { idempotency: 'none' },
      },
      async (req) => {
        const p = requireUser(req);
        const { ticket, units } = await loadVisibleTicket(ctx, req, req.params.id);
        if (
          !canSeePersonalData(p, { involvedUnitIds: units.involved, citizenUserId: ticket.citizen_user_id })
        ) {
          throw new AppError('FORBIDDEN');
        }
        await recordAudit(ctx.db, {
          actorUserId: p.userId,
          actorRole: p.role,
          action: 'personal_data.reveal',
          subjectType: 'ticket',
          subjectId: String(ticket.id),
          detail: { number: ticket.number },
          ip: req.ip,
        });
        return {
          name: ticket.citizen_name_enc ? ctx.cipher.decrypt(ticket.citizen_name_enc) : null,
          phone: ticket.citizen_phone_enc ? ctx.cipher.decrypt(ticket.citizen_phone_enc) : null,
        };
      },
    );

    app.get(
      '/api/callers/history',
      {
        schema: {
          tags: ['tickets'],
          summary: '来电人历史诉求 Caller history by phone',
          querystring: z
            .object({ phone, limit: z.coerce.number().int().min(1).max(100).default(20) })
            .strict(),
          response: { 200: ticketListPage.omit({ nextCursor: true }) },
        },
      },
      async (req) => {
        const p = requireUser(req);
        if (!TICKET_POLICY[p.role].personalData || TICKET_POLICY[p.role].view !== 'all')
          throw new AppError('FORBIDDEN');
        await recordAudit(ctx.db, {
          actorUserId: p.userId,
          actorRole: p.role,
          action: 'personal_data.caller_history',
          subjectType: 'phone',
          subjectId: ctx.cipher.hashPhone(req.query.phone).slice(0, 16),
          ip: req.ip,
        });
        const ref = await ctx.reference.get();
        const now = ctx.clock();
        const page = await searchTickets(ctx.db, {
          scope: { kind: 'all' },
          phoneHash: ctx.cipher.hashPhone(req.query.phone),
          limit: req.query.limit,
          now,
        });
        return { items: page.items.map((t) => presentTicketListItem(t, ref)) };
      },
    );
  };
}
