/**
 * 知识库 The knowledge base behind smart intake's suggested answers: find
 * articles (the search smart intake uses, inactive ones included), create
 * one, edit its question and answer in Chinese and English, its category
 * and keywords, or take it out of the suggestions (inactive).
 */
import { useEffect, useState } from 'react';
import type { KnowledgeArticle } from '../../api/admin-types';
import { api } from '../../api/client';
import { useLoad, useReference } from '../../api/hooks';
import type { RefCategory } from '../../api/types';
import { ErrorBanner, Loading } from '../../components/feedback';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { type Errors, FormShell, required, useSelection, useSubmit, useValues } from './admin-kit';

const LIMIT = 200;

/** Keywords as the admin types them: commas (either width), 顿号 or new lines between. */
export function splitKeywords(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；\n]+/)
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
}

function categoryLabel(c: RefCategory, all: Map<number, RefCategory>, lang: 'zh' | 'en'): string {
  const name = (x: RefCategory) => (lang === 'zh' ? x.name : x.nameEn);
  const parent = c.parentId === null ? undefined : all.get(c.parentId);
  return parent ? `${name(parent)} / ${name(c)}` : name(c);
}

function ArticleForm({
  article,
  created,
  onSaved,
  onCancel,
}: {
  article: KnowledgeArticle | null;
  /** the article was just created: its edit form opens saying so */
  created?: boolean;
  onSaved(a: KnowledgeArticle): void;
  onCancel(): void;
}) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const categories = new Map((ref.data?.categories ?? []).map((c) => [c.id, c]));
  const [v, patch] = useValues({
    question: article?.question ?? '',
    answer: article?.answer ?? '',
    questionEn: article?.question_en ?? '',
    answerEn: article?.answer_en ?? '',
    keywords: (article?.keywords ?? []).join('，'),
    categoryId: article?.category_id ? String(article.category_id) : '',
    active: article?.active ?? true,
  });
  const state = useSubmit();
  const { setDone } = state;
  useEffect(() => {
    if (created) setDone(t('adm.saved'));
  }, [created, setDone, t]);
  const submit = () =>
    state.run(
      (): Errors => {
        const words = splitKeywords(v.keywords);
        return {
          question: required(t, t('adm.kb.question'), v.question),
          answer: required(t, t('adm.kb.answer'), v.answer),
          keywords:
            words.length > 30 || words.some((w) => [...w].length > 50)
              ? t('adm.kb.keywordsTooMany')
              : undefined,
        };
      },
      async () => {
        const body = {
          question: v.question.trim(),
          answer: v.answer.trim(),
          questionEn: v.questionEn.trim() || null,
          answerEn: v.answerEn.trim() || null,
          keywords: splitKeywords(v.keywords),
          categoryId: v.categoryId ? Number(v.categoryId) : null,
          active: v.active,
        };
        onSaved(
          article
            ? await api<KnowledgeArticle>(`/api/admin/knowledge/${article.id}`, { method: 'PATCH', body })
            : await api<KnowledgeArticle>('/api/admin/knowledge', { body }),
        );
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={article ? t('adm.editOf', { name: `#${article.id}` }) : t('adm.kb.new')}
      testId="knowledge-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      state={state}
    >
      <div className="grid-2">
        <TextField
          label={t('adm.kb.question')}
          required
          value={v.question}
          onChange={(x) => patch({ question: x })}
          error={state.errors.question}
          maxLength={500}
          name="question"
        />
        <TextField
          label={t('adm.kb.questionEn')}
          value={v.questionEn}
          onChange={(x) => patch({ questionEn: x })}
          error={state.errors.questionEn}
          maxLength={1000}
          name="questionEn"
        />
        <TextArea
          label={t('adm.kb.answer')}
          required
          value={v.answer}
          onChange={(x) => patch({ answer: x })}
          error={state.errors.answer}
          maxLength={10_000}
          rows={6}
          name="answer"
        />
        <TextArea
          label={t('adm.kb.answerEn')}
          value={v.answerEn}
          onChange={(x) => patch({ answerEn: x })}
          error={state.errors.answerEn}
          maxLength={20_000}
          rows={6}
          name="answerEn"
        />
        <SelectField
          label={t('adm.kb.category')}
          value={v.categoryId}
          onChange={(x) => patch({ categoryId: x })}
          placeholder={t('adm.kb.noCategory')}
          options={[...categories.values()].map((c) => ({
            value: String(c.id),
            label: categoryLabel(c, categories, lang),
          }))}
          error={state.errors.categoryId}
          name="categoryId"
        />
        <TextField
          label={t('adm.kb.keywords')}
          hint={t('adm.kb.keywordsHint')}
          value={v.keywords}
          onChange={(x) => patch({ keywords: x })}
          error={state.errors.keywords}
          maxLength={2000}
          name="keywords"
        />
      </div>
      <CheckboxField
        label={t('adm.kb.active')}
        checked={v.active}
        onChange={(x) => patch({ active: x })}
        name="active"
      />
    </FormShell>
  );
}

