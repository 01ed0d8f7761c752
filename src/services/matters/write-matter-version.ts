/**
 * Writing a matter version: the guide is checked as a whole, its department
 * resolved, and the immutable version row inserted with the columns lists
 * and metrics filter on. Shared by the admin use cases and the seed.
 */
import type { Executor } from '../../db/database.js';
import type { MatterVersionRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import { checkGuide, type MatterGuide } from '../../domain/service-matters.js';

export interface UnitLookup {
  unitsByCode: ReadonlyMap<string, { id: number; peer_group: string; active: boolean }>;
}

/** The guide with its form normalised and the department's unit id, or VALIDATION_FAILED. */
export function prepareGuide(
  guide: MatterGuide,
  ref: UnitLookup,
): { guide: MatterGuide; departmentId: number } {
  const checked = checkGuide(guide);
  const unit = ref.unitsByCode.get(guide.departmentCode);
  const issues = [...checked.issues];
  if (!unit?.active || (unit.peer_group !== 'department' && unit.peer_group !== 'township'))
    issues.push({
      path: 'departmentCode',
      code: 'unknown_unit',
      message: `${guide.departmentCode} 不是有效的实施部门 / is not an implementing department`,
    });
  if (issues.length > 0 || !checked.guide || !unit) throw new AppError('VALIDATION_FAILED', {}, issues);
  return { guide: checked.guide, departmentId: unit.id };
}

export async function insertMatterVersion(
  db: Executor,
  o: {
    matterId: number;
    version: number;
    guide: MatterGuide;
    departmentId: number;
    note?: string | null;
    createdBy?: number | null;
    at: Date;
  },
): Promise<MatterVersionRow> {
  const { form, ...rest } = o.guide;
  return db
    .insertInto('service_matter_versions')
    .values({
      matter_id: o.matterId,
      version: o.version,
      name: rest.name.zh,
      name_en: rest.name.en,
      type: rest.type,
      department_id: o.departmentId,
      legal_days: rest.legalDays,
      promised_days: rest.promisedDays,
      accept_days: rest.acceptDays,
      visits: rest.visits,
      fee_yuan: rest.fee.yuan,
      guide: JSON.stringify(rest),
      form_schema: JSON.stringify(form),
      note: o.note ?? null,
      created_by: o.createdBy ?? null,
      created_at: o.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
