/** 不予许可 The department refuses an application under review, with its reasons. */
import type { ApplicationActor } from '../../domain/applications.js';
import type { ServiceContext } from '../context.js';
import { toApplicant } from './application-notices.js';
import { decisionColumns, versionPayload } from './decision-columns.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface RefuseApplicationOptions {
  applicationId: number;
  actor: ApplicationActor;
  reason: string;
  expectedVersion?: number;
}

export async function refuseApplication(
  ctx: ServiceContext,
  o: RefuseApplicationOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'refuse', reason: o.reason },
    effects: ({ app, version, now, ref, decision }) => ({
      update: decisionColumns(app, now, ref.calendar, decision.reason),
      notify: toApplicant(
        app,
        'svc_application_decided',
        versionPayload(app, version, { outcome: 'refused', reason: decision.reason ?? '' }),
        `svc-decided:${app.id}`,
      ),
    }),
  });
}
