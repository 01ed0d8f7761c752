/**
 * Loads Huairou's reference data: divisions, units, deadline policies,
 * categories with their Open311 attributes, routing rules, the working
 * calendar and default settings. Safe to run again: facts (divisions) are
 * updated, anything an admin may have edited is only added when missing.
 */

import type { Db, Executor } from '../db/database.js';
import { formatDuration } from '../domain/calendar.js';
import { DEFAULT_POLICIES } from '../domain/deadlines.js';
import { DEFAULT_DECIDE_OPTIONS } from '../domain/decide.js';
import { CN_HOLIDAYS } from '../domain/holidays-cn.js';
import { inTransaction } from '../services/transaction.js';
import { type Division, readDivisions, shortNameOf } from './divisions.js';
import { seedEmergency } from './emergency.js';
import { seedKnowledge } from './knowledge.js';
import { CATEGORY_SEEDS } from './reference/categories.js';
import { TOWNSHIP_PLACES, VILLAGE_ALIASES } from './reference/places.js';
import { ROUTING_SEEDS } from './reference/routing.js';
import { UNIT_SEEDS } from './reference/units.js';
import { seedServices } from './services/seed-services.js';

export interface SeedReferenceResult {
  areas: number;
  units: number;
  categories: number;
  routingRules: number;
  calendarDays: number;
}

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  working_periods: [
    [540, 720],
    [780, 1080],
  ],
  decide_options: DEFAULT_DECIDE_OPTIONS,
  assessment: {
    weights: { response: 0.1, resolution: 0.45, satisfaction: 0.45 },
    basicallySatisfiedWeight: 0.8,
    baselineYear: 2019,
  },
  sweep: { superviseAfterOverdueHours: 24, batchSize: 500 },
};

function townshipOf(d: Division, byCode: Map<string, Division>): string | null {
  if (d.level === 'district') return null;
  if (d.code.length === 9) return d.code;
  const parent = d.parentCode ? byCode.get(d.parentCode) : undefined;
  return parent ? townshipOf(parent, byCode) : null;
}

async function seedAreas(db: Executor, divisions: Division[]): Promise<number> {
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const places = new Map(TOWNSHIP_PLACES.map((p) => [p.code, p]));
  const villageAliases = new Map(VILLAGE_ALIASES.map((v) => [v.code, v.aliases]));
  for (const d of divisions) {
    const place = places.get(d.code);
    const row = {
      code: d.code,
      name: d.name,
      short_name: place?.shortName ?? shortNameOf(d),
      level: d.level,
      parent_code: d.parentCode,
      township_code: townshipOf(d, byCode),
      lat: place?.lat ?? null,
      lng: place?.lng ?? null,
      aliases: [...(place?.aliases ?? []), ...(villageAliases.get(d.code) ?? [])],
    };
    await db
      .insertInto('areas')
      .values(row)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name: row.name,
          short_name: row.short_name,
          level: row.level,
          parent_code: row.parent_code,
          township_code: row.township_code,
          lat: row.lat,
          lng: row.lng,
          aliases: row.aliases,
        }),
      )
      .execute();
  }
  return divisions.length;
}

