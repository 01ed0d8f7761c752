/**
 * 历史派单 Which units handled the latest tickets of one category in one
 * township: the fallback of routing when no rule decides, and a second
 * opinion when one does. Reads the newest few hundred tickets of the cell
 * through the (township, category, received) index.
 */
import { sql } from 'kysely';
import type { Executor } from '../database.js';

export interface UnitShare {
  unitId: number;
  tickets: number;
  share: number;
}

const SAMPLE = 500;

export async function unitHistory(
  db: Executor,
  cell: { categoryId: number | null; townshipCode: string | null },
): Promise<UnitShare[]> {
  const conditions = [sql`main_unit_id is not null`];
  if (cell.categoryId !== null) conditions.push(sql`category_id = ${cell.categoryId}`);
  if (cell.townshipCode) conditions.push(sql`township_code = ${cell.townshipCode}`);
  if (conditions.length === 1) return [];
  const result = await sql<{ unit_id: number; n: number }>`
    select main_unit_id as unit_id, count(*)::int as n
    from (select main_unit_id from tickets where ${sql.join(conditions, sql` and `)}
          order by received_at desc limit ${SAMPLE}) h
    group by main_unit_id order by n desc, main_unit_id limit 5`.execute(db);
  const total = result.rows.reduce((s, r) => s + Number(r.n), 0);
  return result.rows.map((r) => ({
    unitId: Number(r.unit_id),
    tickets: Number(r.n),
    share: total ? Number(r.n) / total : 0,
  }));
}
