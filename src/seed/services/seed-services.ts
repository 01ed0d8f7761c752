/**
 * Loads the online-services reference data: the 好差评 rectification
 * category (政务服务 › 好差评整改, deadline policy `rectification`) and the
 * seeded matter catalogue. Safe to run again: only what is missing is added,
 * so an admin's later versions are never overwritten.
 */
import type { Executor } from '../../db/database.js';
import { RECTIFICATION_CATEGORY } from '../../domain/ratings.js';
import { insertMatterVersion, prepareGuide } from '../../services/matters/write-matter-version.js';
import { SEED_MATTERS } from './matters.js';

export interface SeedServicesResult {
  matters: number;
  added: number;
}

async function seedRectificationCategory(db: Executor): Promise<void> {
  const sort = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.max('sort').as('max'))
    .executeTakeFirst();
  const next = Number(sort?.max ?? 0) + 1;
  await db
    .insertInto('categories')
    .values({
      code: 'govservice',
      name: '政务服务',
      name_en: 'Government services',
      level: 1,
      parent_id: null,
      sort: next,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const parent = await db
    .selectFrom('categories')
    .select('id')
    .where('code', '=', 'govservice')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('categories')
    .values({
      code: RECTIFICATION_CATEGORY,
      name: '好差评整改',
      name_en: 'Service rating rectification',
      level: 2,
      parent_id: parent.id,
      description:
        '政务服务“好差评”中的差评（不满意、非常不满意）自动生成的整改工单，15 个工作日内整改反馈并回访。',
      keywords: ['好差评', '差评', '不满意', '政务服务', '办事', '审批'],
      policy_code: 'rectification',
      sort: next + 1,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function seedServices(db: Executor, at: Date = new Date()): Promise<SeedServicesResult> {
  await seedRectificationCategory(db);
  const units = await db.selectFrom('units').select(['id', 'code', 'peer_group', 'active']).execute();
  const unitsByCode = new Map(units.map((u) => [u.code, u]));
  let added = 0;
  for (const seed of SEED_MATTERS) {
    const { guide, departmentId } = prepareGuide(seed.guide, { unitsByCode });
    const matter = await db
      .insertInto('service_matters')
      .values({ code: seed.code, current_version: 1, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!matter) continue;
    await insertMatterVersion(db, {
      matterId: matter.id,
      version: 1,
      guide,
      departmentId,
      note: '初始版本 / initial version',
      at,
    });
    added++;
  }
  return { matters: SEED_MATTERS.length, added };
}
