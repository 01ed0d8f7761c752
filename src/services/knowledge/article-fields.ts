/**
 * What the knowledge-base use cases share: loading an article, checking its
 * category, tidying keywords, and the snapshot written to the audit log.
 */

import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { KnowledgeArticlesTable } from '../../db/schema-intake.js';
import { AppError } from '../../domain/errors.js';

export type ArticleRow = Omit<Selectable<KnowledgeArticlesTable>, 'search_vector' | 'search_text'>;

export const ARTICLE_COLUMNS = [
  'id',
  'question',
  'answer',
  'question_en',
  'answer_en',
  'keywords',
  'category_id',
  'active',
  'updated_by',
  'created_at',
  'updated_at',
] as const;

export async function loadArticle(db: Executor, id: number): Promise<ArticleRow> {
  const row = await db
    .selectFrom('knowledge_articles')
    .select(ARTICLE_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('KNOWLEDGE_NOT_FOUND', { id });
  return row;
}

/** The category must exist and be active; null means a cross-cutting article. */
export async function checkCategory(db: Executor, categoryId: number | null): Promise<void> {
  if (categoryId === null) return;
  const c = await db
    .selectFrom('categories')
    .select(['id', 'active'])
    .where('id', '=', categoryId)
    .executeTakeFirst();
  if (!c?.active) throw new AppError('KNOWLEDGE_CATEGORY_INVALID', { category: categoryId });
}

/** Trimmed, non-empty, without duplicates, in the order given. */
export function cleanKeywords(keywords: readonly string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter((k) => k !== ''))];
}

export function snapshot(a: ArticleRow): Record<string, unknown> {
  return {
    question: a.question,
    keywords: a.keywords,
    category_id: a.category_id,
    active: a.active,
    answer_length: a.answer.length,
  };
}
