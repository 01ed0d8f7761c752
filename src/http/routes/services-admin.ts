/**
 * 事项管理 The admin edits the catalogue: a new matter, a new version of a
 * matter's guide (earlier versions stay for the applications filed under
 * them), and stopping or resuming a matter. Every change is audited.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../services/context.js';
import { createMatter } from '../../services/matters/create-matter.js';
import { publishMatterVersion } from '../../services/matters/publish-matter-version.js';
import { setMatterActive } from '../../services/matters/set-matter-active.js';
import { requireAdmin } from '../admin-guard.js';
import { presentMatter } from '../presenters/service-matter.js';
import { createMatterBody, guideFromBody, matterCodeParams, newVersionBody } from '../schemas/services.js';

export function serviceAdminRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/admin/services/matters',
      {
        schema: {
          tags: ['services-admin'],
          summary: '新增事项 Add a matter with its first guide version (admin)',
          body: createMatterBody,
        },
      },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const m = await createMatter(ctx, {
          code: req.body.code,
          guide: guideFromBody(req.body.guide),
          note: req.body.note,
          actor,
        });
        return reply
          .code(201)
          .header('location', `/api/services/matters/${m.matter.code}`)
          .send(presentMatter(m, await ctx.reference.get()));
      },
    );

    app.post(
      '/api/admin/services/matters/:code/versions',
      {
        schema: {
          tags: ['services-admin'],
          summary: '修订办事指南 Publish a new version of a matter’s guide (admin)',
          params: matterCodeParams,
          body: newVersionBody,
        },
      },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const m = await publishMatterVersion(ctx, {
          code: req.params.code,
          guide: guideFromBody(req.body.guide),
          basedOn: req.body.basedOn,
          note: req.body.note,
          actor,
        });
        return reply.code(201).send(presentMatter(m, await ctx.reference.get()));
      },
    );

    app.patch(
      '/api/admin/services/matters/:code',
      {
        schema: {
          tags: ['services-admin'],
          summary: '停办或恢复事项 Stop or resume a matter (admin)',
          params: matterCodeParams,
          body: z.object({ active: z.boolean() }).strict(),
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        const row = await setMatterActive(ctx, { code: req.params.code, active: req.body.active, actor });
        return { code: row.code, active: row.active, currentVersion: row.current_version };
      },
    );
  };
}
