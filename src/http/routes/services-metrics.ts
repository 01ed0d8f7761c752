/**
 * 网办指标 Online-service figures per department and matter: for the
 * leadership dashboard (signed in: supervisors, admins and the hotline
 * centre see every department, a reviewer or unit lead their own), and the
 * same aggregates as open data for anyone — no application, no person, only
 * counts and rates.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../../services/context.js';
import { serviceMetrics } from '../../services/metrics/service-metrics.js';
import { requireUser } from '../plugins/auth.js';
import { periodOf } from '../schemas/assessment.js';
import { metricsQuery } from '../schemas/services.js';

const SEES_ALL = new Set(['supervisor', 'admin', 'dispatcher', 'agent', 'system']);
const SEES_OWN = new Set(['reviewer', 'unit_lead']);

export function serviceMetricsRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    async function departmentFilter(code: string | undefined): Promise<number[] | undefined> {
      if (!code) return undefined;
      const unit = (await ctx.reference.get()).unitsByCode.get(code);
      if (!unit) throw new AppError('UNIT_NOT_FOUND', { unit: code });
      return [unit.id];
    }

    app.get(
      '/api/services/metrics',
      {
        schema: {
          tags: ['services-metrics'],
          summary:
            '网办指标 Figures per department and matter for a period (?period=YYYY-MM|YYYY or from/to) (staff)',
          querystring: metricsQuery,
        },
      },
      async (req) => {
        const p = requireUser(req);
        const q = req.query;
        let departmentIds = await departmentFilter(q.department);
        if (SEES_OWN.has(p.role)) {
          departmentIds = (departmentIds ?? p.unitIds).filter((u) => p.unitIds.includes(u));
        } else if (!SEES_ALL.has(p.role)) {
          throw new AppError('FORBIDDEN');
        }
        return serviceMetrics(ctx, { period: periodOf(ctx, q), departmentIds });
      },
    );

    app.get(
      '/api/open-data/services',
      {
        schema: {
          tags: ['open-data'],
          summary: '开放数据：政务服务 Online-service figures per department and matter (public)',
          querystring: metricsQuery,
        },
      },
      async (req, reply) => {
        const m = await serviceMetrics(ctx, {
          period: periodOf(ctx, req.query),
          departmentIds: await departmentFilter(req.query.department),
        });
        reply.header('cache-control', 'public, max-age=300');
        return m;
      },
    );
  };
}
