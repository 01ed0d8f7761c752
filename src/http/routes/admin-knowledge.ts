/** 知识库管理 Admin: knowledge-base articles — list (with inactive ones), create, edit, delete. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchKnowledge } from '../../db/repositories/knowledge.js';
import type { ServiceContext } from '../../services/context.js';
import { ARTICLE_COLUMNS, loadArticle } from '../../services/knowledge/article-fields.js';
import { createArticle } from '../../services/knowledge/create-article.js';
import { deleteArticle } from '../../services/knowledge/delete-article.js';
import { updateArticle } from '../../services/knowledge/update-article.js';
import { requireAdmin } from '../admin-guard.js';
import { id, requiredText, text } from '../schemas/common.js';

const keywords = z.array(requiredText(50)).max(30);

const articleCreate = z
  .object({
    question: requiredText(500),
    answer: requiredText(10_000),
    questionEn: text(1_000).nullable().optional(),
    answerEn: text(20_000).nullable().optional(),
    keywords: keywords.optional(),
    categoryId: id.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

const articleUpdate = articleCreate.partial().strict();
const params = z.object({ id }).strict();
const listQuery = z
  .object({
    q: text(500).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict();

export function adminKnowledgeRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];

    app.get(
      '/api/admin/knowledge',
      { schema: { tags, summary: '知识库列表 All articles, or those matching q', querystring: listQuery } },
      async (req) => {
        requireAdmin(req);
        const { q, limit } = req.query;
        if (q) return { items: await searchKnowledge(ctx.db, { q, limit, includeInactive: true }) };
        const items = await ctx.db
          .selectFrom('knowledge_articles')
          .select(ARTICLE_COLUMNS)
          .orderBy('id')
          .limit(limit)
          .execute();
        return { items };
      },
    );

    app.get(
      '/api/admin/knowledge/:id',
      { schema: { tags, summary: '知识库条目 One article', params } },
      async (req) => {
        requireAdmin(req);
        return loadArticle(ctx.db, req.params.id);
      },
    );

    app.post(
      '/api/admin/knowledge',
      { schema: { tags, summary: '新增知识 Create an article', body: articleCreate } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const a = await createArticle(ctx, { actor, ...req.body });
        return reply.code(201).header('location', `/api/admin/knowledge/${a.id}`).send(a);
      },
    );

    app.patch(
      '/api/admin/knowledge/:id',
      { schema: { tags, summary: '修改知识 Edit an article', params, body: articleUpdate } },
      async (req) => {
        const actor = requireAdmin(req);
        return updateArticle(ctx, { actor, articleId: req.params.id, ...req.body });
      },
    );

    app.delete(
      '/api/admin/knowledge/:id',
      { schema: { tags, summary: '删除知识 Delete an article', params } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        await deleteArticle(ctx, { actor, articleId: req.params.id });
        return reply.code(204).send();
      },
    );
  };
}
