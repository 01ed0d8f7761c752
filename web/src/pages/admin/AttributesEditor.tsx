/**
 * 扩展字段 The Open311 attributes of a leaf category: the extra questions
 * asked for that kind of request. List types (single/multi value) need
 * their values, one `key=name` per line; other types take none.
 */
import { useState } from 'react';
import type { AdminAttribute, AdminCategory } from '../../api/admin-types';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/feedback';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { type Errors, FormShell, intError, required, useSubmit, useValues, useVocabulary } from './admin-kit';

const LIST_TYPES = ['singlevaluelist', 'multivaluelist'];

function AttributeForm({
  category,
  attribute,
  onSaved,
  onCancel,
}: {
  category: AdminCategory;
  attribute: AdminAttribute | null;
  onSaved(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const vocab = useVocabulary();
  const [v, patch] = useValues({
    code: attribute?.code ?? '',
    datatype: attribute?.datatype ?? 'string',
    required: attribute?.required ?? false,
    variable: attribute?.variable ?? true,
    description: attribute?.description ?? '',
    descriptionEn: attribute?.descriptionEn ?? '',
    datatypeDescription: attribute?.datatypeDescription ?? '',
    order: String(attribute?.order ?? (category.attributes?.length ?? 0) + 1),
    values: (attribute?.values ?? []).map((x) => `${x.key}=${x.name}`).join('\n'),
  });
  const state = useSubmit();
  const isList = LIST_TYPES.includes(v.datatype);
  const parsedValues = v.values
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [key = '', ...rest] = line.split('=');
      return { key: key.trim(), name: rest.join('=').trim() };
    });
  const submit = () =>
    state.run(
      (): Errors => ({
        code: attribute ? undefined : required(t, t('admin.code'), v.code),
        description: required(t, t('adm.attr.description'), v.description),
        order: intError(t, t('adm.attr.order'), v.order, 1, 1000),
        values: isList
          ? parsedValues.length && parsedValues.every((x) => x.key && x.name)
            ? new Set(parsedValues.map((x) => x.key)).size === parsedValues.length
              ? undefined
              : t('adm.attr.valuesUnique')
            : t('adm.attr.valuesHint')
          : undefined,
      }),
      async () => {
        const body = {
          datatype: v.datatype,
          required: v.required,
          variable: v.variable,
          description: v.description.trim(),
          ...(v.descriptionEn.trim() ? { descriptionEn: v.descriptionEn.trim() } : {}),
          datatypeDescription: v.datatypeDescription.trim() || null,
          order: Number(v.order),
          values: isList ? parsedValues : [],
        };
        if (attribute)
          await api(`/api/admin/categories/${category.id}/attributes/${attribute.id}`, {
            method: 'PATCH',
            body,
          });
        else
          await api(`/api/admin/categories/${category.id}/attributes`, {
            body: { code: v.code.trim(), ...body },
          });
        onSaved();
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={attribute ? t('adm.editOf', { name: attribute.code }) : t('adm.attr.new')}
      testId="attribute-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      state={state}
    >
      {attribute ? null : (
        <TextField
          label={t('admin.code')}
          required
          value={v.code}
          onChange={(x) => patch({ code: x })}
          error={state.errors.code}
          maxLength={64}
          name="attrCode"
        />
      )}
      <SelectField
        label={t('adm.attr.datatype')}
        required
        value={v.datatype}
        onChange={(x) => patch({ datatype: x })}
        options={(vocab.data?.attributeDatatypes ?? [v.datatype]).map((d) => ({ value: d, label: d }))}
        error={state.errors.datatype}
        name="datatype"
      />
      <div className="grid-2">
        <TextField
          label={t('adm.attr.description')}
          required
          value={v.description}
          onChange={(x) => patch({ description: x })}
          error={state.errors.description}
          maxLength={500}
          name="description"
        />
        <TextField
          label={t('adm.attr.descriptionEn')}
          value={v.descriptionEn}
          onChange={(x) => patch({ descriptionEn: x })}
          error={state.errors.descriptionEn}
          maxLength={500}
          name="descriptionEn"
        />
      </div>
      <TextField
        label={t('adm.attr.hint')}
        value={v.datatypeDescription}
        onChange={(x) => patch({ datatypeDescription: x })}
        error={state.errors.datatypeDescription}
        maxLength={500}
        name="datatypeDescription"
      />
      <TextField
        label={t('adm.attr.order')}
        required
        inputMode="numeric"
        value={v.order}
        onChange={(x) => patch({ order: x })}
        error={state.errors.order}
        maxLength={4}
        name="order"
      />
      <CheckboxField
        label={t('adm.attr.required')}
        checked={v.required}
        onChange={(x) => patch({ required: x })}
        name="attrRequired"
      />
      <CheckboxField
        label={t('adm.attr.variable')}
        checked={v.variable}
        onChange={(x) => patch({ variable: x })}
        name="variable"
      />
      {isList ? (
        <TextArea
          label={t('adm.attr.values')}
          required
          hint={t('adm.attr.valuesHint')}
          value={v.values}
          onChange={(x) => patch({ values: x })}
          error={state.errors.values}
          rows={4}
          name="values"
        />
      ) : null}
    </FormShell>
  );
}

export function AttributesEditor({ category, onChanged }: { category: AdminCategory; onChanged(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const attributes = category.attributes ?? [];
  const remove = async (a: AdminAttribute) => {
    setError(null);
    try {
      await api(`/api/admin/categories/${category.id}/attributes/${a.id}`, { method: 'DELETE' });
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-label={t('adm.attr.title')}>
      <h3>{t('adm.attr.title')}</h3>
      <ErrorBanner error={error} />
      {attributes.length ? (
        <ul className="plain-list">
          {attributes.map((a) => (
            <li key={a.id}>
              <code>{a.code}</code> · {a.datatype} · {a.description}
              {a.required ? ` · ${t('adm.attr.required')}` : ''}{' '}
              <button type="button" className="btn btn-quiet" onClick={() => setOpen(a.id)}>
                {t('adm.edit')}
                <span className="sr-only"> {a.code}</span>
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => void remove(a)}>
                {t('svc.remove')}
                <span className="sr-only"> {a.code}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('common.none')}</p>
      )}
      <button type="button" className="btn" onClick={() => setOpen('new')}>
        {t('adm.attr.new')}
      </button>
      {open !== null ? (
        <AttributeForm
          key={String(open)}
          category={category}
          attribute={open === 'new' ? null : (attributes.find((a) => a.id === open) ?? null)}
          onSaved={onChanged}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}
