/** 不予受理 The department declines to accept a submitted application, with its reason. */
import type { ApplicationActor } from '../../domain/applications.js';
import type { ServiceContext } from '../context.js';
import { toApplicant } from './application-notices.js';
import { decisionColumns, versionPayload } from './decision-columns.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface NotAcceptApplicationOptions {
  applicationId: number;
  actor: ApplicationActor;
  reason: string;
  expectedVersion?: number;
}

export async function notAcceptApplication(
  ctx: ServiceContext,
  o: NotAcceptApplicationOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'not_accept', reason: o.reason },
    effects: ({ app, version, now, ref, decision }) => ({
      update: decisionColumns(app, now, ref.calendar, decision.reason),
      notify: toApplicant(
        app,
        'svc_application_decided',
        versionPayload(app, version, { outcome: 'not_accepted', reason: decision.reason ?? '' }),
        `svc-decided:${app.id}`,
      ),
    }),
  });
}
