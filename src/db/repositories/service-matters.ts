/**
 * Service matters 事项 and their immutable versions: a version row carries
 * the guide (JSON) and the form schema; together they are a MatterGuide.
 */
import type { MatterGuide } from '../../domain/service-matters.js';
import type { Executor } from '../database.js';
import type { MatterRow, MatterVersionRow } from '../schema-services.js';

export interface MatterVersion {
  matter: MatterRow;
  row: MatterVersionRow;
  guide: MatterGuide;
}

/** The guide as stored: everything but the form, which has its own column. */
export function guideOf(row: MatterVersionRow): MatterGuide {
  return { ...(row.guide as Omit<MatterGuide, 'form'>), form: row.form_schema as MatterGuide['form'] };
}

export async function findMatterByCode(db: Executor, code: string): Promise<MatterRow | undefined> {
  return db.selectFrom('service_matters').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findMatter(db: Executor, id: number): Promise<MatterRow | undefined> {
  return db.selectFrom('service_matters').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadMatterVersion(
  db: Executor,
  matter: MatterRow,
  version: number = matter.current_version,
): Promise<MatterVersion | undefined> {
  const row = await db
    .selectFrom('service_matter_versions')
    .selectAll()
    .where('matter_id', '=', matter.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { matter, row, guide: guideOf(row) } : undefined;
}

export async function loadMatterVersionById(
  db: Executor,
  matterId: number,
  version: number,
): Promise<MatterVersion | undefined> {
  const matter = await findMatter(db, matterId);
  return matter ? loadMatterVersion(db, matter, version) : undefined;
}

export interface MatterListFilter {
  departmentId?: number;
  type?: string;
  /** substring of the Chinese or English name, or the code */
  q?: string;
  tag?: string;
  includeInactive?: boolean;
}

/** Current versions of the catalogue, by department then code. */
export async function listCurrentMatters(db: Executor, f: MatterListFilter): Promise<MatterVersion[]> {
  let query = db
    .selectFrom('service_matters as m')
    .innerJoin('service_matter_versions as v', (j) =>
      j.onRef('v.matter_id', '=', 'm.id').onRef('v.version', '=', 'm.current_version'),
    )
    .selectAll('v')
    .select([
      'm.code',
      'm.active',
      'm.current_version',
      'm.created_at as matter_created_at',
      'm.updated_at as matter_updated_at',
    ])
    .orderBy('v.department_id')
    .orderBy('m.code');
  if (!f.includeInactive) query = query.where('m.active', '=', true);
  if (f.departmentId !== undefined) query = query.where('v.department_id', '=', f.departmentId);
  if (f.type !== undefined) query = query.where('v.type', '=', f.type);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('v.name', 'ilike', like), eb('v.name_en', 'ilike', like), eb('m.code', 'ilike', like)]),
    );
  }
  const rows = await query.execute();
  const out = rows.map((r) => {
    const { code, active, current_version, matter_created_at, matter_updated_at, ...row } = r;
    return {
      matter: {
        id: row.matter_id,
        code,
        active,
        current_version,
        created_at: matter_created_at,
        updated_at: matter_updated_at,
      },
      row,
      guide: guideOf(row),
    };
  });
  return f.tag ? out.filter((m) => m.guide.tags.includes(f.tag as string)) : out;
}

export async function listMatterVersions(db: Executor, matterId: number): Promise<MatterVersionRow[]> {
  return db
    .selectFrom('service_matter_versions')
    .selectAll()
    .where('matter_id', '=', matterId)
    .orderBy('version', 'desc')
    .execute();
}
