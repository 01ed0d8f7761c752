/**
 * The situation board's feed 态势图, the printable report, the emergency
 * figures for the leadership dashboard and the drill reports.
 *
 * The board polls `GET /api/incidents/board` (every `pollSeconds`): the
 * answer carries an ETag and is built as of the current whole minute, so a
 * poll within the same minute with nothing changed costs a 304.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listIncidentEvents } from '../../db/repositories/incident-events.js';
import { linkedTickets } from '../../db/repositories/incidents.js';
import {
  INCIDENT_LEVEL_LABELS,
  INCIDENT_LEVELS,
  INCIDENT_TYPE_LABELS,
} from '../../domain/emergency/vocabulary.js';
import { AppError } from '../../domain/errors.js';
import { canReadMetrics, INCIDENT_POLICY, seesAllIncidents } from '../../domain/policies/incident-policy.js';
import type { ServiceContext } from '../../services/context.js';
import { drillReport } from '../../services/emergency/drill-report.js';
import { centreUnitId } from '../../services/emergency/incident-actors.js';
import { incidentMetrics } from '../../services/emergency/incident-metrics.js';
import { boardIncidents, loadExtras } from '../../services/emergency/incident-views.js';
import type { ReferenceData } from '../../services/reference-cache.js';
import { sendCacheable } from '../cacheable.js';
import { requireUser } from '../plugins/auth.js';
import { labelOf, presentIncidentSummary } from '../presenters/incident.js';
import { renderIncidentReport } from '../presenters/incident-report.js';
import { boardQuery, incidentIdParams, periodQuery } from '../schemas/emergency.js';
import { loadVisibleIncident } from './incident-access.js';

export const BOARD_POLL_SECONDS = 15;
const BOARD_LIMIT = 500;
const DAY_MS = 86_400_000;

function unitName(ref: ReferenceData, key: string) {
  const u = key === 'none' ? undefined : ref.units.get(Number(key));
  return u ? { id: u.id, code: u.code, name: u.name, nameEn: u.name_en } : null;
}

export function boardRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/incidents/board',
      {
        schema: {
          tags: ['emergency'],
          summary: '态势图数据（轮询）Situation board feed (poll)',
          querystring: boardQuery,
        },
      },
      async (req, reply) => {
        const p = requireUser(req);
        if (INCIDENT_POLICY[p.role].view === 'none') throw new AppError('NOT_FOUND');
        const ref = await ctx.reference.get();
        const now = ctx.clock();
        const asOf = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
        const all = seesAllIncidents(p, centreUnitId(ref));
        const rows = await boardIncidents(ctx.db, {
          scope: all ? null : { unitIds: p.unitIds, userId: p.userId },
          drill: req.query.drill,
          closedSince:
            req.query.closedHours > 0 ? new Date(now.getTime() - req.query.closedHours * 3_600_000) : null,
          limit: BOARD_LIMIT,
        });
        const extras = await loadExtras(ctx.db, rows);
        const items = rows.map((i) => presentIncidentSummary(i, { ref, viewer: p, extras, now: asOf }));
        const byLevel = Object.fromEntries(
          INCIDENT_LEVELS.map((l) => [l, items.filter((x) => x.level === l && x.status !== 'closed').length]),
        );
        return sendCacheable(
          req,
          reply,
          () => ({
            asOf,
            pollSeconds: BOARD_POLL_SECONDS,
            scope: all ? 'all' : 'units',
            counts: {
              open: items.filter((x) => x.status !== 'closed').length,
              unacknowledged: items.filter((x) => x.status !== 'closed' && !x.acknowledged).length,
              byLevel,
            },
            items,
          }),
          { private: true },
        );
      },
    );

    app.get(
      '/api/incidents/:id/report',
      {
        schema: {
          tags: ['emergency'],
          summary: '突发事件报告（可打印 HTML）Printable incident report',
          params: incidentIdParams,
        },
      },
      async (req, reply) => {
        const incident = await loadVisibleIncident(ctx, req, req.params.id);
        const ref = await ctx.reference.get();
        const [events, extras, tickets] = await Promise.all([
          listIncidentEvents(ctx.db, incident.id),
          loadExtras(ctx.db, [incident]),
          linkedTickets(ctx.db, incident.id),
        ]);
        const actorIds = events.flatMap((e) => (e.actor_user_id === null ? [] : [e.actor_user_id]));
        const missing = [...new Set(actorIds)].filter((id) => !extras.users.has(id));
        if (missing.length) {
          const rows = await ctx.db
            .selectFrom('users')
            .select(['id', 'display_name'])
            .where('id', 'in', missing)
            .execute();
          for (const u of rows) extras.users.set(u.id, u.display_name);
        }
        const reporter =
          incident.reported_by === null ? null : (extras.users.get(incident.reported_by) ?? null);
        const html = renderIncidentReport({
          incident,
          events,
          extras,
          tickets,
          ref,
          reportedBy: reporter,
          printedAt: ctx.clock(),
        });
        return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
      },
    );

    app.get(
      '/api/incidents/metrics',
      {
        schema: {
          tags: ['emergency'],
          summary: '应急指标 Emergency figures (drills excluded)',
          querystring: periodQuery,
        },
      },
      async (req) => {
        const p = requireUser(req);
        const ref = await ctx.reference.get();
        if (!canReadMetrics(p, centreUnitId(ref))) throw new AppError('FORBIDDEN');
        const to = req.query.to ?? ctx.clock();
        const from = req.query.from ?? new Date(to.getTime() - 365 * DAY_MS);
        if (to.getTime() <= from.getTime())
          throw new AppError('BAD_REQUEST', { reason: 'from must be before to / 起始时间须早于结束时间' });
        const m = await incidentMetrics(ctx.db, from, to);
        const withLevel = <T extends { key: string }>(list: T[]) =>
          list.map((x) => ({ ...x, level: x.key, levelLabel: labelOf(INCIDENT_LEVEL_LABELS, x.key) }));
        const withUnit = <T extends { key: string }>(list: T[]) =>
          list.map((x) => ({ ...x, unit: unitName(ref, x.key) }));
        return {
          from: m.from,
          to: m.to,
          incidents: m.incidents,
          acknowledge: {
            all: m.acknowledge.all,
            byLevel: withLevel(m.acknowledge.byLevel),
            byUnit: withUnit(m.acknowledge.byUnit),
          },
          respond: {
            all: m.respond.all,
            byLevel: withLevel(m.respond.byLevel),
            byUnit: withUnit(m.respond.byUnit),
          },
          noticesByUnit: withUnit(m.noticesByUnit),
          byTypeTownMonth: m.byTypeTownMonth.map((x) => ({
            ...x,
            typeLabel: labelOf(INCIDENT_TYPE_LABELS, x.type),
            townshipName: x.townshipCode ? (ref.areas.get(x.townshipCode)?.name ?? null) : null,
          })),
        };
      },
    );

    app.get(
      '/api/drills/report',
      {
        schema: {
          tags: ['emergency'],
          summary: '演练评估：各单位确认用时 Drill report per unit',
          querystring: periodQuery,
        },
      },
      async (req) => {
        const p = requireUser(req);
        const ref = await ctx.reference.get();
        if (!canReadMetrics(p, centreUnitId(ref))) throw new AppError('FORBIDDEN');
        const r = await drillReport(ctx.db, { from: req.query.from, to: req.query.to });
        return presentDrill(ref, r);
      },
    );

    app.get(
      '/api/incidents/:id/drill-report',
      {
        schema: {
          tags: ['emergency'],
          summary: '单次演练评估 Report of one drill',
          params: incidentIdParams,
        },
      },
      async (req) => {
        const incident = await loadVisibleIncident(ctx, req, req.params.id);
        if (!incident.drill) throw new AppError('INCIDENT_NOT_FOUND', { incident: incident.id });
        const ref = await ctx.reference.get();
        return presentDrill(ref, await drillReport(ctx.db, { incidentId: incident.id }));
      },
    );
  };
}

function presentDrill(ref: ReferenceData, r: Awaited<ReturnType<typeof drillReport>>) {
  return {
    drills: r.drills,
    units: r.units.map((u) => ({ ...u, unit: u.unitId === null ? null : unitName(ref, String(u.unitId)) })),
    notices: r.notices.map((n) => ({
      ...n,
      unit: n.unitId === null ? null : unitName(ref, String(n.unitId)),
    })),
  };
}
