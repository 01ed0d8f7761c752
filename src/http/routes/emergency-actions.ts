/**
 * What people do to an incident: link more callers' tickets, change the
 * level (with a reason), acknowledge a notice, and move the response on
 * (confirm, respond, contain, resume, close, note). Each checks visibility
 * (404) before the use case checks the state table.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../services/auth/principal.js';
import type { ServiceContext } from '../../services/context.js';
import { acknowledgeIncident } from '../../services/emergency/acknowledge-incident.js';
import { changeIncidentStatus, STATUS_ACTIONS } from '../../services/emergency/change-incident-status.js';
import { changeSeverity } from '../../services/emergency/change-severity.js';
import { linkTickets } from '../../services/emergency/link-tickets.js';
import { requireUser } from '../plugins/auth.js';
import {
  acknowledgeBody,
  incidentIdParams,
  linkTicketsBody,
  severityBody,
  statusBody,
} from '../schemas/emergency.js';
import { loadVisibleIncident, presentIncidentFor } from './incident-access.js';
import { loadVisibleTicket } from './ticket-access.js';

export function incidentActionRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/incidents/:id/tickets',
      {
        schema: {
          tags: ['emergency'],
          summary: '关联工单 Link tickets (many callers, one incident)',
          params: incidentIdParams,
          body: linkTicketsBody,
        },
      },
      async (req) => {
        const p = requireUser(req);
        await loadVisibleIncident(ctx, req, req.params.id);
        // A ticket the caller may not see is reported like one that does not exist.
        for (const ticketId of new Set(req.body.ticketIds)) await loadVisibleTicket(ctx, req, ticketId);
        const r = await linkTickets(ctx, {
          actor: actorOf(p),
          incidentId: req.params.id,
          ticketIds: req.body.ticketIds,
          reason: req.body.reason,
        });
        return {
          linked: r.linked,
          alreadyLinked: r.alreadyLinked,
          incident: await presentIncidentFor(ctx, req, r.incident),
        };
      },
    );

    app.post(
      '/api/incidents/:id/severity',
      {
        schema: {
          tags: ['emergency'],
          summary: '调整事件级别（须说明原因）Change the level (reason required)',
          params: incidentIdParams,
          body: severityBody,
        },
      },
      async (req) => {
        const p = requireUser(req);
        await loadVisibleIncident(ctx, req, req.params.id);
        const incident = await changeSeverity(ctx, {
          actor: actorOf(p),
          incidentId: req.params.id,
          ...req.body,
        });
        return presentIncidentFor(ctx, req, incident);
      },
    );

    app.post(
      '/api/incidents/:id/acknowledge',
      {
        schema: {
          tags: ['emergency'],
          summary: '确认收到值班通知 Acknowledge a notice',
          params: incidentIdParams,
          body: acknowledgeBody.optional(),
        },
      },
      async (req) => {
        const p = requireUser(req);
        await loadVisibleIncident(ctx, req, req.params.id);
        const r = await acknowledgeIncident(ctx, {
          actor: actorOf(p),
          incidentId: req.params.id,
          note: req.body?.note,
        });
        return {
          noticeIds: r.noticeIds,
          stoppedEscalation: r.stoppedEscalation,
          incident: await presentIncidentFor(ctx, req, r.incident),
        };
      },
    );

    app.post(
      '/api/incidents/:id/:action',
      {
        schema: {
          tags: ['emergency'],
          summary: '事件处置：核实、处置、控制、恢复处置、结束、记录 Move the response on',
          params: z.object({ id: incidentIdParams.shape.id, action: z.enum(STATUS_ACTIONS) }).strict(),
          body: statusBody.optional(),
        },
      },
      async (req) => {
        const p = requireUser(req);
        await loadVisibleIncident(ctx, req, req.params.id);
        const incident = await changeIncidentStatus(ctx, {
          actor: actorOf(p),
          incidentId: req.params.id,
          action: req.params.action,
          reason: req.body?.reason,
          expectedVersion: req.body?.expectedVersion,
        });
        return presentIncidentFor(ctx, req, incident);
      },
    );
  };
}
