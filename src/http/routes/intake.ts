/**
 * 智能受理 Smart intake over HTTP: the suggestion an agent sees while typing,
 * the reduced one of the citizen portal, duplicates of an existing ticket,
 * knowledge-base search, and the knowledge-base admin routes.
 *
 * The category model is loaded when these routes are mounted. A missing or
 * corrupt model logs one bilingual error and suggestion runs on keywords:
 * the server starts and serves everything else either way. The word index
 * of tickets loaded in bulk is filled in the background after start.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchKnowledge } from '../../db/repositories/knowledge.js';
import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../../services/context.js';
import {
  type CategoryModel,
  loadCategoryModel,
  modelPath,
  modelProblem,
} from '../../services/intake/category-model.js';
import { loadClassifierModel } from '../../services/intake/classifier-loader.js';
import { reindexTickets } from '../../services/intake/reindex-tickets.js';
import { similarTickets } from '../../services/intake/similar-tickets.js';
import { presentKnowledge, suggestIntake, suggestPublic } from '../../services/intake/suggest-intake.js';
import { loadArticle } from '../../services/knowledge/article-fields.js';
import { requireRole, requireUser } from '../plugins/auth.js';
import { id, requiredText, text, ticketIdParams } from '../schemas/common.js';
import { adminKnowledgeRoutes } from './admin-knowledge.js';
import { loadVisibleTicket } from './ticket-access.js';

/** Who records and dispatches requests, and may see other citizens' tickets as duplicates. */
const STAFF: readonly Role[] = ['agent', 'dispatcher', 'village_agent', 'supervisor', 'admin'];

/** Long enough for any pasted text; analysis reads the head (see ANALYSED_CHARS). */
const MAX_TEXT = 200_000;

const suggestBody = z
  .object({
    text: requiredText(MAX_TEXT),
    address: text(2_000).nullable().optional(),
    days: z.number().int().min(1).max(365).optional(),
  })
  .strict();

const publicSuggestBody = z
  .object({ text: text(MAX_TEXT), address: text(2_000).nullable().optional() })
  .strict();

const knowledgeQuery = z
  .object({
    q: text(500).optional(),
    category: id.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict();

const similarQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(365).optional(),
    limit: z.coerce.number().int().min(1).max(50).optional(),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict();

export interface IntakeRouteOptions {
  /** a model to use instead of loading one (tests) */
  model?: CategoryModel;
}

/** Background word indexing of bulk-loaded tickets; off under test runners, and with JIESU_SEARCH_BACKFILL=0. */
function backfillEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.JIESU_SEARCH_BACKFILL !== undefined) return env.JIESU_SEARCH_BACKFILL !== '0';
  return !env.VITEST && env.NODE_ENV !== 'test';
}

export function intakeRoutes(ctx: ServiceContext, options: IntakeRouteOptions = {}) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const model = options.model ?? (await loadCategoryModel(modelPath(ctx.config), loadClassifierModel));
    const problem = modelProblem(model.status);
    if (problem) root.log.error({ model: model.status }, problem);

    let stopping = false;
    let backfill: Promise<void> | null = null;
    root.addHook('onReady', async () => {
      if (!backfillEnabled()) return;
      backfill = reindexTickets(ctx.db, { batchSize: 500, stopped: () => stopping })
        .then((n) => {
          if (n > 0) root.log.info({ tickets: n }, '检索索引已补齐 / search index filled');
        })
        .catch((err: unknown) => {
          if (!stopping) root.log.warn({ err }, '检索索引补齐中断 / search index fill interrupted');
        });
    });
    root.addHook('onClose', async () => {
      stopping = true;
      await backfill;
    });

    app.get(
      '/api/intake/status',
      { schema: { tags: ['intake'], summary: '智能受理状态 Whether the category model is loaded' } },
      async (req) => {
        requireRole(req, STAFF);
        return { model: model.status.state, message: modelProblem(model.status) };
      },
    );

    app.post(
      '/api/intake/suggest',
      {
        schema: {
          tags: ['intake'],
          summary:
            '智能受理建议 Category, type, urgency, place, units, similar tickets and answers for a text',
          body: suggestBody,
        },
        config: { idempotency: 'none' },
      },
      async (req) => {
        requireRole(req, STAFF);
        return suggestIntake(ctx, model, req.body);
      },
    );

    app.post(
      '/api/public/suggest',
      {
        schema: {
          tags: ['public'],
          summary: '市民端智能提示 Suggested category and place for a citizen’s text',
          body: publicSuggestBody,
        },
        config: { idempotency: 'none', rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req) => suggestPublic(ctx, model, req.body),
    );

    app.get(
      '/api/tickets/:id/similar',
      {
        schema: {
          tags: ['intake'],
          summary: '相似工单 Tickets about the same place and matter (merge candidates)',
          params: ticketIdParams,
          querystring: similarQuery,
        },
      },
      async (req) => {
        requireRole(req, STAFF);
        const { ticket } = await loadVisibleTicket(ctx, req, req.params.id);
        const ref = await ctx.reference.get();
        const items = await similarTickets(ctx.db, ref, {
          text: ticket.search_text,
          townshipCode: ticket.township_code,
          areaCode: ticket.area_code,
          categoryId: ticket.category_id,
          now: ticket.received_at,
          days: req.query.days,
          limit: req.query.limit,
          excludeId: ticket.id,
        });
        return { items };
      },
    );

    app.get(
      '/api/knowledge',
      {
        schema: {
          tags: ['knowledge'],
          summary: '知识库检索 Search answers, best first',
          querystring: knowledgeQuery,
        },
      },
      async (req) => {
        requireUser(req);
        const q = req.query.q ?? '';
        if (q === '') return { items: [] };
        const hits = await searchKnowledge(ctx.db, {
          q,
          categoryId: req.query.category,
          limit: req.query.limit,
        });
        return { items: hits.map(presentKnowledge) };
      },
    );

    app.get(
      '/api/knowledge/:id',
      {
        schema: { tags: ['knowledge'], summary: '知识库条目 One answer', params: z.object({ id }).strict() },
      },
      async (req) => {
        requireUser(req);
        const a = await loadArticle(ctx.db, req.params.id);
        if (!a.active) throw new AppError('KNOWLEDGE_NOT_FOUND', { id: req.params.id });
        return a;
      },
    );

    await root.register(adminKnowledgeRoutes(ctx));
  };
}
