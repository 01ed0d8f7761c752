/** 派单规则管理 Admin: routing rules category × area → unit or the township of the area. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRoutingRules } from '../../db/repositories/reference-lists.js';
import { createRoutingRule } from '../../services/admin/create-routing-rule.js';
import { deleteRoutingRule } from '../../services/admin/delete-routing-rule.js';
import { updateRoutingRule } from '../../services/admin/update-routing-rule.js';
import type { ServiceContext } from '../../services/context.js';
import { requireAdmin } from '../admin-guard.js';
import { presentRoutingRule } from '../presenters/reference.js';
import { idParams, routingRuleCreate, routingRuleUpdate } from '../schemas/admin.js';
import { areaCode, id } from '../schemas/common.js';

export function adminRoutingRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];

    app.get(
      '/api/admin/routing-rules',
      {
        schema: {
          tags,
          summary: '派单规则列表 List routing rules',
          querystring: z
            .object({
              categoryId: id.optional(),
              areaCode: areaCode.optional(),
              unitId: id.optional(),
              limit: z.coerce.number().int().min(1).max(1000).default(200),
              offset: z.coerce.number().int().min(0).default(0),
              lang: z.string().max(10).optional(),
            })
            .strict(),
        },
      },
      async (req) => {
        requireAdmin(req);
        const r = await listRoutingRules(ctx.db, req.query);
        return { items: r.items.map(presentRoutingRule), total: r.total };
      },
    );

    app.post(
      '/api/admin/routing-rules',
      { schema: { tags, summary: '新建派单规则 Create a routing rule', body: routingRuleCreate } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const b = req.body;
        const row = await createRoutingRule(ctx, {
          actor,
          categoryId: b.categoryId,
          areaCode: b.areaCode,
          unitId: b.unitId ?? null,
          toTownship: b.toTownship ?? false,
          priority: b.priority,
          note: b.note,
        });
        return reply.code(201).send(presentRoutingRule(row));
      },
    );

    app.patch(
      '/api/admin/routing-rules/:id',
      {
        schema: {
          tags,
          summary: '修改派单规则 Edit a routing rule',
          params: idParams,
          body: routingRuleUpdate,
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        return presentRoutingRule(
          await updateRoutingRule(ctx, { actor, ruleId: req.params.id, ...req.body }),
        );
      },
    );

    app.delete(
      '/api/admin/routing-rules/:id',
      { schema: { tags, summary: '删除派单规则 Delete a routing rule', params: idParams } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        await deleteRoutingRule(ctx, { actor, ruleId: req.params.id });
        return reply.code(204).send();
      },
    );
  };
}
