/**
 * 派单规则 Routing rules: category × area → a unit, or "the town of the
 * area"; the most specific rule with the highest priority wins at intake.
 * Filter by category, area or unit; create, edit, delete.
 */
import { useState } from 'react';
import type { RoutingRule } from '../../api/admin-types';
import { api } from '../../api/client';
import { useLoad, useReference } from '../../api/hooks';
import type { Reference } from '../../api/types';
import { ErrorBanner, Loading } from '../../components/feedback';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { townsOf } from '../citizen/places';
import { type Errors, FormShell, intError, useSelection, useSubmit, useValues } from './admin-kit';

const PAGE = 50;

function useNames(ref: Reference | null) {
  const { lang } = useI18n();
  const category = (id: number | null) => {
    const c = ref?.categories.find((x) => x.id === id);
    return c ? (lang === 'zh' ? c.name : c.nameEn) : null;
  };
  const unit = (id: number | null) => {
    const u = ref?.units.find((x) => x.id === id);
    return u ? (lang === 'zh' ? u.name : u.nameEn) : null;
  };
  const area = (code: string | null) => ref?.areas.find((a) => a.code === code)?.name ?? code;
  return { category, unit, area };
}

function RuleForm({
  rule,
  onSaved,
  onCancel,
}: {
  rule: RoutingRule | null;
  onSaved(): void;
  onCancel(): void;
}) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const [v, patch] = useValues({
    categoryId: rule?.categoryId ? String(rule.categoryId) : '',
    areaCode: rule?.areaCode ?? '',
    unitId: rule?.unitId ? String(rule.unitId) : '',
    toTownship: rule?.toTownship ?? false,
    priority: String(rule?.priority ?? 0),
    note: rule?.note ?? '',
  });
  const state = useSubmit();
  const leaves = (ref.data?.categories ?? []).filter((c) => c.level === 2);
  const submit = () =>
    state.run(
      (): Errors => ({
        unitId: v.toTownship || v.unitId ? undefined : t('adm.route.target'),
        priority: intError(t, t('adm.route.priority'), v.priority, 0, 1000),
      }),
      async () => {
        const body = {
          categoryId: v.categoryId ? Number(v.categoryId) : null,
          areaCode: v.areaCode || null,
          unitId: v.toTownship ? null : Number(v.unitId),
          toTownship: v.toTownship,
          priority: Number(v.priority),
          note: v.note.trim() || null,
        };
        if (rule) await api(`/api/admin/routing-rules/${rule.id}`, { method: 'PATCH', body });
        else await api('/api/admin/routing-rules', { body });
        onSaved();
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={rule ? t('adm.route.edit', { id: rule.id }) : t('adm.route.new')}
      testId="routing-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      state={state}
    >
      <SelectField
        label={t('ticket.category')}
        value={v.categoryId}
        onChange={(x) => patch({ categoryId: x })}
        placeholder={t('adm.route.anyCategory')}
        options={leaves.map((c) => ({ value: String(c.id), label: lang === 'zh' ? c.name : c.nameEn }))}
        error={state.errors.categoryId}
        name="categoryId"
      />
      <SelectField
        label={t('ticket.area')}
        value={v.areaCode}
        onChange={(x) => patch({ areaCode: x })}
        placeholder={t('adm.route.anyArea')}
        options={townsOf(ref.data?.areas ?? []).map((a) => ({ value: a.code, label: a.name }))}
        error={state.errors.areaCode}
        name="areaCode"
      />
      <CheckboxField
        label={t('adm.route.toTownship')}
        checked={v.toTownship}
        onChange={(x) => patch({ toTownship: x })}
        name="toTownship"
      />
      {v.toTownship ? null : (
        <SelectField
          label={t('field.unit')}
          required
          value={v.unitId}
          onChange={(x) => patch({ unitId: x })}
          placeholder={t('field.choose')}
          options={(ref.data?.units ?? [])
            .filter((u) => u.peerGroup !== 'centre')
            .map((u) => ({ value: String(u.id), label: lang === 'zh' ? u.name : u.nameEn }))}
          error={state.errors.unitId}
          name="unitId"
        />
      )}
      <div className="grid-2">
        <TextField
          label={t('adm.route.priority')}
          inputMode="numeric"
          value={v.priority}
          onChange={(x) => patch({ priority: x })}
          error={state.errors.priority}
          maxLength={4}
          name="priority"
        />
        <TextField
          label={t('field.comment')}
          value={v.note}
          onChange={(x) => patch({ note: x })}
          error={state.errors.note}
          maxLength={500}
          name="note"
        />
      </div>
    </FormShell>
  );
}

