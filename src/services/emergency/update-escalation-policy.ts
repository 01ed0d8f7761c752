/**
 * 上报链设置 An admin sets the escalation chain of a level: links and
 * minutes are checked (ESCALATION_CHAIN_INVALID names each bad field) and
 * the change is audited. Incidents already climbing keep the chain their
 * round started with; the next report or level change takes the new one.
 */
import type { EscalationChain } from '../../domain/emergency/chains.js';
import { validateChain } from '../../domain/emergency/chains.js';
import type { IncidentLevel } from '../../domain/emergency/vocabulary.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';
import { chainJson } from './load-chains.js';
import type { RosterActor } from './roster-change.js';

export interface UpdateEscalationPolicyOptions {
  actor: RosterActor;
  level: string;
  links: readonly { target: string; ackMinutes: number }[];
}

export async function updateEscalationPolicy(
  ctx: ServiceContext,
  o: UpdateEscalationPolicyOptions,
): Promise<{ level: IncidentLevel; links: EscalationChain }> {
  const links = validateChain(o.level, o.links);
  const level = o.level as IncidentLevel;
  const now = ctx.clock();
  await inTransaction(ctx.db, async (trx) => {
    const before = await trx
      .selectFrom('escalation_policies')
      .select('links')
      .where('level', '=', level)
      .executeTakeFirst();
    await trx
      .insertInto('escalation_policies')
      .values({ level, links: chainJson(links), updated_at: now, updated_by: o.actor.userId })
      .onConflict((oc) =>
        oc
          .column('level')
          .doUpdateSet({ links: chainJson(links), updated_at: now, updated_by: o.actor.userId }),
      )
      .execute();
    await recordAudit(trx, {
      actorUserId: o.actor.userId,
      actorRole: o.actor.role,
      action: 'escalation_policy.update',
      subjectType: 'escalation_policy',
      subjectId: level,
      detail: { before: before?.links ?? null, after: links },
      ip: o.actor.ip ?? null,
    });
  });
  return { level, links };
}
