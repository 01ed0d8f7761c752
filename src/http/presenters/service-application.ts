/**
 * 办件 on the wire. Personal data (the applicant's name, ID and phone and
 * the form's personal fields) is in clear only for roles that may see it —
 * the applicant, the agent who filed, the department's reviewers — and
 * masked for everyone else; the route audits each staff view of it.
 */
import type { MatterVersion } from '../../db/repositories/service-matters.js';
import type {
  ApplicationEventRow,
  ApplicationFileRow,
  ApplicationRow,
  AuthorisationRow,
  CertificateRow,
  RatingRow,
} from '../../db/schema-services.js';
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  type ApplicationActor,
  type ApplicationStatus,
} from '../../domain/applications.js';
import { type FormData, maskForm } from '../../domain/form-schema.js';
import {
  availableApplicationActions,
  canSeeApplicantData,
} from '../../domain/policies/application-policy.js';
import { RATING_LABELS, type RatingLevel } from '../../domain/ratings.js';
import { formatVerificationCode } from '../../domain/verification-code.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';
import { snapshotOfApplication } from '../../services/applications/run-application-action.js';
import type { ReferenceData } from '../../services/reference-cache.js';

function statusLabel(status: string) {
  return APPLICATION_STATUS_LABELS[status as ApplicationStatus] ?? { zh: status, en: status };
}

export function presentApplicationSummary(
  app: ApplicationRow,
  ref: ReferenceData,
  matterName?: { zh: string; en: string },
) {
  const unit = ref.units.get(app.department_id);
  return {
    id: app.id,
    number: app.number,
    status: app.status,
    statusLabel: statusLabel(app.status),
    matter: { id: app.matter_id, version: app.matter_version, name: matterName ?? null },
    department: { id: app.department_id, name: { zh: unit?.name ?? '', en: unit?.name_en ?? '' } },
    applicantMasked: app.applicant_name_masked,
    filedBy: app.filed_by_role,
    card: app.card,
    submittedAt: app.submitted_at,
    acceptDueAt: app.accept_due_at,
    decisionDueAt: app.decision_due_at,
    decidedAt: app.decided_at,
    updatedAt: app.updated_at,
    version: app.event_count,
  };
}

export interface ApplicationDetailInput {
  app: ApplicationRow;
  version: MatterVersion;
  form: FormData;
  files: ApplicationFileRow[];
  events: ApplicationEventRow[];
  authorisation: AuthorisationRow | null;
  certificate: CertificateRow | null;
  rating: (RatingRow & { rectificationNumber: string | null }) | null;
  viewer: ApplicationActor;
  ref: ReferenceData;
  cipher: PersonalDataCipher;
  publicUrl: string;
}

export function presentApplication(d: ApplicationDetailInput) {
  const { app, version, viewer } = d;
  const clear = canSeeApplicantData(viewer, {
    departmentId: app.department_id,
    applicantUserId: app.applicant_user_id,
    filedByUserId: app.filed_by_user_id,
    filedByRole: app.filed_by_role === 'village_agent' ? 'village_agent' : 'citizen',
  });
  const open = (enc: string | null, masked: string | null) =>
    enc === null ? null : clear ? d.cipher.decrypt(enc) : masked;
  const staff = viewer.role !== 'citizen' && viewer.role !== 'village_agent';
  const g = version.guide;
  const snapshot = snapshotOfApplication(app, version, d.authorisation);
  return {
    ...presentApplicationSummary(app, d.ref, g.name),
    matter: {
      id: app.matter_id,
      code: version.matter.code,
      version: app.matter_version,
      currentVersion: version.matter.current_version,
      name: g.name,
    },
    applicant: {
      kind: app.applicant_kind,
      name: open(app.applicant_name_enc, app.applicant_name_masked),
      idNumber: open(app.applicant_id_enc, app.applicant_id_masked),
      phone: open(app.applicant_phone_enc, app.applicant_phone_masked),
      masked: !clear,
    },
    authorisation: d.authorisation
      ? {
          id: d.authorisation.id,
          validUntil: d.authorisation.valid_until,
          withdrawnAt: d.authorisation.withdrawn_at,
        }
      : null,
    form: clear ? d.form : maskForm(g.form, d.form),
    schema: g.form,
    materials: g.materials.map((m) => ({
      code: m.code,
      name: m.name,
      required: m.required,
      formats: m.formats,
      maxSizeKb: m.maxSizeKb,
      maxCount: m.maxCount,
      files: d.files
        .filter((f) => f.material_code === m.code)
        .map((f) => ({
          id: f.id,
          fileName: f.file_name,
          size: f.size,
          mediaType: f.media_type,
          sha256: f.sha256,
          round: f.submission_round,
          uploadedAt: f.uploaded_at,
          url: `/api/services/applications/${app.id}/files/${f.id}`,
        })),
    })),
    review: {
      step: app.review_step,
      steps: g.reviewSteps,
      current: app.status === 'in_review' ? (g.reviewSteps[app.review_step] ?? null) : null,
    },
    round: app.submission_round,
    correction: app.correction,
    decision: app.decided_at
      ? {
          at: app.decided_at,
          reason: app.decision_reason,
          onTime: app.on_time,
          workingDaysUsed: app.working_days_used,
        }
      : null,
    clocks: {
      firstSubmittedAt: app.first_submitted_at,
      submittedAt: app.submitted_at,
      acceptDueAt: app.accept_due_at,
      acceptedAt: app.accepted_at,
      decisionDueAt: app.decision_due_at,
      legalDueAt: app.legal_due_at,
      decidedAt: app.decided_at,
      certificateDueAt: app.certificate_due_at,
      certifiedAt: app.certified_at,
      withdrawnAt: app.withdrawn_at,
      promisedDays: g.promisedDays,
      legalDays: g.legalDays,
    },
    certificate: d.certificate
      ? {
          number: d.certificate.number,
          code: formatVerificationCode(d.certificate.code),
          issuedAt: d.certificate.issued_at,
          verifyUrl: `${d.publicUrl.replace(/\/+$/, '')}/verify/${d.certificate.code}`,
          pdfUrl: `/api/services/applications/${app.id}/certificate.pdf`,
        }
      : null,
    rating: d.rating
      ? {
          level: d.rating.level,
          label: RATING_LABELS[d.rating.level as RatingLevel],
          comment: d.rating.comment,
          ratedAt: d.rating.rated_at,
          rectificationTicket: d.rating.rectification_ticket_id
            ? { id: d.rating.rectification_ticket_id, number: d.rating.rectificationNumber }
            : null,
        }
      : null,
    actions: availableApplicationActions(viewer, snapshot),
    timeline: d.events
      .filter((e) => e.public || staff)
      .map((e) => ({
        seq: e.seq,
        action: e.action,
        label: APPLICATION_ACTION_LABELS[e.action as ApplicationAction] ?? { zh: e.action, en: e.action },
        from: e.from_status,
        to: e.to_status,
        at: e.at,
        actorRole: e.actor_role,
        reason: e.reason,
        data: staff ? e.data : undefined,
      })),
    createdAt: app.created_at,
  };
}
