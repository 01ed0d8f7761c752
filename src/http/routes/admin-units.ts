/** 单位管理 Admin: create units, rename, move in the tree, (de)activate, set the areas covered. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listUnitsWithAreas } from '../../db/repositories/reference-lists.js';
import { AppError } from '../../domain/errors.js';
import { createUnit } from '../../services/admin/create-unit.js';
import { moveUnit } from '../../services/admin/move-unit.js';
import { setUnitAreas } from '../../services/admin/set-unit-areas.js';
import { updateUnit } from '../../services/admin/update-unit.js';
import type { ServiceContext } from '../../services/context.js';
import { requireAdmin } from '../admin-guard.js';
import { presentUnit } from '../presenters/reference.js';
import { idParams, unitCreate, unitUpdate } from '../schemas/admin.js';
import { areaCode, id } from '../schemas/common.js';

export function adminUnitRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];

    async function present(unitId: number) {
      const [found] = await listUnitsWithAreas(ctx.db, { includeInactive: true, ids: [unitId] });
      if (!found) throw new AppError('UNIT_NOT_FOUND', { unit: unitId });
      return presentUnit(found.unit, found.areaCodes);
    }

    app.post(
      '/api/admin/units',
      { schema: { tags, summary: '新建单位 Create a unit', body: unitCreate } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const unit = await createUnit(ctx, { actor, ...req.body });
        return reply
          .code(201)
          .header('location', `/api/admin/units/${unit.id}`)
          .send(await present(unit.id));
      },
    );

    app.patch(
      '/api/admin/units/:id',
      {
        schema: {
          tags,
          summary: '修改单位 Rename, change peer group or phone, activate/deactivate',
          params: idParams,
          body: unitUpdate,
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        await updateUnit(ctx, { actor, unitId: req.params.id, ...req.body });
        return present(req.params.id);
      },
    );

    app.post(
      '/api/admin/units/:id/move',
      {
        schema: {
          tags,
          summary: '调整隶属 Move a unit and its subtree under another parent',
          params: idParams,
          body: z.object({ parentId: id }).strict(),
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        const r = await moveUnit(ctx, { actor, unitId: req.params.id, parentId: req.body.parentId });
        return { unit: await present(r.unit.id), subtreeSize: r.moved };
      },
    );

    app.put(
      '/api/admin/units/:id/areas',
      {
        schema: {
          tags,
          summary: '管辖区域 Replace the areas a unit covers',
          params: idParams,
          body: z.object({ areaCodes: z.array(areaCode).max(500) }).strict(),
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        await setUnitAreas(ctx, { actor, unitId: req.params.id, areaCodes: req.body.areaCodes });
        return present(req.params.id);
      },
    );
  };
}
