/**
 * The one way an application changes after it is created, as for tickets:
 * lock the row, ask the domain whether the action is allowed, update the row
 * (with its card and the sweep's next check instant), append the event, write
 * the notifications to the outbox — one transaction — and wake the outbox
 * after commit.
 */
import type { Updateable } from 'kysely';
import type { Trx } from '../../db/database.js';
import {
  appendApplicationEvent,
  issuedWarnings,
  lockApplication,
} from '../../db/repositories/service-applications.js';
import { loadMatterVersionById, type MatterVersion } from '../../db/repositories/service-matters.js';
import type { ApplicationRow, AuthorisationRow, ServiceApplicationsTable } from '../../db/schema-services.js';
import { applicationCard, nextApplicationCheck } from '../../domain/application-clocks.js';
import {
  type ApplicationActor,
  type ApplicationDecision,
  type ApplicationInput,
  type ApplicationSnapshot,
  type ApplicationStatus,
  decideApplication,
} from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { enqueue, type OutboxMessage } from '../outbox.js';
import type { ReferenceData } from '../reference-cache.js';
import { inTransaction } from '../transaction.js';

export type ApplicationUpdate = Updateable<ServiceApplicationsTable>;

export interface ApplicationActionContext {
  trx: Trx;
  app: ApplicationRow;
  version: MatterVersion;
  decision: ApplicationDecision;
  now: Date;
  ref: ReferenceData;
  actor: ApplicationActor;
}

export interface ApplicationEffects {
  update?: ApplicationUpdate;
  data?: Record<string, unknown>;
  notify?: OutboxMessage[];
  /** writes to other tables, after the application row is updated */
  after?: (trx: Trx, app: ApplicationRow) => Promise<void>;
  /** shown on the applicant's timeline; internal steps (warnings) are not */
  public?: boolean;
}

export interface RunApplicationActionOptions {
  applicationId: number;
  actor: ApplicationActor;
  input: ApplicationInput;
  /** the event count the client saw; a mismatch is APPLICATION_CHANGED */
  expectedVersion?: number;
  effects?: (c: ApplicationActionContext) => ApplicationEffects | Promise<ApplicationEffects>;
}

export interface ApplicationActionResult {
  application: ApplicationRow;
  decision: ApplicationDecision;
}

export function snapshotOfApplication(
  app: ApplicationRow,
  version: MatterVersion,
  authorisation: AuthorisationRow | null,
): ApplicationSnapshot {
  return {
    status: app.status as ApplicationStatus,
    matterId: app.matter_id,
    departmentId: app.department_id,
    applicantUserId: app.applicant_user_id,
    filedByUserId: app.filed_by_user_id,
    filedByRole: app.filed_by_role === 'village_agent' ? 'village_agent' : 'citizen',
    authorisation: authorisation
      ? {
          matterId: authorisation.matter_id,
          validFrom: authorisation.valid_from,
          validUntil: authorisation.valid_until,
          withdrawnAt: authorisation.withdrawn_at,
        }
      : null,
    reviewStep: app.review_step,
    reviewStepCount: version.guide.reviewSteps.length,
  };
}

export async function authorisationOf(
  db: Trx | ServiceContext['db'],
  app: ApplicationRow,
): Promise<AuthorisationRow | null> {
  if (app.authorisation_id === null) return null;
  return (
    (await db
      .selectFrom('service_authorisations')
      .selectAll()
      .where('id', '=', app.authorisation_id)
      .executeTakeFirst()) ?? null
  );
}

export async function runApplicationAction(
  ctx: ServiceContext,
  o: RunApplicationActionOptions,
): Promise<ApplicationActionResult> {
  const ref = await ctx.reference.get();
  let wroteOutbox = false;
  const result = await inTransaction(ctx.db, async (trx) => {
    const app = await lockApplication(trx, o.applicationId);
    if (!app) throw new AppError('APPLICATION_NOT_FOUND', { application: o.applicationId });
    if (o.expectedVersion !== undefined && o.expectedVersion !== app.event_count)
      throw new AppError('APPLICATION_CHANGED');
    const version = await loadMatterVersionById(trx, app.matter_id, app.matter_version);
    if (!version) throw new Error(`application ${app.id} points at a missing matter version`);
    const now = ctx.clock();
    const snapshot = snapshotOfApplication(app, version, await authorisationOf(trx, app));
    const decision = decideApplication(snapshot, o.input, o.actor, now);
    const effects = o.effects
      ? await o.effects({ trx, app, version, decision, now, ref, actor: o.actor })
      : {};
    const seq = app.event_count + 1;
    const next = {
      ...app,
      ...effects.update,
      status: decision.to,
      review_step: decision.reviewStep,
    } as ApplicationRow;
    const clocks = await clockColumns(trx, ref, next, now);
    const updated = await trx
      .updateTable('service_applications')
      .set({
        ...effects.update,
        ...clocks,
        status: decision.to,
        review_step: decision.reviewStep,
        event_count: seq,
        updated_at: now,
      })
      .where('id', '=', app.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendApplicationEvent(trx, {
      applicationId: app.id,
      seq,
      action: o.input.action,
      fromStatus: app.status,
      toStatus: decision.to,
      actorUserId: o.actor.userId,
      actorRole: o.actor.role,
      actorUnitId: o.actor.unitIds.includes(app.department_id)
        ? app.department_id
        : (o.actor.unitIds[0] ?? null),
      at: now,
      reason: decision.reason,
      data: {
        ...effects.data,
        ...(decision.reviewStep !== app.review_step ? { reviewStep: decision.reviewStep } : {}),
      },
      public: effects.public ?? true,
    });
    if (effects.after) await effects.after(trx, updated);
    if (effects.notify && effects.notify.length > 0) wroteOutbox = (await enqueue(trx, effects.notify)) > 0;
    return { application: updated, decision };
  });
  if (wroteOutbox) ctx.afterCommit('outbox');
  return result;
}

/** The card and next sweep instant of an application row as it will be written. */
export async function clockColumns(
  trx: Trx,
  ref: ReferenceData,
  app: ApplicationRow,
  now: Date,
): Promise<{ card: string; next_check_at: Date | null }> {
  const facts = clockFactsOf(app);
  const issued = await issuedWarnings(trx, app.id, app.submission_round);
  return {
    card: applicationCard(facts, ref.calendar, now),
    next_check_at: nextApplicationCheck(facts, issued, ref.calendar),
  };
}

export function clockFactsOf(app: ApplicationRow) {
  return {
    status: app.status as ApplicationStatus,
    submittedAt: app.submitted_at,
    acceptDueAt: app.accept_due_at,
    acceptedAt: app.accepted_at,
    decisionDueAt: app.decision_due_at,
    decidedAt: app.decided_at,
    certificateDueAt: app.certificate_due_at,
  };
}