export function RoutingSection() {
  const { t } = useI18n();
  const ref = useReference();
  const names = useNames(ref.data);
  const [filter, setFilter] = useState({ categoryId: '', areaCode: '' });
  const [offset, setOffset] = useState(0);
  const [tick, setTick] = useState(0);
  const list = useLoad(
    (signal) =>
      api<{ items: RoutingRule[]; total: number }>('/api/admin/routing-rules', {
        query: { ...filter, limit: PAGE, offset },
        signal,
      }),
    [filter.categoryId, filter.areaCode, offset, tick],
  );
  const sel = useSelection<number>();
  const [error, setError] = useState<unknown>(null);
  const current = list.data?.items.find((r) => r.id === sel.selected) ?? null;
  const remove = async (r: RoutingRule) => {
    setError(null);
    try {
      await api(`/api/admin/routing-rules/${r.id}`, { method: 'DELETE' });
      setTick((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  const total = list.data?.total ?? 0;
  return (
    <div className="stack">
      <div className="inline-form">
        <SelectField
          label={t('ticket.category')}
          value={filter.categoryId}
          onChange={(x) => {
            setOffset(0);
            setFilter((f) => ({ ...f, categoryId: x }));
          }}
          placeholder={t('common.all')}
          options={(ref.data?.categories ?? [])
            .filter((c) => c.level === 2)
            .map((c) => ({ value: String(c.id), label: names.category(c.id) ?? c.code }))}
          name="filterCategory"
        />
        <SelectField
          label={t('ticket.area')}
          value={filter.areaCode}
          onChange={(x) => {
            setOffset(0);
            setFilter((f) => ({ ...f, areaCode: x }));
          }}
          placeholder={t('common.all')}
          options={townsOf(ref.data?.areas ?? []).map((a) => ({ value: a.code, label: a.name }))}
          name="filterArea"
        />
      </div>
      <ErrorBanner error={list.error ?? error} />
      {list.loading && !list.data ? <Loading /> : null}
      <div className="table-scroll">
        <table className="tickets" data-testid="routing-rules">
          <caption>{t('adm.route.count', { n: total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ticket.category')}</th>
              <th scope="col">{t('ticket.area')}</th>
              <th scope="col">{t('field.unit')}</th>
              <th scope="col">{t('adm.route.priority')}</th>
              <th scope="col">{t('field.comment')}</th>
              <th scope="col">
                <span className="sr-only">{t('adm.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((r) => (
              <tr key={r.id} className={sel.selected === r.id ? 'selected' : undefined}>
                <td>{names.category(r.categoryId) ?? t('adm.route.anyCategory')}</td>
                <td>{r.areaCode ? names.area(r.areaCode) : t('adm.route.anyArea')}</td>
                <td>{r.toTownship ? t('adm.route.toTownship') : (names.unit(r.unitId) ?? '—')}</td>
                <td>{r.priority}</td>
                <td>{r.note ?? ''}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-quiet" onClick={() => sel.open(r.id)}>
                    {t('adm.edit')}
                    <span className="sr-only"> #{r.id}</span>
                  </button>
                  <button type="button" className="btn btn-quiet" onClick={() => void remove(r)}>
                    {t('adm.delete')}
                    <span className="sr-only"> #{r.id}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="actions-row">
        <button
          type="button"
          className="btn"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE))}
        >
          {t('adm.prev')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={offset + PAGE >= total}
          onClick={() => setOffset(offset + PAGE)}
        >
          {t('adm.next')}
        </button>
        <button type="button" className="btn" onClick={() => sel.open('new')}>
          {t('adm.route.new')}
        </button>
      </p>
      {sel.selected !== null ? (
        <RuleForm
          key={String(sel.selected)}
          rule={sel.selected === 'new' ? null : current}
          onSaved={() => setTick((n) => n + 1)}
          onCancel={sel.close}
        />
      ) : null}
    </div>
  );
}
