/**
 * 知识库 Knowledge-base articles: the columns search needs, and ranked
 * search. Articles are few (hundreds), so search scores every active
 * article: word matches (ts_rank over question and keywords, weight A, and
 * answer, weight B), the article's keywords found in the query, and trigram
 * word-similarity of the question for half-typed input.
 */
import { type RawBuilder, sql } from 'kysely';
import { compact, normalise } from '../../nlp/normalise.js';
import { documentVector, queryTerms } from '../../nlp/search-terms.js';
import type { Executor } from '../database.js';

export interface KnowledgeHit {
  id: number;
  question: string;
  answer: string;
  question_en: string | null;
  answer_en: string | null;
  keywords: string[];
  category_id: number | null;
  active: boolean;
  updated_at: Date;
  score: number;
  /** the article's keywords found in the query */
  matched: string[];
}

export interface KnowledgeSearch {
  q: string;
  /** ranks articles of this category higher (the request's suggested category) */
  categoryId?: number | null;
  limit: number;
  includeInactive?: boolean;
  /** drop hits scoring below this (suggestion wants only confident answers) */
  minScore?: number;
}

/** Query text beyond this adds nothing to ranking an answer and costs time. */
const QUERY_CHARS = 500;

export function knowledgeSearchColumns(
  question: string,
  keywords: readonly string[],
  answer: string,
): { search_text: string; search_vector: RawBuilder<string> } {
  const head = documentVector(`${question} ${keywords.join(' ')}`);
  const body = documentVector(answer);
  return {
    search_text: normalise(`${question} ${keywords.join(' ')}`),
    search_vector: sql<string>`setweight(${head}::tsvector, 'A') || setweight(${body}::tsvector, 'B')`,
  };
}

export async function searchKnowledge(db: Executor, s: KnowledgeSearch): Promise<KnowledgeHit[]> {
  const text = s.q.slice(0, QUERY_CHARS);
  const words = queryTerms(text);
  const flat = compact(normalise(text));
  const normalised = normalise(text);
  if (!flat) return [];
  // Any of the words: an answer matching some of a long complaint's words is still a candidate.
  const tsq = sql`${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(' | ')}::tsquery`;
  const category = s.categoryId ?? null;
  const result = await sql<KnowledgeHit & { rank: number; sim: number }>`
    with scored as (
      select a.id, a.question, a.answer, a.question_en, a.answer_en, a.keywords, a.category_id, a.active,
             a.updated_at,
             coalesce(ts_rank(a.search_vector, ${tsq}), 0) as rank,
             word_similarity(${normalised}, a.search_text) as sim,
             array(select k from unnest(a.keywords) k
                   where length(k) >= 2 and strpos(${flat}, lower(k)) > 0) as matched
      from knowledge_articles a
      where ${s.includeInactive ? sql`true` : sql`a.active`}
    )
    select *, (least(rank, 1) * 3 + least(cardinality(matched), 3) * 0.6 + sim
               + case when ${category}::int is not null and category_id = ${category}::int then 0.3 else 0 end) as score
    from scored
    where rank > 0 or cardinality(matched) > 0 or sim >= 0.3
    order by score desc, id
    limit ${s.limit}`.execute(db);
  return result.rows
    .map(({ rank: _rank, sim: _sim, ...hit }) => ({
      ...hit,
      score: Math.round(Number(hit.score) * 1000) / 1000,
    }))
    .filter((h) => h.score >= (s.minScore ?? 0));
}
