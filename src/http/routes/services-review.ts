/**
 * 审批 The implementing department's reviewers decide: accept (受理), decline
 * to accept (不予受理), ask for corrections item by item (补正), complete a
 * review step, approve or refuse, and issue the electronic certificate. A
 * reviewer of another department gets 404, as if the application did not
 * exist. The certificate PDF is here too, for the applicant and the staff.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApplicationActor } from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import { acceptApplication } from '../../services/applications/accept-application.js';
import { advanceReview } from '../../services/applications/advance-review.js';
import { approveApplication } from '../../services/applications/approve-application.js';
import { notAcceptApplication } from '../../services/applications/not-accept-application.js';
import { refuseApplication } from '../../services/applications/refuse-application.js';
import { requestCorrection } from '../../services/applications/request-correction.js';
import type { ApplicationActionResult } from '../../services/applications/run-application-action.js';
import { actorOf } from '../../services/auth/principal.js';
import { issueCertificate } from '../../services/certificates/issue-certificate.js';
import { certificatePdf } from '../../services/certificates/verify-certificate.js';
import type { ServiceContext } from '../../services/context.js';
import { requireUser } from '../plugins/auth.js';
import { applicationParams, correctionBody, optionalReasonBody, reasonBody } from '../schemas/services.js';
import { loadVisibleApplication, presentApplicationFor } from './services-access.js';

interface Decision {
  applicationId: number;
  actor: ApplicationActor;
  reason?: string;
  expectedVersion?: number;
}

type Decide<O> = (ctx: ServiceContext, o: O) => Promise<ApplicationActionResult>;

const OPTIONAL_REASON: { action: string; summary: string; decide: Decide<Decision> }[] = [
  { action: 'accept', summary: '受理 Accept (reviewer)', decide: acceptApplication },
  {
    action: 'advance',
    summary: '完成审查环节 Complete the current review step (reviewer)',
    decide: advanceReview,
  },
  {
    action: 'approve',
    summary: '准予 Approve at the last review step (reviewer)',
    decide: approveApplication,
  },
  {
    action: 'issue-certificate',
    summary: '出具电子证照 Issue the electronic certificate of an approved application (reviewer)',
    decide: issueCertificate,
  },
];

const REQUIRED_REASON: { action: string; summary: string; decide: Decide<Decision & { reason: string }> }[] =
  [
    {
      action: 'not-accept',
      summary: '不予受理 Decline to accept, with the reason (reviewer)',
      decide: notAcceptApplication,
    },
    { action: 'refuse', summary: '不予许可 Refuse, with the reasons (reviewer)', decide: refuseApplication },
  ];

export function serviceReviewRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['services-review'];

    // Decisions whose body is at most a reason and the version the reviewer saw.
    for (const d of OPTIONAL_REASON) {
      app.post(
        `/api/services/applications/:id/${d.action}`,
        {
          schema: {
            tags,
            summary: d.summary,
            params: applicationParams,
            body: optionalReasonBody.optional(),
          },
        },
        async (req) => {
          const p = requireUser(req);
          await loadVisibleApplication(ctx, req, req.params.id);
          const r = await d.decide(ctx, {
            applicationId: req.params.id,
            actor: actorOf(p),
            reason: req.body?.reason,
            expectedVersion: req.body?.expectedVersion,
          });
          return presentApplicationFor(ctx, req, r.application);
        },
      );
    }

    // Decisions that must give their reasons.
    for (const d of REQUIRED_REASON) {
      app.post(
        `/api/services/applications/:id/${d.action}`,
        { schema: { tags, summary: d.summary, params: applicationParams, body: reasonBody } },
        async (req) => {
          const p = requireUser(req);
          await loadVisibleApplication(ctx, req, req.params.id);
          const r = await d.decide(ctx, { applicationId: req.params.id, actor: actorOf(p), ...req.body });
          return presentApplicationFor(ctx, req, r.application);
        },
      );
    }

    app.post(
      '/api/services/applications/:id/request-correction',
      {
        schema: {
          tags,
          summary:
            '一次性告知补正 Ask for corrections, item by item (a form field or a material each) (reviewer)',
          params: applicationParams,
          body: correctionBody,
        },
      },
      async (req) => {
        const p = requireUser(req);
        await loadVisibleApplication(ctx, req, req.params.id);
        const r = await requestCorrection(ctx, {
          applicationId: req.params.id,
          actor: actorOf(p),
          ...req.body,
        });
        return presentApplicationFor(ctx, req, r.application);
      },
    );

    app.get(
      '/api/services/applications/:id/certificate.pdf',
      {
        schema: {
          tags: ['services'],
          summary: '电子证照 PDF The certificate of the application',
          params: applicationParams,
        },
      },
      async (req, reply) => {
        const { app: row } = await loadVisibleApplication(ctx, req, req.params.id);
        const cert = await ctx.db
          .selectFrom('service_certificates')
          .selectAll()
          .where('application_id', '=', row.id)
          .executeTakeFirst();
        if (!cert) throw new AppError('CERTIFICATE_NOT_FOUND');
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${cert.number}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(await certificatePdf(ctx, cert));
      },
    );
  };
}
