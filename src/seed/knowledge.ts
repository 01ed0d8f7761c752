/**
 * Seeds the knowledge base 知识库 with the standard answers of
 * src/seed/demo/knowledge.ts. Safe to run again: an article whose question
 * is already there (seeded or written by an admin) is left as it is.
 */
import type { Executor } from '../db/database.js';
import { knowledgeSearchColumns } from '../db/repositories/knowledge.js';
import { KNOWLEDGE_SEEDS } from './demo/knowledge.js';

export async function seedKnowledge(db: Executor): Promise<number> {
  const existing = new Set(
    (await db.selectFrom('knowledge_articles').select('question').execute()).map((r) => r.question),
  );
  const categories = new Map(
    (await db.selectFrom('categories').select(['id', 'code']).execute()).map((c) => [c.code, c.id]),
  );
  let added = 0;
  for (const k of KNOWLEDGE_SEEDS) {
    if (existing.has(k.question)) continue;
    await db
      .insertInto('knowledge_articles')
      .values({
        question: k.question,
        answer: k.answer,
        question_en: k.questionEn ?? null,
        answer_en: k.answerEn ?? null,
        keywords: [...k.keywords],
        category_id: k.category ? (categories.get(k.category) ?? null) : null,
        updated_by: null,
        ...knowledgeSearchColumns(k.question, k.keywords, k.answer),
      })
      .execute();
    added++;
  }
  return added;
}
