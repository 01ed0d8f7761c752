/**
 * Loading an application for a caller: whatever the policy does not let the
 * caller see answers exactly like an application that does not exist (404).
 * Staff views of the applicant's personal data are audited.
 */
import type { FastifyRequest } from 'fastify';
import {
  findApplication,
  listApplicationEvents,
  listApplicationFiles,
} from '../../db/repositories/service-applications.js';
import { loadMatterVersionById, type MatterVersion } from '../../db/repositories/service-matters.js';
import type { ApplicationRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import { canSeeApplicantData, canViewApplication } from '../../domain/policies/application-policy.js';
import { formValuesOf } from '../../services/applications/form-values.js';
import { authorisationOf } from '../../services/applications/run-application-action.js';
import { recordAudit } from '../../services/audit.js';
import { actorOf } from '../../services/auth/principal.js';
import type { ServiceContext } from '../../services/context.js';
import { requireUser } from '../plugins/auth.js';
import { presentApplication } from '../presenters/service-application.js';

function factsOf(app: ApplicationRow) {
  return {
    departmentId: app.department_id,
    applicantUserId: app.applicant_user_id,
    filedByUserId: app.filed_by_user_id,
    filedByRole: app.filed_by_role === 'village_agent' ? ('village_agent' as const) : ('citizen' as const),
  };
}

export async function loadVisibleApplication(
  ctx: ServiceContext,
  req: FastifyRequest,
  id: number,
): Promise<{ app: ApplicationRow; version: MatterVersion }> {
  const p = requireUser(req);
  const app = await findApplication(ctx.db, id);
  if (!app || !canViewApplication(actorOf(p), factsOf(app)))
    throw new AppError('APPLICATION_NOT_FOUND', { application: id });
  const version = await loadMatterVersionById(ctx.db, app.matter_id, app.matter_version);
  if (!version) throw new AppError('APPLICATION_NOT_FOUND', { application: id });
  return { app, version };
}

/** The application as the caller may see it now, with files, timeline, certificate and rating. */
export async function presentApplicationFor(ctx: ServiceContext, req: FastifyRequest, app: ApplicationRow) {
  const p = requireUser(req);
  const viewer = actorOf(p);
  const ref = await ctx.reference.get();
  const version = await loadMatterVersionById(ctx.db, app.matter_id, app.matter_version);
  if (!version) throw new AppError('APPLICATION_NOT_FOUND', { application: app.id });
  const [files, events, authorisation, certificate, rating] = await Promise.all([
    listApplicationFiles(ctx.db, app.id),
    listApplicationEvents(ctx.db, app.id),
    authorisationOf(ctx.db, app),
    ctx.db
      .selectFrom('service_certificates')
      .selectAll()
      .where('application_id', '=', app.id)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('service_ratings as r')
      .leftJoin('tickets as t', 't.id', 'r.rectification_ticket_id')
      .selectAll('r')
      .select('t.number as rectificationNumber')
      .where('r.application_id', '=', app.id)
      .executeTakeFirst(),
  ]);
  const staffView = p.role === 'reviewer' && canSeeApplicantData(viewer, factsOf(app));
  if (staffView) {
    await recordAudit(ctx.db, {
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'application.view_personal',
      subjectType: 'service_application',
      subjectId: String(app.id),
      ip: req.ip,
    });
  }
  return presentApplication({
    app,
    version,
    form: formValuesOf(ctx, app),
    files,
    events,
    authorisation,
    certificate: certificate ?? null,
    rating: rating ?? null,
    viewer,
    ref,
    cipher: ctx.cipher,
    publicUrl: ctx.config.publicUrl,
  });
}
