/**
 * 一次性告知补正 The department sends a submitted application back, saying
 * item by item what to correct: a form field or a material, and what is
 * wrong with it. No clock runs while the applicant corrects; resubmitting
 * starts a new acceptance clock.
 */
import type { ApplicationActor, CorrectionItem } from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { toApplicant } from './application-notices.js';
import { versionPayload } from './decision-columns.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface RequestCorrectionOptions {
  applicationId: number;
  actor: ApplicationActor;
  reason: string;
  items: CorrectionItem[];
  expectedVersion?: number;
}

export async function requestCorrection(
  ctx: ServiceContext,
  o: RequestCorrectionOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'request_correction', reason: o.reason, items: o.items },
    effects: ({ app, version, now, decision }) => {
      const fields = Object.keys(version.guide.form.properties);
      const materials = version.guide.materials.map((m) => m.code);
      for (const item of o.items) {
        const target = item.field ?? item.material ?? '';
        const known = item.field
          ? fields.includes(item.field)
          : item.material
            ? materials.includes(item.material)
            : false;
        if (!known || (item.field && item.material))
          throw new AppError('CORRECTION_ITEM_UNKNOWN', { item: target || '?' });
      }
      const correction = {
        note: decision.reason,
        items: o.items,
        at: now.toISOString(),
        round: app.submission_round,
      };
      return {
        update: { correction: JSON.stringify(correction) },
        data: { items: o.items.length },
        notify: toApplicant(
          app,
          'svc_correction_requested',
          versionPayload(app, version, { reason: decision.reason ?? '', items: o.items.length }),
          `svc-correction:${app.id}:${app.submission_round}`,
        ),
      };
    },
  });
}
