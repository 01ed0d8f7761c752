/**
 * 提交申请 The applicant submits (or, after 补正, resubmits): the form must
 * now be complete and valid and every required material present. A new
 * submission round starts the acceptance clock (受理时限) in working days, and
 * the department hears of it.
 */
import { workingDaysAfter } from '../../domain/application-clocks.js';
import type { ApplicationActor } from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import { validateForm } from '../../domain/form-schema.js';
import type { ServiceContext } from '../context.js';
import { toApplicant, toDepartment } from './application-notices.js';
import { formValuesOf } from './form-values.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface SubmitApplicationOptions {
  applicationId: number;
  actor: ApplicationActor;
  expectedVersion?: number;
}

export async function submitApplication(
  ctx: ServiceContext,
  o: SubmitApplicationOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'submit' },
    effects: async ({ trx, app, version, now, ref }) => {
      const checked = validateForm(version.guide.form, formValuesOf(ctx, app), { partial: false });
      if (checked.issues.length > 0) throw new AppError('FORM_INVALID', {}, checked.issues);
      const files = await trx
        .selectFrom('service_application_files')
        .select('material_code')
        .where('application_id', '=', app.id)
        .execute();
      const present = new Set(files.map((f) => f.material_code));
      const missing = version.guide.materials.filter((m) => m.required && !present.has(m.code));
      if (missing.length > 0) {
        throw new AppError(
          'MATERIALS_MISSING',
          { materials: missing.map((m) => `${m.name.zh} ${m.name.en}`).join('; ') },
          missing.map((m) => ({
            path: `materials.${m.code}`,
            code: 'required',
            message: `${m.name.zh} / ${m.name.en}`,
          })),
        );
      }
      const round = app.submission_round + 1;
      const payload = { number: app.number, matter: version.row.name, matterEn: version.row.name_en, round };
      return {
        update: {
          submission_round: round,
          submitted_at: now,
          first_submitted_at: app.first_submitted_at ?? now,
          accept_due_at: workingDaysAfter(now, version.guide.acceptDays, ref.calendar),
        },
        data: { round },
        notify: [
          toDepartment(app, 'svc_application_submitted', payload, `svc-submitted:${app.id}:${round}`),
          ...toApplicant(app, 'svc_application_received', payload, `svc-received:${app.id}:${round}`),
        ],
      };
    },
  });
}
