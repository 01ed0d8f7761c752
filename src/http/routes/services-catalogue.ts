/**
 * 事项目录 The public catalogue of service matters, in Chinese and English:
 * the list, one matter's guide (the current version, or any earlier one an
 * application was filed under), its version history, and the vocabulary the
 * screens need. Anyone may read it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  findMatterByCode,
  listCurrentMatters,
  listMatterVersions,
  loadMatterVersion,
} from '../../db/repositories/service-matters.js';
import { APPLICATION_ACTION_LABELS, APPLICATION_STATUS_LABELS } from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import { FIELD_FORMATS } from '../../domain/form-schema.js';
import { RATING_LABELS, RATING_STARS } from '../../domain/ratings.js';
import { APPLICANT_KIND_LABELS, MATTER_TYPE_LABELS } from '../../domain/service-matters.js';
import type { ServiceContext } from '../../services/context.js';
import { FILE_FORMAT_LIST, presentMatter, presentMatterSummary } from '../presenters/service-matter.js';
import { catalogueQuery, matterCodeParams, matterQuery } from '../schemas/services.js';

const CACHE = 'public, max-age=60';

export function serviceCatalogueRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/services/matters',
      {
        schema: {
          tags: ['services'],
          summary: '事项目录 The catalogue of service matters (public)',
          querystring: catalogueQuery,
        },
      },
      async (req, reply) => {
        const ref = await ctx.reference.get();
        const q = req.query;
        let departmentId: number | undefined;
        if (q.department) {
          const unit = ref.unitsByCode.get(q.department);
          if (!unit) throw new AppError('UNIT_NOT_FOUND', { unit: q.department });
          departmentId = unit.id;
        }
        const items = await listCurrentMatters(ctx.db, { departmentId, type: q.type, q: q.q, tag: q.tag });
        reply.header('cache-control', CACHE);
        return { items: items.map((m) => presentMatterSummary(m, ref)), total: items.length };
      },
    );

    app.get(
      '/api/services/matters/:code',
      {
        schema: {
          tags: ['services'],
          summary: '办事指南 A matter’s guide and form (current version, or ?version=n) (public)',
          params: matterCodeParams,
          querystring: matterQuery,
        },
      },
      async (req, reply) => {
        const matter = await findMatterByCode(ctx.db, req.params.code);
        if (!matter) throw new AppError('MATTER_NOT_FOUND', { matter: req.params.code });
        const version = await loadMatterVersion(ctx.db, matter, req.query.version ?? matter.current_version);
        if (!version)
          throw new AppError('MATTER_NOT_FOUND', { matter: `${req.params.code} v${req.query.version}` });
        reply.header('cache-control', CACHE);
        return presentMatter(version, await ctx.reference.get());
      },
    );

    app.get(
      '/api/services/matters/:code/versions',
      {
        schema: {
          tags: ['services'],
          summary: '指南版本 The versions of a matter’s guide (public)',
          params: matterCodeParams,
        },
      },
      async (req) => {
        const matter = await findMatterByCode(ctx.db, req.params.code);
        if (!matter) throw new AppError('MATTER_NOT_FOUND', { matter: req.params.code });
        const rows = await listMatterVersions(ctx.db, matter.id);
        return {
          code: matter.code,
          currentVersion: matter.current_version,
          active: matter.active,
          items: rows.map((r) => ({
            version: r.version,
            name: { zh: r.name, en: r.name_en },
            promisedDays: r.promised_days,
            legalDays: r.legal_days,
            visits: r.visits,
            note: r.note,
            publishedAt: r.created_at,
          })),
        };
      },
    );

    app.get(
      '/api/services/vocabulary',
      {
        schema: {
          tags: ['services'],
          summary: '网办词表 Labels of statuses, actions, matter types, rating levels, formats (public)',
          querystring: z.object({ lang: z.enum(['zh', 'en']).optional() }).strict(),
        },
      },
      async (_req, reply) => {
        reply.header('cache-control', 'public, max-age=3600');
        return {
          statuses: APPLICATION_STATUS_LABELS,
          actions: APPLICATION_ACTION_LABELS,
          matterTypes: MATTER_TYPE_LABELS,
          applicantKinds: APPLICANT_KIND_LABELS,
          ratingLevels: Object.fromEntries(
            Object.entries(RATING_LABELS).map(([k, v]) => [
              k,
              { ...v, stars: RATING_STARS[k as keyof typeof RATING_STARS] },
            ]),
          ),
          fileFormats: FILE_FORMAT_LIST,
          fieldFormats: FIELD_FORMATS,
        };
      },
    );
  };
}
