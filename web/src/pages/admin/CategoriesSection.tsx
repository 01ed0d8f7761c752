/**
 * 分类与属性 The two-level category taxonomy: create a level-1 category or a
 * leaf under one, edit names, code, deadline policy, keywords (for
 * suggestions), the utility-outage flag and the order, deactivate; a
 * leaf's Open311 attributes below its form.
 */

import type { AdminCategory, Policy } from '../../api/admin-types';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { AttributesEditor } from './AttributesEditor';
import { type Errors, FormShell, intError, required, useSelection, useSubmit, useValues } from './admin-kit';

function CategoryForm({
  category,
  roots,
  policies,
  onSaved,
}: {
  category: AdminCategory | null;
  roots: AdminCategory[];
  policies: Policy[];
  onSaved(c: AdminCategory): void;
}) {
  const { t, lang } = useI18n();
  const [v, patch] = useValues({
    code: category?.code ?? '',
    name: category?.name ?? '',
    nameEn: category?.nameEn ?? '',
    parentId: category?.parentId ? String(category.parentId) : '',
    description: category?.description ?? '',
    keywords: (category?.keywords ?? []).join('，'),
    policyCode: category?.policyCode ?? '',
    utilityOutage: category?.utilityOutage ?? false,
    sort: String(category?.sort ?? 0),
    active: category?.active ?? true,
  });
  const state = useSubmit();
  const submit = () =>
    state.run(
      (): Errors => ({
        code: required(t, t('admin.code'), v.code),
        name: required(t, t('admin.name'), v.name),
        nameEn: required(t, t('admin.nameEn'), v.nameEn),
        sort: intError(t, t('adm.cat.sort'), v.sort, 0, 1_000_000),
      }),
      async () => {
        const body = {
          code: v.code.trim(),
          name: v.name.trim(),
          nameEn: v.nameEn.trim(),
          ...(v.description.trim() ? { description: v.description.trim() } : {}),
          keywords: v.keywords
            .split(/[,，、\n]+/)
            .map((k) => k.trim())
            .filter(Boolean),
          policyCode: v.policyCode || null,
          utilityOutage: v.utilityOutage,
          sort: Number(v.sort),
        };
        const saved = category
          ? await api<AdminCategory>(`/api/admin/categories/${category.id}`, {
              method: 'PATCH',
              body: { ...body, active: v.active },
            })
          : await api<AdminCategory>('/api/admin/categories', {
              body: { ...body, parentId: v.parentId ? Number(v.parentId) : null },
            });
        onSaved(saved);
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={category ? t('adm.editOf', { name: category.name }) : t('adm.cat.new')}
      testId="category-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      state={state}
    >
      {category ? null : (
        <SelectField
          label={t('adm.cat.parent')}
          value={v.parentId}
          onChange={(x) => patch({ parentId: x })}
          placeholder={t('adm.cat.topLevel')}
          options={roots.map((c) => ({ value: String(c.id), label: lang === 'zh' ? c.name : c.nameEn }))}
          name="parentId"
        />
      )}
      <div className="grid-2">
        <TextField
          label={t('admin.code')}
          required
          value={v.code}
          onChange={(x) => patch({ code: x })}
          error={state.errors.code}
          maxLength={64}
          name="code"
        />
        <TextField
          label={t('adm.cat.sort')}
          inputMode="numeric"
          value={v.sort}
          onChange={(x) => patch({ sort: x })}
          error={state.errors.sort}
          maxLength={7}
          name="sort"
        />
        <TextField
          label={t('admin.name')}
          required
          value={v.name}
          onChange={(x) => patch({ name: x })}
          error={state.errors.name}
          maxLength={200}
          name="name"
        />
        <TextField
          label={t('admin.nameEn')}
          required
          value={v.nameEn}
          onChange={(x) => patch({ nameEn: x })}
          error={state.errors.nameEn}
          maxLength={200}
          name="nameEn"
        />
      </div>
      <SelectField
        label={t('adm.cat.policy')}
        value={v.policyCode}
        onChange={(x) => patch({ policyCode: x })}
        placeholder={t('adm.cat.policyDefault')}
        options={policies.map((p) => ({ value: p.code, label: lang === 'zh' ? p.name : p.nameEn }))}
        error={state.errors.policyCode}
        name="policyCode"
      />
      <TextArea
        label={t('adm.cat.keywords')}
        hint={t('adm.cat.keywordsHint')}
        value={v.keywords}
        onChange={(x) => patch({ keywords: x })}
        error={state.errors.keywords}
        rows={2}
        name="keywords"
      />
      <TextArea
        label={t('adm.cat.description')}
        value={v.description}
        onChange={(x) => patch({ description: x })}
        error={state.errors.description}
        rows={2}
        maxLength={2000}
        name="description"
      />
      <CheckboxField
        label={t('adm.cat.utility')}
        checked={v.utilityOutage}
        onChange={(x) => patch({ utilityOutage: x })}
        name="utilityOutage"
      />
      {category ? (
        <CheckboxField
          label={t('adm.active')}
          checked={v.active}
          onChange={(x) => patch({ active: x })}
          name="active"
        />
      ) : null}
    </FormShell>
  );
}

export function CategoriesSection() {
  const { t, lang } = useI18n();
  const list = useLoad(
    (signal) =>
      api<{ items: AdminCategory[] }>('/api/reference/categories', {
        query: { includeInactive: true },
        signal,
        fresh: true,
      }),
    [],
  );
  const policies = useLoad(
    (signal) => api<{ items: Policy[] }>('/api/reference/policies', { signal, fresh: true }),
    [],
  );
  const sel = useSelection<number>();
  const roots = list.data?.items ?? [];
  const all = roots.flatMap((r) => [r, ...r.children]);
  const current = all.find((c) => c.id === sel.selected) ?? null;
  if (list.loading && !list.data) return <Loading />;
  return (
    <div className="admin-split">
      <div>
        <ErrorBanner error={list.error} />
        <ul className="tree" data-testid="categories">
          {roots.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="link-button"
                aria-pressed={sel.selected === r.id}
                onClick={() => sel.open(r.id)}
              >
                {lang === 'zh' ? r.name : r.nameEn} <span className="sub-inline">{r.code}</span>
                {r.active ? null : <span className="chip">{t('adm.inactive')}</span>}
              </button>
              <ul>
                {r.children.map((c) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      className="link-button"
                      aria-pressed={sel.selected === c.id}
                      onClick={() => sel.open(c.id)}
                    >
                      {lang === 'zh' ? c.name : c.nameEn} <span className="sub-inline">{c.code}</span>
                      {c.active ? null : <span className="chip">{t('adm.inactive')}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </div>
      <div className="stack">
        <button type="button" className="btn" onClick={() => sel.open('new')}>
          {t('adm.cat.new')}
        </button>
        {sel.selected === 'new' ? (
          <CategoryForm
            key="new"
            category={null}
            roots={roots}
            policies={policies.data?.items ?? []}
            onSaved={() => list.reload()}
          />
        ) : null}
        {current ? (
          <>
            <CategoryForm
              key={current.id}
              category={current}
              roots={roots}
              policies={policies.data?.items ?? []}
              onSaved={() => list.reload()}
            />
            {current.level === 2 ? (
              <AttributesEditor category={current} onChanged={() => list.reload()} />
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
