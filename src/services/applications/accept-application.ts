/**
 * 受理 A reviewer of the implementing department accepts a submitted
 * application: the decision clock starts, due at close of business of the
 * promised number of working days (承诺时限), with the legal limit beside it.
 */
import { workingDaysAfter } from '../../domain/application-clocks.js';
import type { ApplicationActor } from '../../domain/applications.js';
import type { ServiceContext } from '../context.js';
import { toApplicant } from './application-notices.js';
import { versionPayload } from './decision-columns.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface AcceptApplicationOptions {
  applicationId: number;
  actor: ApplicationActor;
  reason?: string;
  expectedVersion?: number;
}

export async function acceptApplication(
  ctx: ServiceContext,
  o: AcceptApplicationOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'accept', reason: o.reason },
    effects: ({ app, version, now, ref }) => {
      const decisionDue = workingDaysAfter(now, version.guide.promisedDays, ref.calendar);
      return {
        update: {
          accepted_at: now,
          decision_due_at: decisionDue,
          legal_due_at: workingDaysAfter(now, version.guide.legalDays, ref.calendar),
          correction: null,
        },
        notify: toApplicant(
          app,
          'svc_application_accepted',
          versionPayload(app, version, { dueAt: decisionDue.toISOString() }),
          `svc-accepted:${app.id}`,
        ),
      };
    },
  });
}
