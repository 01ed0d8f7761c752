/**
 * 撤回申请 The applicant (or the agent who filed it) withdraws an application
 * that is not decided yet. The department hears of it when it was already
 * submitted.
 */
import type { ApplicationActor } from '../../domain/applications.js';
import type { ServiceContext } from '../context.js';
import { toDepartment } from './application-notices.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface WithdrawApplicationOptions {
  applicationId: number;
  actor: ApplicationActor;
  reason?: string;
  expectedVersion?: number;
}

export async function withdrawApplication(
  ctx: ServiceContext,
  o: WithdrawApplicationOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'withdraw', reason: o.reason },
    effects: ({ app, version, now }) => ({
      update: { withdrawn_at: now },
      notify:
        app.status === 'draft'
          ? []
          : [
              toDepartment(
                app,
                'svc_application_withdrawn',
                {
                  number: app.number,
                  matter: version.row.name,
                  matterEn: version.row.name_en,
                  reason: o.reason ?? '',
                },
                `svc-withdrawn:${app.id}`,
              ),
            ],
    }),
  });
}
