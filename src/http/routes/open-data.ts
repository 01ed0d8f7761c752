/**
 * 开放数据 Open data, for anyone and without an account: district figures
 * by month, per-area counts and rates, and the district profile of published
 * indicators. Aggregates only (no ticket, no personal data, no free text),
 * cacheable for five minutes by browsers and proxies. The admin edits the
 * profile here too.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isValidDay } from '../../domain/assessment-period.js';
import { AppError } from '../../domain/errors.js';
import { openAreas, openSummary } from '../../services/assessment/open-data.js';
import {
  deleteIndicator,
  listIndicators,
  putIndicator,
} from '../../services/assessment/profile-indicators.js';
import type { ServiceContext } from '../../services/context.js';
import { requireRole } from '../plugins/auth.js';
import { pct, sendTable } from '../presenters/table-export.js';
import { formatField, langField, periodOf } from '../schemas/assessment.js';
import { requiredText } from '../schemas/common.js';

const PUBLIC_CACHE = 'public, max-age=300';

const codeParams = z
  .object({ code: z.string().regex(/^[a-z0-9_]{1,60}$/, 'lowercase letters, digits, _') })
  .strict();
const label = (max: number) => z.object({ zh: requiredText(max), en: requiredText(max) }).strict();
const indicatorBody = z
  .object({
    name: label(200),
    value: z.number().finite(),
    unit: label(40),
    source: requiredText(500),
    sourceUrl: z.url().max(1000).nullable().optional(),
    asOf: z.string().refine(isValidDay, 'a date YYYY-MM-DD / 日期'),
    sort: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

function cached(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', PUBLIC_CACHE);
}

export function openDataRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/open-data/summary',
      {
        schema: {
          tags: ['open-data'],
          summary: '开放数据：全区概况 District figures and rates by month (public)',
          querystring: z.object({ ...langField }).strict(),
        },
      },
      async (_req, reply) => {
        cached(reply);
        return openSummary(ctx);
      },
    );

    app.get(
      '/api/open-data/areas',
      {
        schema: {
          tags: ['open-data'],
          summary: '开放数据：分乡镇街道 Counts and rates per township and village (public)',
          querystring: z
            .object({ period: z.string().max(24).optional(), ...formatField, ...langField })
            .strict(),
        },
      },
      async (req, reply) => {
        const areas = await openAreas(ctx, periodOf(ctx, { period: req.query.period }));
        cached(reply);
        const exported = sendTable(reply, req.query.format, {
          name: `areas-${areas.period.label}`,
          rows: areas.townships,
          columns: [
            { header: '区划代码 Code', value: (r) => r.code },
            { header: '乡镇街道 Township', value: (r) => r.label.zh },
            { header: 'Township (English)', value: (r) => r.label.en },
            { header: '受理量 Received', value: (r) => r.received },
            { header: '参评 Assessed', value: (r) => r.assessed },
            { header: '响应率% Response %', value: (r) => pct(r.rates.response) },
            { header: '解决率% Resolution %', value: (r) => pct(r.rates.resolution) },
            { header: '满意率% Satisfaction %', value: (r) => pct(r.rates.satisfaction) },
            { header: '综合得分 Composite', value: (r) => r.rates.composite },
          ],
        });
        return exported ? reply : areas;
      },
    );

    app.get(
      '/api/open-data/profile',
      {
        schema: {
          tags: ['open-data'],
          summary: '区情指标 The district profile: published indicators with source and date (public)',
          querystring: z.object({ ...langField }).strict(),
        },
      },
      async (_req, reply) => {
        cached(reply);
        return { items: await listIndicators(ctx) };
      },
    );

    app.put(
      '/api/open-data/profile/:code',
      {
        schema: {
          tags: ['open-data'],
          summary: '编辑区情指标 Create or change a profile indicator (admin)',
          params: codeParams,
          body: indicatorBody,
        },
      },
      async (req, reply) => {
        const p = requireRole(req, ['admin']);
        const r = await putIndicator(ctx, req.params.code, req.body, {
          userId: p.userId,
          role: p.role,
          ip: req.ip,
        });
        return reply.code(r.created ? 201 : 200).send(r.indicator);
      },
    );

    app.delete(
      '/api/open-data/profile/:code',
      {
        schema: {
          tags: ['open-data'],
          summary: '删除区情指标 Remove a profile indicator (admin)',
          params: codeParams,
        },
      },
      async (req, reply) => {
        const p = requireRole(req, ['admin']);
        await deleteIndicator(ctx, req.params.code, { userId: p.userId, role: p.role, ip: req.ip });
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/open-data/profile/:code',
      {
        schema: {
          tags: ['open-data'],
          summary: '区情指标（单项）One profile indicator (public)',
          params: codeParams,
          querystring: z.object({ ...langField }).strict(),
        },
      },
      async (req, reply) => {
        const found = (await listIndicators(ctx)).find((i) => i.code === req.params.code);
        if (!found) throw new AppError('PROFILE_INDICATOR_NOT_FOUND', { code: req.params.code });
        cached(reply);
        return found;
      },
    );
  };
}
