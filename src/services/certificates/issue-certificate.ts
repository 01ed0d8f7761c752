/**
 * 出证 A reviewer issues the electronic certificate of an approved
 * application: a fresh verification code, the PDF rendered and put in the
 * file store, then — in the application's transaction — the certificate row
 * and the move to `certified`. The applicant is told the code. The PDF is
 * rendered before the transaction so that no database lock waits on it; a
 * refusal inside the transaction leaves only an unreferenced file.
 */
import { randomBytes } from 'node:crypto';
import { findApplication } from '../../db/repositories/service-applications.js';
import { loadMatterVersionById } from '../../db/repositories/service-matters.js';
import type { CertificateRow } from '../../db/schema-services.js';
import { type ApplicationActor, decideApplication } from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import { makeVerificationCode } from '../../domain/verification-code.js';
import { toApplicant } from '../applications/application-notices.js';
import { versionPayload } from '../applications/decision-columns.js';
import {
  type ApplicationActionResult,
  authorisationOf,
  runApplicationAction,
  snapshotOfApplication,
} from '../applications/run-application-action.js';
import type { ServiceContext } from '../context.js';
import { fileStoreOf } from '../files/file-store.js';
import { type CertificateContent, renderCertificatePdf } from './render-certificate-pdf.js';

export interface IssueCertificateOptions {
  applicationId: number;
  actor: ApplicationActor;
  expectedVersion?: number;
}

export function verifyUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify/${code}`;
}

export async function issueCertificate(
  ctx: ServiceContext,
  o: IssueCertificateOptions,
): Promise<ApplicationActionResult & { certificate: CertificateRow }> {
  const ref = await ctx.reference.get();
  const app = await findApplication(ctx.db, o.applicationId);
  if (!app) throw new AppError('APPLICATION_NOT_FOUND', { application: o.applicationId });
  const version = await loadMatterVersionById(ctx.db, app.matter_id, app.matter_version);
  if (!version) throw new Error(`application ${app.id} points at a missing matter version`);
  const now = ctx.clock();
  decideApplication(
    snapshotOfApplication(app, version, await authorisationOf(ctx.db, app)),
    { action: 'issue_certificate' },
    o.actor,
    now,
  );
  const department = ref.units.get(app.department_id);
  const code = makeVerificationCode(randomBytes(8));
  const number = `ZZ${app.number}`;
  const content: CertificateContent = {
    title: version.guide.result.name,
    matter: version.guide.name,
    matterCode: version.matter.code,
    applicationNumber: app.number,
    holderMasked: app.applicant_name_masked,
    decision: { zh: '准予', en: 'Approved' },
    decidedAt: (app.decided_at ?? now).toISOString(),
    issuedAt: now.toISOString(),
    department: { zh: department?.name ?? '', en: department?.name_en ?? '' },
    validity: version.guide.result.validity ?? null,
  };
  const pdf = await renderCertificatePdf({
    content,
    holderName: ctx.cipher.decrypt(app.applicant_name_enc),
    number,
    code,
    verifyUrl: verifyUrl(ctx.config.publicUrl, code),
    issuedAt: now,
  });
  const stored = await fileStoreOf(ctx).put(pdf);

  let certificate: CertificateRow | null = null;
  const result = await runApplicationAction(ctx, {
    applicationId: app.id,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'issue_certificate' },
    effects: ({ app: locked, version: v, now: at }) => ({
      update: { certified_at: at },
      data: { certificate: number },
      notify: toApplicant(
        locked,
        'svc_certificate_issued',
        versionPayload(locked, v, { code, certificate: number }),
        `svc-certificate:${locked.id}`,
      ),
      after: async (trx) => {
        certificate = await trx
          .insertInto('service_certificates')
          .values({
            application_id: locked.id,
            number,
            code,
            department_id: locked.department_id,
            matter_id: locked.matter_id,
            matter_version: locked.matter_version,
            holder_masked: locked.applicant_name_masked,
            content: JSON.stringify(content),
            pdf_sha256: stored.sha256,
            pdf_size: stored.size,
            issued_at: at,
            issued_by_user_id: o.actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      },
    }),
  });
  if (!certificate) throw new Error('certificate was not written');
  return { ...result, certificate };
}
