/** 修改知识 Edit a knowledge-base article (admin): text, keywords, category, active; audited. */
import { knowledgeSearchColumns } from '../../db/repositories/knowledge.js';
import { type AdminActor, adminTransaction, requireSomeField } from '../admin/admin-change.js';
import type { ServiceContext } from '../context.js';
import {
  ARTICLE_COLUMNS,
  type ArticleRow,
  checkCategory,
  cleanKeywords,
  loadArticle,
  snapshot,
} from './article-fields.js';

export interface UpdateArticleOptions {
  actor: AdminActor;
  articleId: number;
  question?: string;
  answer?: string;
  questionEn?: string | null;
  answerEn?: string | null;
  keywords?: string[];
  categoryId?: number | null;
  active?: boolean;
}

export async function updateArticle(ctx: ServiceContext, o: UpdateArticleOptions): Promise<ArticleRow> {
  const { actor, articleId, ...patch } = o;
  requireSomeField(patch);
  return adminTransaction(ctx, actor, async (trx, audit) => {
    const before = await loadArticle(trx, articleId);
    if (o.categoryId !== undefined) await checkCategory(trx, o.categoryId);
    const question = o.question?.trim() ?? before.question;
    const answer = o.answer?.trim() ?? before.answer;
    const keywords = o.keywords ? cleanKeywords(o.keywords) : before.keywords;
    const row = await trx
      .updateTable('knowledge_articles')
      .set({
        question,
        answer,
        keywords,
        ...(o.questionEn !== undefined ? { question_en: o.questionEn?.trim() || null } : {}),
        ...(o.answerEn !== undefined ? { answer_en: o.answerEn?.trim() || null } : {}),
        ...(o.categoryId !== undefined ? { category_id: o.categoryId } : {}),
        ...(o.active !== undefined ? { active: o.active } : {}),
        updated_by: actor.userId,
        updated_at: ctx.clock(),
        // the words are recomputed whenever text or keywords may have changed
        ...knowledgeSearchColumns(question, keywords, answer),
      })
      .where('id', '=', articleId)
      .returning(ARTICLE_COLUMNS)
      .executeTakeFirstOrThrow();
    await audit({
      action: 'knowledge.update',
      subjectType: 'knowledge_article',
      subjectId: articleId,
      before: snapshot(before),
      after: snapshot(row),
    });
    return row;
  });
}
