/** 删除派单规则 Delete a routing rule (rules are configuration, not history). */
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';
import { snapshotRule } from './create-routing-rule.js';

export interface DeleteRoutingRuleOptions {
  actor: AdminActor;
  ruleId: number;
}

export async function deleteRoutingRule(ctx: ServiceContext, o: DeleteRoutingRuleOptions): Promise<void> {
  await adminTransaction(ctx, o.actor, async (trx, audit) => {
    const row = await trx
      .deleteFrom('routing_rules')
      .where('id', '=', o.ruleId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('ROUTING_RULE_NOT_FOUND', { id: o.ruleId });
    await audit({
      action: 'routing_rule.delete',
      subjectType: 'routing_rule',
      subjectId: o.ruleId,
      before: snapshotRule(row),
    });
  });
}
