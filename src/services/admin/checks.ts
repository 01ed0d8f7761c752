/**
 * Look-ups the admin use cases share, read inside their transaction so that
 * what is checked is what is changed.
 */
import type { Executor } from '../../db/database.js';
import type { CategoryRow, UnitRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { invalidField } from './admin-change.js';

export async function loadUnit(db: Executor, id: number): Promise<UnitRow> {
  const unit = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { unit: id });
  return unit;
}

export async function loadCategory(db: Executor, id: number): Promise<CategoryRow> {
  const c = await db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw new AppError('CATEGORY_NOT_FOUND', { category: id });
  return c;
}

/** Every code must be a known division; the first unknown one is named in the error. */
export async function requireAreas(db: Executor, codes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const found = new Set(
    (await db.selectFrom('areas').select('code').where('code', 'in', unique).execute()).map((a) => a.code),
  );
  const missing = unique.find((c) => !found.has(c));
  if (missing !== undefined) throw new AppError('AREA_NOT_FOUND', { area: missing });
  return unique.sort();
}

export async function unitAreaCodes(db: Executor, unitId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('unit_areas')
    .select('area_code')
    .where('unit_id', '=', unitId)
    .orderBy('area_code')
    .execute();
  return rows.map((r) => r.area_code);
}

export async function requirePolicy(db: Executor, code: string): Promise<void> {
  const p = await db
    .selectFrom('deadline_policies')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!p) throw new AppError('POLICY_NOT_FOUND', { policy: code });
}

/** Codes shared with the database's own checks, so a bad code gets a field error rather than a 500. */
export function requireCode(path: string, value: string, pattern: RegExp, hint: string): string {
  const v = value.trim();
  if (!pattern.test(v) || v.length > 64) throw invalidField(path, 'format', hint);
  return v;
}

export function snapshotUnit(u: UnitRow, areaCodes: string[]) {
  return {
    code: u.code,
    name: u.name,
    nameEn: u.name_en,
    shortName: u.short_name,
    peerGroup: u.peer_group,
    parentId: u.parent_id,
    path: u.path,
    phone: u.phone,
    active: u.active,
    areaCodes,
  };
}

export function snapshotCategory(c: CategoryRow) {
  return {
    code: c.code,
    name: c.name,
    nameEn: c.name_en,
    parentId: c.parent_id,
    level: c.level,
    description: c.description,
    keywords: c.keywords,
    policyCode: c.policy_code,
    utilityOutage: c.utility_outage,
    sort: c.sort,
    active: c.active,
  };
}
