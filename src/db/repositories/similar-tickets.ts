/**
 * 相似工单 Candidates for "the same place and matter within a time window":
 * the latest tickets of the same township and category, plus the latest of
 * the township whatever their category (the category of a new request is
 * only a guess), ranked by trigram similarity of their text. Index-driven:
 * at most a few hundred rows are compared, however many tickets there are.
 */
import { sql } from 'kysely';
import type { Executor } from '../database.js';

export interface SimilarTicketQuery {
  /** title and description of the request being compared */
  text: string;
  townshipCode: string | null;
  areaCode: string | null;
  categoryId: number | null;
  since: Date;
  excludeId: number | null;
  limit: number;
}

export interface SimilarTicketRow {
  id: number;
  number: string;
  title: string;
  state: string;
  type: string;
  area_code: string | null;
  township_code: string | null;
  category_id: number | null;
  main_unit_id: number | null;
  received_at: Date;
  similarity: number;
  score: number;
}

/** Rows of the same township and category compared at most; then of the township in any category. */
const SAME_MATTER = 120;
const SAME_PLACE = 60;
/** Characters of each text compared: the gist is at the start, and trigram cost grows with length. */
const COMPARED_CHARS = 200;
/** Each branch reads its rows once, with what the answer needs (no second look-up by id). */
const COLUMNS = sql.raw(
  'id, number, title, state, type, area_code, township_code, category_id, main_unit_id, received_at, search_text',
);
/** Below this similarity a ticket counts only when it has both the category and the village in common. */
const MIN_SIMILARITY = 0.12;

export async function findSimilarTickets(db: Executor, q: SimilarTicketQuery): Promise<SimilarTicketRow[]> {
  const branches = [];
  if (q.townshipCode && q.categoryId !== null) {
    branches.push(sql`(select ${COLUMNS} from tickets where township_code = ${q.townshipCode}
      and category_id = ${q.categoryId} and received_at >= ${q.since} order by received_at desc limit ${SAME_MATTER})`);
  }
  if (q.townshipCode) {
    branches.push(sql`(select ${COLUMNS} from tickets where township_code = ${q.townshipCode}
      and received_at >= ${q.since} order by received_at desc limit ${SAME_PLACE})`);
  } else if (q.categoryId !== null) {
    branches.push(sql`(select ${COLUMNS} from tickets where category_id = ${q.categoryId}
      and received_at >= ${q.since} order by received_at desc limit ${SAME_MATTER})`);
  }
  if (branches.length === 0) return [];
  const text = q.text.slice(0, COMPARED_CHARS);
  const sameCategory = q.categoryId === null ? sql`false` : sql`t.category_id = ${q.categoryId}`;
  const sameArea = q.areaCode && q.areaCode.length === 12 ? sql`t.area_code = ${q.areaCode}` : sql`false`;
  const result = await sql<SimilarTicketRow>`
    with candidates as (${sql.join(branches, sql` union all `)}),
    scored as (
      select distinct on (t.id) t.id, t.number, t.title, t.state, t.type, t.area_code, t.township_code,
             t.category_id, t.main_unit_id, t.received_at,
             similarity(left(t.search_text, ${COMPARED_CHARS}), ${text}) as similarity,
             (${sameCategory}) as same_category, (${sameArea}) as same_area
      from candidates t
      where t.state not in ('merged', 'invalid') and t.id <> ${q.excludeId ?? 0}
      order by t.id
    )
    select id, number, title, state, type, area_code, township_code, category_id, main_unit_id, received_at,
           similarity,
           similarity + case when same_category then 0.2 else 0 end + case when same_area then 0.15 else 0 end as score
    from scored
    where similarity >= ${MIN_SIMILARITY} or (same_category and same_area)
    order by score desc, received_at desc
    limit ${q.limit}`.execute(db);
  return result.rows.map((r) => ({ ...r, similarity: Number(r.similarity), score: Number(r.score) }));
}
