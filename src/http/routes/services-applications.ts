/**
 * 办件 Applications: an applicant or a village agent creates a draft, fills
 * in the form, submits and may withdraw; every signed-in role sees the list
 * its policy allows (its own, its department's, all). Materials are in
 * ./services-application-files.ts, the department's decisions in
 * ./services-review.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  type ApplicationScope,
  findApplication,
  listApplications,
} from '../../db/repositories/service-applications.js';
import { findMatterByCode } from '../../db/repositories/service-matters.js';
import { AppError } from '../../domain/errors.js';
import { APPLICATION_POLICY } from '../../domain/policies/application-policy.js';
import { createApplication } from '../../services/applications/create-application.js';
import { saveApplicationForm } from '../../services/applications/save-application-form.js';
import { submitApplication } from '../../services/applications/submit-application.js';
import { withdrawApplication } from '../../services/applications/withdraw-application.js';
import { actorOf } from '../../services/auth/principal.js';
import type { ServiceContext } from '../../services/context.js';
import { requireRole, requireUser } from '../plugins/auth.js';
import { presentApplicationSummary } from '../presenters/service-application.js';
import {
  applicationListQuery,
  applicationParams,
  createApplicationBody,
  formBody,
  optionalReasonBody,
} from '../schemas/services.js';
import { loadVisibleApplication, presentApplicationFor } from './services-access.js';

export function serviceApplicationRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/services/applications',
      {
        schema: {
          tags: ['services'],
          summary: '新建申请 Start an application (citizen; village agent with an authorisation)',
          body: createApplicationBody,
        },
        config: { idempotency: 'transactional' },
      },
      async (req, reply) => {
        const p = requireRole(req, ['citizen', 'village_agent']);
        if (req.idempotentResource) {
          const existing = await findApplication(ctx.db, req.idempotentResource.resourceId);
          if (existing) return reply.code(201).send(await presentApplicationFor(ctx, req, existing));
        }
        const row = await createApplication(ctx, {
          actor: actorOf(p),
          matterCode: req.body.matterCode,
          applicant: req.body.applicant,
          authorisationId: req.body.authorisationId,
          form: req.body.form,
          idempotency: req.idempotency,
        });
        return reply
          .code(201)
          .header('location', `/api/services/applications/${row.id}`)
          .send(await presentApplicationFor(ctx, req, row));
      },
    );

    app.get(
      '/api/services/applications',
      {
        schema: {
          tags: ['services'],
          summary: '办件列表 Applications the caller may see, newest first',
          querystring: applicationListQuery,
        },
      },
      async (req) => {
        const p = requireUser(req);
        const q = req.query;
        const view = APPLICATION_POLICY[p.role].view;
        let scope: ApplicationScope;
        if (view === 'all') scope = { kind: 'all' };
        else if (view === 'department') scope = { kind: 'departments', unitIds: p.unitIds };
        else if (view === 'applicant' && p.userId !== null) scope = { kind: 'applicant', userId: p.userId };
        else if (view === 'filed' && p.userId !== null) scope = { kind: 'filed', userId: p.userId };
        else return { items: [], nextBefore: null };
        let matterId: number | undefined;
        if (q.matter) {
          const matter = await findMatterByCode(ctx.db, q.matter);
          if (!matter) throw new AppError('MATTER_NOT_FOUND', { matter: q.matter });
          matterId = matter.id;
        }
        const rows = await listApplications(ctx.db, {
          scope,
          statuses: q.status,
          matterId,
          card: q.card,
          before: q.before,
          limit: q.limit,
        });
        const ref = await ctx.reference.get();
        const names = new Map<string, { zh: string; en: string }>();
        if (rows.length > 0) {
          const versions = await ctx.db
            .selectFrom('service_matter_versions')
            .select(['matter_id', 'version', 'name', 'name_en'])
            .where('matter_id', 'in', [...new Set(rows.map((r) => r.matter_id))])
            .execute();
          for (const v of versions) names.set(`${v.matter_id}:${v.version}`, { zh: v.name, en: v.name_en });
        }
        return {
          items: rows.map((r) =>
            presentApplicationSummary(r, ref, names.get(`${r.matter_id}:${r.matter_version}`)),
          ),
          nextBefore: rows.length === q.limit ? (rows[rows.length - 1]?.id ?? null) : null,
        };
      },
    );

    app.get(
      '/api/services/applications/:id',
      {
        schema: {
          tags: ['services'],
          summary: '办件详情 An application as the caller may see it',
          params: applicationParams,
        },
      },
      async (req) => {
        const { app: row } = await loadVisibleApplication(ctx, req, req.params.id);
        return presentApplicationFor(ctx, req, row);
      },
    );

    app.put(
      '/api/services/applications/:id/form',
      {
        schema: {
          tags: ['services'],
          summary: '填写表单 Save the form of a draft or of an application sent back for correction',
          params: applicationParams,
          body: formBody,
        },
      },
      async (req) => {
        const p = requireUser(req);
        await loadVisibleApplication(ctx, req, req.params.id);
        const r = await saveApplicationForm(ctx, {
          applicationId: req.params.id,
          actor: actorOf(p),
          form: req.body.form,
          expectedVersion: req.body.expectedVersion,
        });
        return presentApplicationFor(ctx, req, r.application);
      },
    );

    app.post(
      '/api/services/applications/:id/submit',
      {
        schema: {
          tags: ['services'],
          summary:
            '提交申请 Submit (or resubmit after correction): the form must be complete and required materials present',
          params: applicationParams,
          body: optionalReasonBody.optional(),
        },
      },
      async (req) => {
        const p = requireUser(req);
        await loadVisibleApplication(ctx, req, req.params.id);
        const r = await submitApplication(ctx, {
          applicationId: req.params.id,
          actor: actorOf(p),
          expectedVersion: req.body?.expectedVersion,
        });
        return presentApplicationFor(ctx, req, r.application);
      },
    );

    app.post(
      '/api/services/applications/:id/withdraw',
      {
        schema: {
          tags: ['services'],
          summary: '撤回申请 Withdraw an application not yet decided',
          params: applicationParams,
          body: optionalReasonBody.optional(),
        },
      },
      async (req) => {
        const p = requireUser(req);
        await loadVisibleApplication(ctx, req, req.params.id);
        const r = await withdrawApplication(ctx, {
          applicationId: req.params.id,
          actor: actorOf(p),
          reason: req.body?.reason,
          expectedVersion: req.body?.expectedVersion,
        });
        return presentApplicationFor(ctx, req, r.application);
      },
    );
  };
}
