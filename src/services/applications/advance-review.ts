/** 审查环节 A reviewer completes the current review step and hands on to the next. */
import type { ApplicationActor } from '../../domain/applications.js';
import type { ServiceContext } from '../context.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface AdvanceReviewOptions {
  applicationId: number;
  actor: ApplicationActor;
  reason?: string;
  expectedVersion?: number;
}

export async function advanceReview(
  ctx: ServiceContext,
  o: AdvanceReviewOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'advance', reason: o.reason },
    effects: ({ app, version, decision }) => ({
      data: {
        completed: version.guide.reviewSteps[app.review_step]?.zh ?? String(app.review_step),
        next: version.guide.reviewSteps[decision.reviewStep]?.zh ?? String(decision.reviewStep),
      },
    }),
  });
}