async function seedUnits(db: Executor): Promise<number> {
  for (const u of UNIT_SEEDS) {
    const existing = await db.selectFrom('units').select('id').where('code', '=', u.code).executeTakeFirst();
    if (existing) continue;
    const parent = u.parentCode
      ? await db
          .selectFrom('units')
          .select(['id', 'path'])
          .where('code', '=', u.parentCode)
          .executeTakeFirstOrThrow()
      : null;
    const inserted = await db
      .insertInto('units')
      .values({
        code: u.code,
        name: u.name,
        name_en: u.nameEn,
        short_name: u.shortName,
        peer_group: u.peerGroup,
        parent_id: parent?.id ?? null,
        path: '/',
        phone: u.phone ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('units')
      .set({ path: `${parent?.path ?? '/'}${inserted.id}/` })
      .where('id', '=', inserted.id)
      .execute();
    if (u.areaCodes.length > 0) {
      await db
        .insertInto('unit_areas')
        .values(u.areaCodes.map((a) => ({ unit_id: inserted.id, area_code: a })))
        .execute();
    }
  }
  return UNIT_SEEDS.length;
}

async function seedPolicies(db: Executor): Promise<void> {
  await db
    .insertInto('deadline_policies')
    .values(
      DEFAULT_POLICIES.map((p) => ({
        code: p.code,
        name: p.name,
        name_en: p.nameEn,
        mode: p.mode,
        sign: formatDuration(p.sign),
        response: formatDuration(p.response),
        reply: formatDuration(p.reply),
        reply_complex: p.replyComplex ? formatDuration(p.replyComplex) : null,
        return_window: formatDuration(p.returnWindow),
        callback: formatDuration(p.callback),
        yellow_at: p.yellowAt,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

async function seedCategories(db: Executor): Promise<number> {
  let count = 0;
  let sort = 0;
  for (const top of CATEGORY_SEEDS) {
    sort += 1;
    await db
      .insertInto('categories')
      .values({ code: top.code, name: top.name, name_en: top.nameEn, level: 1, parent_id: null, sort })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const parent = await db
      .selectFrom('categories')
      .select('id')
      .where('code', '=', top.code)
      .executeTakeFirstOrThrow();
    count += 1;
    for (const leaf of top.children) {
      sort += 1;
      count += 1;
      const inserted = await db
        .insertInto('categories')
        .values({
          code: leaf.code,
          name: leaf.name,
          name_en: leaf.nameEn,
          level: 2,
          parent_id: parent.id,
          description: leaf.description,
          keywords: leaf.keywords,
          policy_code: leaf.policy,
          utility_outage: leaf.utilityOutage ?? false,
          sort,
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted || !leaf.attributes || leaf.attributes.length === 0) continue;
      await db
        .insertInto('category_attributes')
        .values(
          leaf.attributes.map((a) => ({
            category_id: inserted.id,
            code: a.code,
            datatype: a.datatype,
            required: a.required,
            variable: a.variable,
            description: a.description,
            description_en: a.descriptionEn,
            datatype_description: a.datatypeDescription ?? null,
            sort: a.order,
            values: JSON.stringify(a.values ?? []),
          })),
        )
        .execute();
    }
  }
  return count;
}

async function seedRouting(db: Executor): Promise<number> {
  const existing = await db
    .selectFrom('routing_rules')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const categories = new Map(
    (await db.selectFrom('categories').select(['id', 'code']).execute()).map((c) => [c.code, c.id]),
  );
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  const rows = ROUTING_SEEDS.map((r) => {
    const categoryId = categories.get(r.category);
    if (categoryId === undefined) throw new Error(`routing seed names unknown category ${r.category}`);
    const toTownship = r.unit === '@township';
    const unitId = toTownship ? null : units.get(r.unit);
    if (!toTownship && unitId === undefined) throw new Error(`routing seed names unknown unit ${r.unit}`);
    return {
      category_id: categoryId,
      area_code: r.area,
      unit_id: unitId ?? null,
      to_township: toTownship,
      priority: r.priority,
      note: r.note ?? null,
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('routing_rules')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return rows.length;
}

async function seedCalendar(db: Executor): Promise<number> {
  const rows = CN_HOLIDAYS.map((h) => ({ date: h.date, kind: h.kind, name: h.name ?? '' }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('calendar_days')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('date').doNothing())
      .execute();
  }
  return rows.length;
}

async function seedSettings(db: Executor): Promise<void> {
  await db
    .insertInto('settings')
    .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value: JSON.stringify(value) })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function seedReference(db: Db, divisionsPath?: string): Promise<SeedReferenceResult> {
  // Parse before touching the database: a malformed file changes nothing.
  const divisions = readDivisions(divisionsPath);
  return inTransaction(db, async (trx) => {
    const areas = await seedAreas(trx, divisions);
    await seedPolicies(trx);
    const units = await seedUnits(trx);
    const categories = await seedCategories(trx);
    // the knowledge base 知识库 of standard answers (after categories: articles belong to one)
    await seedKnowledge(trx);
    const routingRules = await seedRouting(trx);
    const calendarDays = await seedCalendar(trx);
    await seedSettings(trx);
    // 全程网办: the matter catalogue and the 好差评 rectification category (after units and policies)
    await seedServices(trx);
    // 应急: the default escalation chain of each severity level
    await seedEmergency(trx);
    return { areas, units, categories, routingRules, calendarDays };
  });
}

export async function hasReferenceData(db: Db): Promise<boolean> {
  const row = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
