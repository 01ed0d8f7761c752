/**
 * 考核 Assessment: the ranking table of a period, the trend of a unit or the
 * district, the tickets behind any cell, a unit's printable monthly report,
 * and the settings (weights, 基本满意 weight, baseline year).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadTicketUnitFacts } from '../../db/repositories/ticket-unit-facts.js';
import {
  type AssessmentTable,
  assessUnits,
  type UnitAssessment,
} from '../../services/assessment/assess-units.js';
import {
  loadAssessmentSettings,
  updateAssessmentSettings,
} from '../../services/assessment/assessment-settings.js';
import { assessmentTrend, type Trend, type TrendPoint } from '../../services/assessment/assessment-trend.js';
import { CELL_MEASURES, cellTickets } from '../../services/assessment/cell-tickets.js';
import { refreshAssessment } from '../../services/assessment/refresh-assessment.js';
import { unitReport } from '../../services/assessment/unit-report.js';
import type { ServiceContext } from '../../services/context.js';
import { requireRole } from '../plugins/auth.js';
import { renderUnitReport } from '../presenters/assessment-report.js';
import { type ExportTable, pct, sendTable } from '../presenters/table-export.js';
import { presentTicketSummary } from '../presenters/ticket.js';
import { formatField, langField, peerGroup, periodFields, periodOf, reachOf } from '../schemas/assessment.js';
import { id } from '../schemas/common.js';

const unitParams = z.object({ id }).strict();

const weight = z.number().min(0).max(1);
const settingsBody = z
  .object({
    weights: z.object({ response: weight, resolution: weight, satisfaction: weight }).strict(),
    basicallySatisfiedWeight: weight,
    baselineYear: z.number().int(),
  })
  .strict();

type Row = UnitAssessment & { groupLabel: string };

function assessmentExport(t: AssessmentTable): ExportTable<Row> {
  return {
    name: `assessment-${t.period.label}`,
    rows: t.groups.flatMap((g) => g.units.map((u) => ({ ...u, groupLabel: `${g.label.zh} ${g.label.en}` }))),
    columns: [
      { header: '分组 Group', value: (r) => r.groupLabel },
      { header: '排名 Rank', value: (r) => r.rank?.rank ?? null },
      { header: '单位 Unit', value: (r) => r.unit.name },
      { header: '单位（英文）Unit (English)', value: (r) => r.unit.nameEn },
      { header: '回访工单 Called back', value: (r) => r.counts.tickets },
      { header: '不纳入考核 Exempt', value: (r) => r.counts.exempt },
      { header: '参评 Counted', value: (r) => r.counts.counted },
      { header: '未接通 Unreachable', value: (r) => r.counts.unreachable },
      { header: '响应率% Response %', value: (r) => pct(r.rates.response) },
      { header: '解决率% Resolution %', value: (r) => pct(r.rates.resolution) },
      { header: '满意率% Satisfaction %', value: (r) => pct(r.rates.satisfaction) },
      { header: '综合得分 Composite', value: (r) => r.rates.composite },
      { header: '满意 Satisfied', value: (r) => r.counts.satisfied },
      { header: '基本满意 Basically satisfied', value: (r) => r.counts.basicallySatisfied },
      { header: '不满意 Unsatisfied', value: (r) => r.counts.unsatisfied },
      { header: `上期综合 Previous (${t.previousPeriod.label})`, value: (r) => r.previous.rates.composite },
      { header: '环比 Δ vs previous', value: (r) => r.change.vsPrevious.composite },
      { header: `基准年 Baseline ${t.baselineYear}`, value: (r) => r.baseline.rates.composite },
      { header: '较基准年 Δ vs baseline', value: (r) => r.change.vsBaseline.composite },
    ],
  };
}

function trendExport(t: Trend): ExportTable<TrendPoint> {
  return {
    name: `trend-${t.unit?.code ?? 'district'}`,
    rows: t.months,
    columns: [
      { header: '月份 Month', value: (r) => r.month },
      ...(t.unit ? [] : [{ header: '受理量 Received', value: (r: TrendPoint) => r.received }]),
      { header: '参评 Counted', value: (r) => r.counts.counted },
      { header: '未接通 Unreachable', value: (r) => r.counts.unreachable },
      { header: '响应率% Response %', value: (r) => pct(r.rates.response) },
      { header: '解决率% Resolution %', value: (r) => pct(r.rates.resolution) },
      { header: '满意率% Satisfaction %', value: (r) => pct(r.rates.satisfaction) },
      { header: '综合得分 Composite', value: (r) => r.rates.composite },
    ],
  };
}

export function assessmentRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/assessment',
      {
        schema: {
          tags: ['assessment'],
          summary: '考核排名 Assessment of every unit for a period (month by default)',
          querystring: z
            .object({ ...periodFields, group: peerGroup.optional(), ...formatField, ...langField })
            .strict(),
        },
      },
      async (req, reply) => {
        const reach = reachOf(req);
        const q = req.query;
        const table = await assessUnits(ctx, { period: periodOf(ctx, q), reach, group: q.group });
        if (sendTable(reply, q.format, assessmentExport(table))) return reply;
        return table;
      },
    );

    const trendQuery = z.object({ ...formatField, ...langField }).strict();
    const trend = async (unitId: number | null, reach: ReturnType<typeof reachOf>) =>
      assessmentTrend(ctx, { unitId, reach });

    app.get(
      '/api/assessment/trend',
      {
        schema: {
          tags: ['assessment'],
          summary: '趋势 Rates by month since the first ticket (district, or one unit)',
          querystring: trendQuery.extend({ unitId: id.optional() }),
        },
      },
      async (req, reply) => {
        const t = await trend(req.query.unitId ?? null, reachOf(req));
        if (sendTable(reply, req.query.format, trendExport(t))) return reply;
        return t;
      },
    );

    app.get(
      '/api/assessment/units/:id/trend',
      {
        schema: {
          tags: ['assessment'],
          summary: '单位趋势 A unit’s rates by month since its first assessed ticket',
          params: unitParams,
          querystring: trendQuery,
        },
      },
      async (req, reply) => {
        const t = await trend(req.params.id, reachOf(req));
        if (sendTable(reply, req.query.format, trendExport(t))) return reply;
        return t;
      },
    );

    app.get(
      '/api/assessment/cells/tickets',
      {
        schema: {
          tags: ['assessment'],
          summary: '考核明细 The tickets behind a cell (unit × period × measure × outcome)',
          querystring: z
            .object({
              unitId: id,
              ...periodFields,
              measure: z.enum(CELL_MEASURES).default('all'),
              outcome: z.string().max(40).optional(),
              cursor: z.coerce.number().int().nonnegative().optional(),
              limit: z.coerce.number().int().min(1).max(1000).default(50),
              ...formatField,
              ...langField,
            })
            .strict(),
        },
      },
      async (req, reply) => {
        const reach = reachOf(req);
        const q = req.query;
        const page = await cellTickets(ctx, {
          unitId: q.unitId,
          period: periodOf(ctx, q),
          measure: q.measure,
          outcome: q.outcome,
          reach,
          after: q.cursor,
          limit: q.limit,
        });
        if (
          sendTable(reply, q.format, {
            name: `cell-${page.unit.code}-${q.measure}${q.outcome ? `-${q.outcome}` : ''}`,
            rows: page.tickets,
            columns: [
              { header: '工单号 Number', value: (r) => r.ticket.number },
              { header: '标题 Title', value: (r) => r.ticket.title },
              { header: '受理时间 Received', value: (r) => r.ticket.received_at.toISOString() },
              { header: '回访时间 Callback', value: (r) => r.ticket.callback_at?.toISOString() ?? null },
              { header: '不纳入考核 Exempt', value: (r) => (r.outcomes.exempt ? '是 yes' : '否 no') },
              { header: '响应 Response', value: (r) => r.outcomes.response },
              { header: '解决 Resolution', value: (r) => r.outcomes.resolution },
              { header: '满意度 Satisfaction', value: (r) => r.outcomes.satisfaction },
            ],
          })
        )
          return reply;
        const ref = await ctx.reference.get();
        const rows = page.tickets.map((t) => t.ticket);
        const facts = await loadTicketUnitFacts(ctx.db, rows);
        const now = ctx.clock();
        return {
          unit: page.unit,
          total: page.total,
          nextCursor: page.nextCursor,
          items: page.tickets.map(({ ticket, outcomes }) => ({
            ...presentTicketSummary(ticket, {
              ref,
              viewer: req.principal,
              units: facts.get(ticket.id) ?? { involved: [], co: [] },
              now,
            }),
            outcomes,
          })),
        };
      },
    );

    app.get(
      '/api/assessment/units/:id/report',
      {
        schema: {
          tags: ['assessment'],
          summary: '月度考核报告 A unit’s printable report (HTML) with scores, rank, trend and worst tickets',
          params: unitParams,
          querystring: z.object({ ...periodFields, ...langField }).strict(),
        },
      },
      async (req, reply) => {
        const reach = reachOf(req);
        const report = await unitReport(ctx, {
          unitId: req.params.id,
          period: periodOf(ctx, req.query),
          reach,
        });
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .send(renderUnitReport(report, { generatedAt: ctx.clock() }));
      },
    );

    app.get(
      '/api/assessment/settings',
      { schema: { tags: ['assessment'], summary: '考核设置 Weights and baseline year' } },
      async (req) => {
        reachOf(req);
        return loadAssessmentSettings(ctx.db);
      },
    );

    app.put(
      '/api/assessment/settings',
      {
        schema: {
          tags: ['assessment'],
          summary: '修改考核设置 Change weights and baseline (admin)',
          body: settingsBody,
        },
      },
      async (req) => {
        const p = requireRole(req, ['admin']);
        return updateAssessmentSettings(ctx, { settings: req.body, actor: p, ip: req.ip });
      },
    );

    app.post(
      '/api/assessment/refresh',
      {
        schema: {
          tags: ['assessment'],
          summary: '刷新汇总 Fold pending changes into the aggregates now (admin)',
        },
        config: { idempotency: 'none' },
      },
      async (req) => {
        requireRole(req, ['admin']);
        return refreshAssessment(ctx, { maxBatches: 20 });
      },
    );
  };
}
