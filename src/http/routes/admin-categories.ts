/** 分类管理 Admin: categories (level 1 and leaves) and their Open311 attributes. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { addCategoryAttribute } from '../../services/admin/add-category-attribute.js';
import { loadCategory } from '../../services/admin/checks.js';
import { createCategory } from '../../services/admin/create-category.js';
import { removeCategoryAttribute } from '../../services/admin/remove-category-attribute.js';
import { updateCategory } from '../../services/admin/update-category.js';
import { updateCategoryAttribute } from '../../services/admin/update-category-attribute.js';
import type { ServiceContext } from '../../services/context.js';
import { requireAdmin } from '../admin-guard.js';
import { presentAttribute, presentCategory } from '../presenters/reference.js';
import {
  attributeCreate,
  attributeParams,
  attributeUpdate,
  categoryCreate,
  categoryUpdate,
  idParams,
} from '../schemas/admin.js';

export function adminCategoryRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];

    async function present(categoryId: number) {
      const category = await loadCategory(ctx.db, categoryId);
      const attributes = await ctx.db
        .selectFrom('category_attributes')
        .selectAll()
        .where('category_id', '=', categoryId)
        .orderBy('sort')
        .orderBy('id')
        .execute();
      return presentCategory(category, attributes);
    }

    app.post(
      '/api/admin/categories',
      { schema: { tags, summary: '新建分类 Create a category', body: categoryCreate } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const c = await createCategory(ctx, { actor, ...req.body });
        return reply
          .code(201)
          .header('location', `/api/admin/categories/${c.id}`)
          .send(await present(c.id));
      },
    );

    app.patch(
      '/api/admin/categories/:id',
      {
        schema: {
          tags,
          summary: '修改分类 Edit names, code, policy, keywords; activate/deactivate',
          params: idParams,
          body: categoryUpdate,
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        await updateCategory(ctx, { actor, categoryId: req.params.id, ...req.body });
        return present(req.params.id);
      },
    );

    app.post(
      '/api/admin/categories/:id/attributes',
      {
        schema: {
          tags,
          summary: '新增扩展字段 Add an Open311 attribute to a leaf',
          params: idParams,
          body: attributeCreate,
        },
      },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const row = await addCategoryAttribute(ctx, { actor, categoryId: req.params.id, ...req.body });
        return reply.code(201).send(presentAttribute(row));
      },
    );

    app.patch(
      '/api/admin/categories/:id/attributes/:attributeId',
      {
        schema: {
          tags,
          summary: '修改扩展字段 Edit an attribute',
          params: attributeParams,
          body: attributeUpdate,
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        const row = await updateCategoryAttribute(ctx, {
          actor,
          categoryId: req.params.id,
          attributeId: req.params.attributeId,
          ...req.body,
        });
        return presentAttribute(row);
      },
    );

    app.delete(
      '/api/admin/categories/:id/attributes/:attributeId',
      { schema: { tags, summary: '删除扩展字段 Remove an attribute', params: attributeParams } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        await removeCategoryAttribute(ctx, {
          actor,
          categoryId: req.params.id,
          attributeId: req.params.attributeId,
        });
        return reply.code(204).send();
      },
    );
  };
}
