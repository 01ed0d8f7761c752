/**
 * Incidents 突发事件: report one (command centre or unit), raise one from an
 * urgent ticket in one action, ask what smart intake suggests for a ticket,
 * list, detail, timeline, and the reference the report form needs (types,
 * levels, severity criteria, chains).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listIncidentEvents } from '../../db/repositories/incident-events.js';
import { criteriaFor, FACT_LABELS } from '../../domain/emergency/severity.js';
import { INCIDENT_ACTION_LABELS, type IncidentAction } from '../../domain/emergency/transitions.js';
import {
  DUTY_POST_LABELS,
  INCIDENT_LEVEL_LABELS,
  INCIDENT_LEVELS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_TYPE_LABELS,
  INCIDENT_TYPES,
  LINK_TARGET_LABELS,
  OPEN_INCIDENT_STATUSES,
} from '../../domain/emergency/vocabulary.js';
import { AppError } from '../../domain/errors.js';
import { INCIDENT_POLICY, seesAllIncidents } from '../../domain/policies/incident-policy.js';
import { actorOf } from '../../services/auth/principal.js';
import type { ServiceContext } from '../../services/context.js';
import { createIncident } from '../../services/emergency/create-incident.js';
import { escalateTicket } from '../../services/emergency/escalate-ticket.js';
import { centreUnitId } from '../../services/emergency/incident-actors.js';
import { loadExtras } from '../../services/emergency/incident-views.js';
import { loadChains } from '../../services/emergency/load-chains.js';
import { suggestIncident } from '../../services/emergency/suggest-incident.js';
import { requireUser } from '../plugins/auth.js';
import { labelOf, presentIncidentSummary } from '../presenters/incident.js';
import { ticketIdParams } from '../schemas/common.js';
import {
  createIncidentBody,
  escalateTicketBody,
  incidentIdParams,
  incidentListQuery,
} from '../schemas/emergency.js';
import { loadVisibleIncident, presentIncidentFor } from './incident-access.js';
import { loadVisibleTicket } from './ticket-access.js';

export function incidentRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/incidents',
      {
        schema: { tags: ['emergency'], summary: '报告突发事件 Report an incident', body: createIncidentBody },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const b = req.body;
        const incident = await createIncident(ctx, { actor: actorOf(p), ...b });
        return reply
          .code(201)
          .header('location', `/api/incidents/${incident.id}`)
          .send(await presentIncidentFor(ctx, req, incident));
      },
    );

    app.post(
      '/api/tickets/:id/escalate-incident',
      {
        schema: {
          tags: ['emergency'],
          summary: '紧急工单转突发事件 Raise an incident from an urgent ticket',
          params: ticketIdParams,
          body: escalateTicketBody,
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        const { ticket } = await loadVisibleTicket(ctx, req, req.params.id);
        const incident = await escalateTicket(ctx, { actor: actorOf(p), ticketId: ticket.id, ...req.body });
        return reply
          .code(201)
          .header('location', `/api/incidents/${incident.id}`)
          .send(await presentIncidentFor(ctx, req, incident));
      },
    );

    app.get(
      '/api/tickets/:id/incident-suggestion',
      {
        schema: {
          tags: ['emergency'],
          summary: '突发事件建议 What smart intake suggests for a ticket',
          params: ticketIdParams,
        },
      },
      async (req) => {
        const p = requireUser(req);
        if (INCIDENT_POLICY[p.role].view === 'none')
          throw new AppError('TICKET_NOT_FOUND', { ticket: req.params.id });
        const { ticket } = await loadVisibleTicket(ctx, req, req.params.id);
        const s = await suggestIncident(ctx.db, ticket, ctx.clock());
        return {
          ...s,
          type: s.type ? { ...s.type, label: labelOf(INCIDENT_TYPE_LABELS, s.type.type) } : null,
          level: s.level
            ? { level: s.level.level, label: labelOf(INCIDENT_LEVEL_LABELS, s.level.level) }
            : null,
        };
      },
    );

    app.get(
      '/api/incidents',
      {
        schema: {
          tags: ['emergency'],
          summary: '突发事件列表 List incidents',
          querystring: incidentListQuery,
        },
      },
      async (req) => {
        const p = requireUser(req);
        const ref = await ctx.reference.get();
        if (INCIDENT_POLICY[p.role].view === 'none') return { items: [] };
        const q = req.query;
        let query = ctx.db.selectFrom('incidents').selectAll();
        if (q.status === 'open') query = query.where('status', 'in', OPEN_INCIDENT_STATUSES);
        else if (q.status) query = query.where('status', '=', q.status);
        if (q.drill === 'exclude') query = query.where('drill', '=', false);
        if (q.drill === 'only') query = query.where('drill', '=', true);
        if (!seesAllIncidents(p, centreUnitId(ref))) {
          const units = p.unitIds.length ? p.unitIds : [0];
          query = query.where((eb) =>
            eb.or([
              eb('involved_unit_ids', '&&', eb.val(units).$castTo<number[]>()),
              eb(eb.val(p.userId ?? 0), '=', eb.fn.any('notified_user_ids')),
            ]),
          );
        }
        const rows = await query
          .orderBy('reported_at', 'desc')
          .orderBy('id', 'desc')
          .limit(q.limit)
          .execute();
        const extras = await loadExtras(ctx.db, rows);
        const now = ctx.clock();
        return { items: rows.map((i) => presentIncidentSummary(i, { ref, viewer: p, extras, now })) };
      },
    );

    app.get(
      '/api/incidents/reference',
      {
        schema: {
          tags: ['emergency'],
          summary: '事件类型、级别与分级标准 Types, levels, criteria and chains',
        },
      },
      async (req) => {
        requireUser(req);
        const chains = await loadChains(ctx.db);
        return {
          types: INCIDENT_TYPES.map((t) => ({
            code: t,
            label: INCIDENT_TYPE_LABELS[t],
            criteria: criteriaFor(t).map((c) => ({ level: c.level, when: c.when, text: c.text })),
          })),
          levels: INCIDENT_LEVELS.map((l) => ({
            code: l,
            label: INCIDENT_LEVEL_LABELS[l],
            chain: chains[l],
          })),
          statuses: Object.entries(INCIDENT_STATUS_LABELS).map(([code, label]) => ({ code, label })),
          facts: Object.entries(FACT_LABELS).map(([code, label]) => ({ code, label })),
          linkTargets: Object.entries(LINK_TARGET_LABELS).map(([code, label]) => ({ code, label })),
          dutyPosts: Object.entries(DUTY_POST_LABELS).map(([code, label]) => ({ code, label })),
        };
      },
    );

    app.get(
      '/api/incidents/:id',
      { schema: { tags: ['emergency'], summary: '突发事件详情 Incident detail', params: incidentIdParams } },
      async (req) => presentIncidentFor(ctx, req, await loadVisibleIncident(ctx, req, req.params.id)),
    );

    app.get(
      '/api/incidents/:id/timeline',
      { schema: { tags: ['emergency'], summary: '事件时间线 Incident timeline', params: incidentIdParams } },
      async (req) => {
        const incident = await loadVisibleIncident(ctx, req, req.params.id);
        const ref = await ctx.reference.get();
        const events = await listIncidentEvents(ctx.db, incident.id);
        const userIds = [
          ...new Set(events.flatMap((e) => (e.actor_user_id === null ? [] : [e.actor_user_id]))),
        ];
        const users = new Map(
          (userIds.length
            ? await ctx.db
                .selectFrom('users')
                .select(['id', 'display_name'])
                .where('id', 'in', userIds)
                .execute()
            : []
          ).map((u) => [u.id, u.display_name]),
        );
        return {
          incidentId: incident.id,
          number: incident.number,
          items: events.map((e) => {
            const unit = e.actor_unit_id === null ? undefined : ref.units.get(e.actor_unit_id);
            return {
              seq: e.seq,
              action: e.action,
              actionLabel: labelOf(INCIDENT_ACTION_LABELS, e.action as IncidentAction),
              fromStatus: e.from_status,
              toStatus: e.to_status,
              at: e.at,
              actor: {
                role: e.actor_role,
                name: e.actor_user_id === null ? null : (users.get(e.actor_user_id) ?? null),
                unit: unit ? { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.name_en } : null,
              },
              reason: e.reason,
              data: e.data,
            };
          }),
        };
      },
    );
  };
}
