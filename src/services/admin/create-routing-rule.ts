/**
 * 派单规则 Create a routing rule: category × area → a unit, or "the
 * street/town of the ticket's place" (街乡吹哨). The highest priority among
 * matching rules makes the dispatcher's suggestion.
 */
import type { Executor } from '../../db/database.js';
import type { RoutingRuleRow } from '../../db/repositories/reference-lists.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction, invalidField } from './admin-change.js';
import { loadCategory, loadUnit, requireAreas } from './checks.js';

export type { RoutingRuleRow };

export interface RoutingTarget {
  /** null matches every category */
  categoryId: number | null;
  /** null matches the whole district */
  areaCode: string | null;
  unitId: number | null;
  toTownship: boolean;
  priority: number;
  note: string | null;
}

/** Exactly one target, and every reference real (an inactive unit would be a dead suggestion). */
export async function checkRoutingTarget(db: Executor, r: RoutingTarget): Promise<void> {
  if ((r.unitId !== null) === r.toTownship) {
    throw invalidField(
      'unitId',
      'one_target',
      'give either unitId or toTownship: true, not both / 单位与“所在街乡”二选一',
    );
  }
  if (!Number.isInteger(r.priority) || r.priority < 0 || r.priority > 1000) {
    throw invalidField('priority', 'out_of_range', 'a whole number 0–1000');
  }
  if (r.categoryId !== null) await loadCategory(db, r.categoryId);
  if (r.areaCode !== null) await requireAreas(db, [r.areaCode]);
  if (r.unitId !== null) {
    const unit = await loadUnit(db, r.unitId);
    if (!unit.active) throw new AppError('UNIT_NOT_FOUND', { unit: unit.code });
  }
}

export function snapshotRule(r: RoutingRuleRow) {
  return {
    categoryId: r.category_id,
    areaCode: r.area_code,
    unitId: r.unit_id,
    toTownship: r.to_township,
    priority: r.priority,
    note: r.note,
  };
}

export interface CreateRoutingRuleOptions extends Omit<RoutingTarget, 'note' | 'priority'> {
  actor: AdminActor;
  priority?: number;
  note?: string | null;
}

export async function createRoutingRule(
  ctx: ServiceContext,
  o: CreateRoutingRuleOptions,
): Promise<RoutingRuleRow> {
  const target: RoutingTarget = {
    categoryId: o.categoryId,
    areaCode: o.areaCode,
    unitId: o.unitId,
    toTownship: o.toTownship,
    priority: o.priority ?? (o.areaCode === null ? 10 : 20),
    note: o.note?.trim() || null,
  };
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    await checkRoutingTarget(trx, target);
    const row = await trx
      .insertInto('routing_rules')
      .values({
        category_id: target.categoryId,
        area_code: target.areaCode,
        unit_id: target.unitId,
        to_township: target.toTownship,
        priority: target.priority,
        note: target.note,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'routing_rule.create',
      subjectType: 'routing_rule',
      subjectId: row.id,
      after: snapshotRule(row),
    });
    return row;
  });
}
