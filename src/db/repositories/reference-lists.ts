/**
 * Reference rows with what the in-memory cache does not keep: the areas each
 * unit covers, category attributes, routing rules with filters, calendar
 * entries of a year.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../database.js';
import type { CategoryAttributesTable, CategoryRow, RoutingRulesTable, UnitRow } from '../schema.js';

export type AttributeRow = Selectable<CategoryAttributesTable>;
export type RoutingRuleRow = Selectable<RoutingRulesTable>;

export async function listUnitsWithAreas(
  db: Executor,
  o: { includeInactive?: boolean; ids?: number[] } = {},
): Promise<{ unit: UnitRow; areaCodes: string[] }[]> {
  let q = db.selectFrom('units').selectAll().orderBy('path');
  if (!o.includeInactive) q = q.where('active', '=', true);
  if (o.ids) {
    if (o.ids.length === 0) return [];
    q = q.where('id', 'in', o.ids);
  }
  const units = await q.execute();
  if (units.length === 0) return [];
  const links = await db
    .selectFrom('unit_areas')
    .select(['unit_id', 'area_code'])
    .where(
      'unit_id',
      'in',
      units.map((u) => u.id),
    )
    .orderBy('area_code')
    .execute();
  const byUnit = new Map<number, string[]>();
  for (const l of links) {
    const list = byUnit.get(l.unit_id) ?? [];
    list.push(l.area_code);
    byUnit.set(l.unit_id, list);
  }
  return units.map((unit) => ({ unit, areaCodes: byUnit.get(unit.id) ?? [] }));
}

export async function listCategoriesWithAttributes(
  db: Executor,
  o: { includeInactive?: boolean } = {},
): Promise<{ category: CategoryRow; attributes: AttributeRow[] }[]> {
  let q = db.selectFrom('categories').selectAll().orderBy('sort').orderBy('id');
  if (!o.includeInactive) q = q.where('active', '=', true);
  const categories = await q.execute();
  const attributes = await db
    .selectFrom('category_attributes')
    .selectAll()
    .orderBy('category_id')
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const byCategory = new Map<number, AttributeRow[]>();
  for (const a of attributes) {
    const list = byCategory.get(a.category_id) ?? [];
    list.push(a);
    byCategory.set(a.category_id, list);
  }
  return categories.map((category) => ({ category, attributes: byCategory.get(category.id) ?? [] }));
}

export async function listRoutingRules(
  db: Executor,
  o: { categoryId?: number; areaCode?: string; unitId?: number; limit?: number; offset?: number } = {},
): Promise<{ items: RoutingRuleRow[]; total: number }> {
  let q = db.selectFrom('routing_rules');
  if (o.categoryId !== undefined) q = q.where('category_id', '=', o.categoryId);
  if (o.areaCode !== undefined) q = q.where('area_code', '=', o.areaCode);
  if (o.unitId !== undefined) q = q.where('unit_id', '=', o.unitId);
  const [items, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('category_id')
      .orderBy('priority', 'desc')
      .orderBy('id')
      .limit(o.limit ?? 200)
      .offset(o.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function listCalendarDays(
  db: Executor,
  year: number,
): Promise<{ date: string; kind: string; name: string }[]> {
  return db
    .selectFrom('calendar_days')
    .selectAll()
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}
