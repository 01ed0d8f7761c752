/**
 * 删除知识 Delete a knowledge-base article (admin), audited with what it
 * said. Deactivating (active = false) keeps an article for later; deleting
 * removes it for good.
 */
import { type AdminActor, adminTransaction } from '../admin/admin-change.js';
import type { ServiceContext } from '../context.js';
import { loadArticle, snapshot } from './article-fields.js';

export async function deleteArticle(
  ctx: ServiceContext,
  o: { actor: AdminActor; articleId: number },
): Promise<void> {
  await adminTransaction(ctx, o.actor, async (trx, audit) => {
    const before = await loadArticle(trx, o.articleId);
    await trx.deleteFrom('knowledge_articles').where('id', '=', o.articleId).execute();
    await audit({
      action: 'knowledge.delete',
      subjectType: 'knowledge_article',
      subjectId: o.articleId,
      before: { ...snapshot(before), answer: before.answer },
    });
  });
}
