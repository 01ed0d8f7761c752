/** 修改派单规则 Edit a routing rule; the result is checked as a whole. */
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, requireSomeField } from './admin-change.js';
import {
  checkRoutingTarget,
  type RoutingRuleRow,
  type RoutingTarget,
  snapshotRule,
} from './create-routing-rule.js';

export interface UpdateRoutingRuleOptions extends Partial<RoutingTarget> {
  actor: AdminActor;
  ruleId: number;
}

export async function updateRoutingRule(
  ctx: ServiceContext,
  o: UpdateRoutingRuleOptions,
): Promise<RoutingRuleRow> {
  const { actor, ruleId, ...patch } = o;
  requireSomeField(patch);
  return adminTransaction(ctx, actor, async (trx, audit) => {
    const before = await trx
      .selectFrom('routing_rules')
      .selectAll()
      .where('id', '=', ruleId)
      .executeTakeFirst();
    if (!before) throw new AppError('ROUTING_RULE_NOT_FOUND', { id: ruleId });
    // Naming a unit switches off "township of the area", and the other way round.
    const unitId = o.unitId !== undefined ? o.unitId : o.toTownship === true ? null : before.unit_id;
    const toTownship =
      o.toTownship !== undefined ? o.toTownship : o.unitId != null ? false : before.to_township;
    const target: RoutingTarget = {
      categoryId: o.categoryId !== undefined ? o.categoryId : before.category_id,
      areaCode: o.areaCode !== undefined ? o.areaCode : before.area_code,
      unitId,
      toTownship,
      priority: o.priority ?? before.priority,
      note: o.note !== undefined ? o.note?.trim() || null : before.note,
    };
    await checkRoutingTarget(trx, target);
    const after = await trx
      .updateTable('routing_rules')
      .set({
        category_id: target.categoryId,
        area_code: target.areaCode,
        unit_id: target.unitId,
        to_township: target.toTownship,
        priority: target.priority,
        note: target.note,
      })
      .where('id', '=', ruleId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'routing_rule.update',
      subjectType: 'routing_rule',
      subjectId: ruleId,
      before: snapshotRule(before),
      after: snapshotRule(after),
    });
    return after;
  });
}
