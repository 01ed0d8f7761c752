/**
 * 撤回授权 The villager (through the SMS link or their account) or the agent
 * ends an authorisation. From then on the agent can do nothing more under
 * it; drafts filed under it are withdrawn with it, while applications
 * already submitted stay the villager's own and go on (the villager may
 * withdraw them too). The other party is told.
 */
import type { Trx } from '../../db/database.js';
import { appendApplicationEvent } from '../../db/repositories/service-applications.js';
import type { AuthorisationRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/vocabulary.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { enqueue, type OutboxMessage } from '../outbox.js';
import { inTransaction } from '../transaction.js';

export interface WithdrawAuthorisationOptions {
  /** finds and locks the authorisation inside the transaction, or throws the caller's not-found */
  find: (trx: Trx) => Promise<AuthorisationRow>;
  by: 'villager' | 'agent';
  actor: { userId: number | null; role: Role };
  reason?: string | null;
}

export async function withdrawAuthorisation(
  ctx: ServiceContext,
  o: WithdrawAuthorisationOptions,
): Promise<{ authorisation: AuthorisationRow; withdrawnDrafts: number }> {
  let wrote = false;
  const result = await inTransaction(ctx.db, async (trx) => {
    const found = await o.find(trx);
    if (found.withdrawn_at !== null) throw new AppError('AUTHORISATION_WITHDRAWN');
    const now = ctx.clock();
    const reason = o.reason?.trim() || null;
    const authorisation = await trx
      .updateTable('service_authorisations')
      .set({ withdrawn_at: now, withdrawn_by: o.by, withdraw_reason: reason })
      .where('id', '=', found.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const drafts = await trx
      .selectFrom('service_applications')
      .selectAll()
      .where('authorisation_id', '=', found.id)
      .where('status', '=', 'draft')
      .forUpdate()
      .execute();
    for (const app of drafts) {
      const seq = app.event_count + 1;
      await trx
        .updateTable('service_applications')
        .set({
          status: 'withdrawn',
          withdrawn_at: now,
          event_count: seq,
          updated_at: now,
          next_check_at: null,
        })
        .where('id', '=', app.id)
        .execute();
      await appendApplicationEvent(trx, {
        applicationId: app.id,
        seq,
        action: 'withdraw',
        fromStatus: 'draft',
        toStatus: 'withdrawn',
        actorUserId: o.actor.userId,
        actorRole: o.actor.role,
        actorUnitId: null,
        at: now,
        reason: '代办授权已撤回 / the authorisation was withdrawn',
        data: { authorisation: found.id },
      });
    }
    await recordAudit(trx, {
      actorUserId: o.actor.userId,
      actorRole: o.actor.role,
      action: 'authorisation.withdraw',
      subjectType: 'service_authorisation',
      subjectId: String(found.id),
      detail: { by: o.by, drafts: drafts.length },
    });
    const payload = { authorisationId: found.id, by: o.by, reason: reason ?? '' };
    const notify: OutboxMessage[] =
      o.by === 'villager'
        ? [
            {
              channel: 'inapp',
              recipient: `user:${found.agent_user_id}`,
              template: 'svc_authorisation_withdrawn',
              payload,
              dedupeKey: `svc-authorisation-withdrawn:${found.id}`,
            },
          ]
        : [
            {
              channel: 'sms',
              recipient: `authorisation:${found.id}`,
              template: 'svc_authorisation_withdrawn',
              payload,
              dedupeKey: `svc-authorisation-withdrawn:${found.id}`,
            },
          ];
    wrote = (await enqueue(trx, notify)) > 0;
    return { authorisation, withdrawnDrafts: drafts.length };
  });
  if (wrote) ctx.afterCommit('outbox');
  return result;
}
