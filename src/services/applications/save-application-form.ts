/**
 * 填写表单 The applicant (or the agent) saves the form of a draft or of an
 * application sent back for correction. A draft may be incomplete, but what
 * is there must already fit the matter's schema; the values replace the
 * previous ones as a whole.
 */
import type { ApplicationActor } from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import { validateForm } from '../../domain/form-schema.js';
import type { ServiceContext } from '../context.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface SaveApplicationFormOptions {
  applicationId: number;
  actor: ApplicationActor;
  form: unknown;
  expectedVersion?: number;
}

export async function saveApplicationForm(
  ctx: ServiceContext,
  o: SaveApplicationFormOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'edit' },
    effects: ({ version }) => {
      const checked = validateForm(version.guide.form, o.form, { partial: true });
      if (checked.issues.length > 0) throw new AppError('FORM_INVALID', {}, checked.issues);
      return {
        update: { form_enc: ctx.cipher.encrypt(JSON.stringify(checked.value)) },
        data: { fields: Object.keys(checked.value).length },
        public: false,
      };
    },
  });
}