export function KnowledgeSection() {
  const { t, lang, fmtDateTime } = useI18n();
  const ref = useReference();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = useLoad(
    (signal) =>
      api<{ items: KnowledgeArticle[] }>('/api/admin/knowledge', {
        query: { q: query || undefined, limit: LIMIT },
        signal,
        fresh: true,
      }),
    [query],
  );
  const sel = useSelection<number>();
  const [created, setCreated] = useState<number | null>(null);
  const items = list.data?.items ?? [];
  const current = items.find((a) => a.id === sel.selected) ?? null;
  const categories = new Map((ref.data?.categories ?? []).map((c) => [c.id, c]));
  const saved = (a: KnowledgeArticle) => {
    const known = items.some((x) => x.id === a.id);
    list.set({ items: known ? items.map((x) => (x.id === a.id ? { ...x, ...a } : x)) : [a, ...items] });
    // a new article continues in its own edit form, so saving again edits it rather than adding a copy
    if (!known) {
      setCreated(a.id);
      sel.open(a.id);
    }
  };
  return (
    <div className="admin-split">
      <div className="stack">
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery(q.trim());
          }}
        >
          <TextField
            label={t('adm.kb.search')}
            type="search"
            value={q}
            onChange={setQ}
            maxLength={500}
            name="q"
          />
          <button type="submit" className="btn">
            {t('common.search')}
          </button>
        </form>
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorBanner error={list.error} />
        <div className="table-scroll">
          <table className="tickets" data-testid="knowledge">
            <caption>{t('adm.kb.count', { n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adm.kb.question')}</th>
                <th scope="col">{t('adm.kb.category')}</th>
                <th scope="col">{t('adm.kb.keywords')}</th>
                {query ? <th scope="col">{t('adm.kb.score')}</th> : null}
                <th scope="col">{t('adm.kb.updatedAt')}</th>
                <th scope="col">
                  <span className="sr-only">{t('adm.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => {
                const c = a.category_id === null ? undefined : categories.get(a.category_id);
                return (
                  <tr
                    key={a.id}
                    className={sel.selected === a.id ? 'selected' : a.active ? undefined : 'inactive'}
                    data-article-id={a.id}
                  >
                    <td className="title-cell">
                      {a.question}
                      {a.question_en ? <span className="sub">{a.question_en}</span> : null}
                      {a.active ? null : <span className="chip chip-warn">{t('adm.inactive')}</span>}
                    </td>
                    <td>{c ? categoryLabel(c, categories, lang) : t('adm.kb.noCategory')}</td>
                    <td>{a.keywords.join('、')}</td>
                    {query ? <td>{a.score ?? '—'}</td> : null}
                    <td>{fmtDateTime(a.updated_at)}</td>
                    <td>
                      <button type="button" className="btn btn-quiet" onClick={() => sel.open(a.id)}>
                        {t('adm.edit')}
                        <span className="sr-only"> #{a.id}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      <div className="stack">
        <button type="button" className="btn" onClick={() => sel.open('new')} data-testid="knowledge-new">
          {t('adm.kb.new')}
        </button>
        {sel.selected === 'new' ? (
          <ArticleForm key="new" article={null} onSaved={saved} onCancel={sel.close} />
        ) : null}
        {current ? (
          <ArticleForm
            key={current.id}
            article={current}
            created={created === current.id}
            onSaved={saved}
            onCancel={sel.close}
          />
        ) : null}
      </div>
    </div>
  );
}
