/** 新增知识 Create a knowledge-base article (admin), audited. */
import { knowledgeSearchColumns } from '../../db/repositories/knowledge.js';
import type { AdminActor } from '../admin/admin-change.js';
import { adminTransaction } from '../admin/admin-change.js';
import type { ServiceContext } from '../context.js';
import {
  ARTICLE_COLUMNS,
  type ArticleRow,
  checkCategory,
  cleanKeywords,
  snapshot,
} from './article-fields.js';

export interface CreateArticleOptions {
  actor: AdminActor;
  question: string;
  answer: string;
  questionEn?: string | null;
  answerEn?: string | null;
  keywords?: string[];
  categoryId?: number | null;
  active?: boolean;
}

export async function createArticle(ctx: ServiceContext, o: CreateArticleOptions): Promise<ArticleRow> {
  const question = o.question.trim();
  const answer = o.answer.trim();
  const keywords = cleanKeywords(o.keywords ?? []);
  const now = ctx.clock();
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    await checkCategory(trx, o.categoryId ?? null);
    const row = await trx
      .insertInto('knowledge_articles')
      .values({
        question,
        answer,
        question_en: o.questionEn?.trim() || null,
        answer_en: o.answerEn?.trim() || null,
        keywords,
        category_id: o.categoryId ?? null,
        active: o.active ?? true,
        updated_by: o.actor.userId,
        created_at: now,
        updated_at: now,
        ...knowledgeSearchColumns(question, keywords, answer),
      })
      .returning(ARTICLE_COLUMNS)
      .executeTakeFirstOrThrow();
    await audit({
      action: 'knowledge.create',
      subjectType: 'knowledge_article',
      subjectId: row.id,
      after: snapshot(row),
    });
    return row;
  });
}
