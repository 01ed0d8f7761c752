/**
 * 分析 Analytics for leaders and units: intake volumes by category, type,
 * channel, township, village or hour; cards, overdue replies and handling
 * times by unit; hot topics 每月一题 with their tickets.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VOLUME_DIMS } from '../../services/assessment/cube-sql.js';
import { hotTopics } from '../../services/assessment/hot-topics.js';
import { type UnitOperations, unitOperations } from '../../services/assessment/unit-operations.js';
import { volumeBreakdown } from '../../services/assessment/volume-breakdown.js';
import type { ServiceContext } from '../../services/context.js';
import { pct, sendTable } from '../presenters/table-export.js';
import { formatField, langField, periodFields, periodOf, reachOf } from '../schemas/assessment.js';

const unitColumns = [
  { header: '单位 Unit', value: (r: UnitOperations) => r.unit.name },
  { header: '单位（英文）Unit (English)', value: (r: UnitOperations) => r.unit.nameEn },
];

export function analyticsRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const periodQuery = z.object({ ...periodFields, ...formatField, ...langField }).strict();

    app.get(
      '/api/analytics/breakdown',
      {
        schema: {
          tags: ['analytics'],
          summary: '诉求量分布 Intake volumes by category, type, channel, township, village or hour',
          querystring: periodQuery.extend({ by: z.enum(VOLUME_DIMS) }),
        },
      },
      async (req, reply) => {
        reachOf(req);
        const q = req.query;
        const b = await volumeBreakdown(ctx, { by: q.by, period: periodOf(ctx, q) });
        const exported = sendTable(reply, q.format, {
          name: `breakdown-${q.by}-${b.period.label}`,
          rows: b.rows,
          columns: [
            { header: '代码 Key', value: (r) => r.key },
            { header: '名称 Name', value: (r) => r.label.zh },
            { header: '名称（英文）Name (English)', value: (r) => r.label.en },
            { header: '上级 Parent', value: (r) => r.parent?.label.zh ?? null },
            { header: '工单量 Tickets', value: (r) => r.count },
            { header: '占比% Share %', value: (r) => pct(r.share) },
          ],
        });
        return exported ? reply : b;
      },
    );

    app.get(
      '/api/analytics/cards',
      {
        schema: {
          tags: ['analytics'],
          summary: '黄牌红牌与超期 Cards, supervision and overdue replies by unit',
          querystring: periodQuery,
        },
      },
      async (req, reply) => {
        const q = req.query;
        const t = await unitOperations(ctx, { period: periodOf(ctx, q), reach: reachOf(req) });
        const exported = sendTable(reply, q.format, {
          name: `cards-${t.period.label}`,
          rows: t.units,
          columns: [
            ...unitColumns,
            { header: '签收黄牌 Sign yellow', value: (r) => r.cards.sign.yellow },
            { header: '签收红牌 Sign red', value: (r) => r.cards.sign.red },
            { header: '响应黄牌 Response yellow', value: (r) => r.cards.response.yellow },
            { header: '响应红牌 Response red', value: (r) => r.cards.response.red },
            { header: '办结黄牌 Reply yellow', value: (r) => r.cards.reply.yellow },
            { header: '办结红牌 Reply red', value: (r) => r.cards.reply.red },
            { header: '督办 Supervised', value: (r) => r.supervised },
            { header: '办结超期 Late replies', value: (r) => r.lateReplies },
            { header: '当前超期 Overdue now', value: (r) => r.overdueNow },
          ],
        });
        return exported
          ? reply
          : {
              period: t.period,
              upToDate: t.upToDate,
              units: t.units.map(({ hours: _h, tickets: _t, ...rest }) => rest),
            };
      },
    );

    app.get(
      '/api/analytics/durations',
      {
        schema: {
          tags: ['analytics'],
          summary: '办理时效 Average hours from dispatch to sign, first contact and reply, by unit',
          querystring: periodQuery,
        },
      },
      async (req, reply) => {
        const q = req.query;
        const t = await unitOperations(ctx, { period: periodOf(ctx, q), reach: reachOf(req) });
        const rows = t.units.map((u) => ({ unit: u.unit, tickets: u.tickets, hours: u.hours }));
        const exported = sendTable(reply, q.format, {
          name: `durations-${t.period.label}`,
          rows: t.units,
          columns: [
            ...unitColumns,
            { header: '回访工单 Called back', value: (r) => r.tickets },
            { header: '平均签收(小时) Avg. to sign (h)', value: (r) => r.hours.sign },
            { header: '平均响应(小时) Avg. to first contact (h)', value: (r) => r.hours.contact },
            { header: '平均办结(小时) Avg. to reply (h)', value: (r) => r.hours.reply },
          ],
        });
        return exported ? reply : { period: t.period, upToDate: t.upToDate, units: rows };
      },
    );

    app.get(
      '/api/analytics/hot-topics',
      {
        schema: {
          tags: ['analytics'],
          summary: '每月一题 Hot topics: clusters of similar tickets by place and matter, with growth',
          querystring: z
            .object({
              ...periodFields,
              minSize: z.coerce.number().int().min(2).max(100).default(3),
              limit: z.coerce.number().int().min(1).max(100).default(20),
              sort: z.enum(['size', 'growth']).default('size'),
              ...langField,
            })
            .strict(),
        },
      },
      async (req) => {
        const q = req.query;
        return hotTopics(ctx, {
          period: periodOf(ctx, q),
          reach: reachOf(req),
          minSize: q.minSize,
          limit: q.limit,
          sort: q.sort,
        });
      },
    );
  };
}
