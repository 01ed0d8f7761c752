/**
 * 准予 The department approves an application at its last review step; the
 * certificate is due within a working day.
 */
import { CERTIFICATE_DAYS, workingDaysAfter } from '../../domain/application-clocks.js';
import type { ApplicationActor } from '../../domain/applications.js';
import type { ServiceContext } from '../context.js';
import { toApplicant } from './application-notices.js';
import { decisionColumns, versionPayload } from './decision-columns.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface ApproveApplicationOptions {
  applicationId: number;
  actor: ApplicationActor;
  reason?: string;
  expectedVersion?: number;
}

export async function approveApplication(
  ctx: ServiceContext,
  o: ApproveApplicationOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'approve', reason: o.reason },
    effects: ({ app, version, now, ref, decision }) => ({
      update: {
        ...decisionColumns(app, now, ref.calendar, decision.reason),
        certificate_due_at: workingDaysAfter(now, CERTIFICATE_DAYS, ref.calendar),
      },
      notify: toApplicant(
        app,
        'svc_application_decided',
        versionPayload(app, version, { outcome: 'approved', reason: decision.reason ?? '' }),
        `svc-decided:${app.id}`,
      ),
    }),
  });
}
