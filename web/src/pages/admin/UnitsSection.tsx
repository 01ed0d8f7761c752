/**
 * 单位 Units: the tree under the hotline centre (indented by depth), with a
 * form to create one, rename it or change its peer group, phone and
 * activity, move it (and its subtree) under another parent, and set the
 * areas it covers (the towns ticked, plus any village codes typed).
 */
import { useState } from 'react';
import type { AdminUnit } from '../../api/admin-types';
import { api } from '../../api/client';
import { useLoad, useReference } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { CheckboxField, CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { townsOf } from '../citizen/places';
import {
  type Errors,
  FormShell,
  required,
  useSelection,
  useSubmit,
  useValues,
  useVocabulary,
} from './admin-kit';

type Tab = 'details' | 'move' | 'areas';

function unitLabel(u: AdminUnit, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? u.name : `${u.nameEn} ${u.name}`;
}

function DetailsForm({
  unit,
  units,
  onSaved,
}: {
  unit: AdminUnit | null;
  units: AdminUnit[];
  onSaved(u: AdminUnit): void;
}) {
  const { t, l, lang } = useI18n();
  const vocab = useVocabulary();
  const [v, patch] = useValues({
    code: unit?.code ?? '',
    name: unit?.name ?? '',
    nameEn: unit?.nameEn ?? '',
    shortName: unit?.shortName ?? '',
    peerGroup: unit?.peerGroup ?? '',
    parentId: unit?.parentId ? String(unit.parentId) : '',
    phone: unit?.phone ?? '',
    active: unit?.active ?? true,
  });
  const state = useSubmit();
  const submit = () =>
    state.run(
      (): Errors => ({
        code: unit ? undefined : required(t, t('admin.code'), v.code),
        name: required(t, t('admin.name'), v.name),
        nameEn: required(t, t('admin.nameEn'), v.nameEn),
        peerGroup: v.peerGroup ? undefined : t('v.choose', { field: t('admin.group') }),
        parentId: unit || v.parentId ? undefined : t('v.choose', { field: t('adm.unit.parent') }),
      }),
      async () => {
        const common = {
          name: v.name.trim(),
          nameEn: v.nameEn.trim(),
          ...(v.shortName.trim() ? { shortName: v.shortName.trim() } : {}),
          peerGroup: v.peerGroup,
          phone: v.phone.trim() || null,
        };
        const saved = unit
          ? await api<AdminUnit>(`/api/admin/units/${unit.id}`, {
              method: 'PATCH',
              body: { ...common, active: v.active },
            })
          : await api<AdminUnit>('/api/admin/units', {
              body: { ...common, code: v.code.trim(), parentId: Number(v.parentId) },
            });
        onSaved(saved);
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={unit ? t('adm.editOf', { name: unit.name }) : t('adm.unit.new')}
      testId="unit-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      state={state}
    >
      {unit ? null : (
        <>
          <TextField
            label={t('admin.code')}
            required
            value={v.code}
            onChange={(x) => patch({ code: x })}
            error={state.errors.code}
            maxLength={64}
            name="code"
          />
          <SelectField
            label={t('adm.unit.parent')}
            required
            value={v.parentId}
            onChange={(x) => patch({ parentId: x })}
            placeholder={t('field.choose')}
            options={units.map((u) => ({
              value: String(u.id),
              label: `${'· '.repeat(u.depth)}${unitLabel(u, lang)}`,
            }))}
            error={state.errors.parentId}
            name="parentId"
          />
        </>
      )}
      <div className="grid-2">
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
        <TextField
          label={t('adm.unit.shortName')}
          value={v.shortName}
          onChange={(x) => patch({ shortName: x })}
          error={state.errors.shortName}
          maxLength={100}
          name="shortName"
        />
        <TextField
          label={t('adm.unit.phone')}
          value={v.phone}
          onChange={(x) => patch({ phone: x })}
          error={state.errors.phone}
          maxLength={40}
          name="phone"
        />
      </div>
      <SelectField
        label={t('admin.group')}
        required
        value={v.peerGroup}
        onChange={(x) => patch({ peerGroup: x })}
        placeholder={t('field.choose')}
        options={(vocab.data?.peerGroups ?? []).map((g) => ({ value: g.code, label: l(g.label) }))}
        error={state.errors.peerGroup}
        name="peerGroup"
      />
      {unit ? (
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

function MoveForm({
  unit,
  units,
  onSaved,
}: {
  unit: AdminUnit;
  units: AdminUnit[];
  onSaved(u: AdminUnit): void;
}) {
  const { t, lang } = useI18n();
  const [parentId, setParentId] = useState(unit.parentId ? String(unit.parentId) : '');
  const state = useSubmit();
  // a unit cannot move under itself or its own subtree
  const prefix = unit.path.endsWith('/') ? unit.path : `${unit.path}/`;
  const options = units.filter((u) => u.id !== unit.id && !u.path.startsWith(prefix));
  const submit = () =>
    state.run(
      () => ({ parentId: parentId ? undefined : t('v.choose', { field: t('adm.unit.parent') }) }),
      async () => {
        const r = await api<{ unit: AdminUnit; subtreeSize: number }>(`/api/admin/units/${unit.id}/move`, {
          body: { parentId: Number(parentId) },
        });
        onSaved(r.unit);
        return t('adm.unit.moved', { n: r.subtreeSize });
      },
    );
  return (
    <FormShell
      title={t('adm.unit.move')}
      testId="unit-move-form"
      submit={t('adm.unit.move')}
      onSubmit={() => void submit()}
      state={state}
    >
      <SelectField
        label={t('adm.unit.parent')}
        required
        value={parentId}
        onChange={setParentId}
        placeholder={t('field.choose')}
        options={options.map((u) => ({
          value: String(u.id),
          label: `${'· '.repeat(u.depth)}${unitLabel(u, lang)}`,
        }))}
        error={state.errors.parentId}
        name="moveParentId"
      />
    </FormShell>
  );
}

function AreasForm({ unit, onSaved }: { unit: AdminUnit; onSaved(u: AdminUnit): void }) {
  const { t } = useI18n();
  const ref = useReference();
  const towns = townsOf(ref.data?.areas ?? []);
  const townCodes = new Set(towns.map((a) => a.code));
  const [picked, setPicked] = useState(unit.areaCodes.filter((c) => townCodes.has(c) || towns.length === 0));
  const [others, setOthers] = useState(
    unit.areaCodes.filter((c) => towns.length > 0 && !townCodes.has(c)).join(', '),
  );
  const state = useSubmit();
  const submit = () => {
    const extra = others.split(/[\s,，、]+/).filter(Boolean);
    return state.run(
      () => ({ areaCodes: extra.every((c) => /^\d{6,12}$/.test(c)) ? undefined : t('adm.unit.areaCodes') }),
      async () => {
        onSaved(
          await api<AdminUnit>(`/api/admin/units/${unit.id}/areas`, {
            method: 'PUT',
            body: { areaCodes: [...new Set([...picked, ...extra])] },
          }),
        );
        return t('adm.saved');
      },
    );
  };
  return (
    <FormShell
      title={t('adm.unit.areas')}
      testId="unit-areas-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      state={state}
    >
      <CheckboxGroup
        legend={t('field.town')}
        name="towns"
        values={picked}
        onChange={setPicked}
        options={towns.map((a) => ({ value: a.code, label: a.name }))}
      />
      <TextField
        label={t('adm.unit.otherAreas')}
        hint={t('adm.unit.areaCodes')}
        value={others}
        onChange={setOthers}
        error={state.errors.areaCodes}
        name="otherAreas"
      />
    </FormShell>
  );
}

export function UnitsSection() {
  const { t, l, lang } = useI18n();
  const list = useLoad(
    (signal) =>
      api<{ items: AdminUnit[] }>('/api/reference/units', {
        query: { format: 'flat', includeInactive: true },
        signal,
        fresh: true,
      }),
    [],
  );
  const sel = useSelection<number>();
  const [tab, setTab] = useState<Tab>('details');
  const units = [...(list.data?.items ?? [])].sort((a, b) => a.path.localeCompare(b.path));
  const current = units.find((u) => u.id === sel.selected) ?? null;
  const saved = (u: AdminUnit) => {
    const items = list.data?.items ?? [];
    list.set({
      items: items.some((x) => x.id === u.id) ? items.map((x) => (x.id === u.id ? u : x)) : [...items, u],
    });
    // a move changes the paths of a whole subtree
    if (tab === 'move') list.reload();
  };
  if (list.loading && !list.data) return <Loading />;
  return (
    <div className="admin-split">
      <div className="table-scroll">
        <ErrorBanner error={list.error} />
        <table className="tickets" data-testid="units">
          <caption className="sr-only">{t('admin.units')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.code')}</th>
              <th scope="col">{t('admin.group')}</th>
              <th scope="col">{t('adm.active')}</th>
              <th scope="col">
                <span className="sr-only">{t('adm.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr
                key={u.id}
                className={sel.selected === u.id ? 'selected' : u.active ? undefined : 'inactive'}
              >
                <td style={{ paddingInlineStart: `${0.5 + u.depth}rem` }}>{unitLabel(u, lang)}</td>
                <td>{u.code}</td>
                <td>{l(u.peerGroupLabel)}</td>
                <td>{u.active ? t('common.yes') : t('common.no')}</td>
                <td>
                  <button type="button" className="btn btn-quiet" onClick={() => sel.open(u.id)}>
                    {t('adm.edit')}
                    <span className="sr-only"> {u.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="stack">
        <button type="button" className="btn" onClick={() => sel.open('new')}>
          {t('adm.unit.new')}
        </button>
        {sel.selected === 'new' ? <DetailsForm key="new" unit={null} units={units} onSaved={saved} /> : null}
        {current ? (
          <>
            <div className="tabs" role="tablist" aria-label={current.name}>
              {(['details', 'move', 'areas'] as const).map((x) => (
                <button
                  key={x}
                  type="button"
                  role="tab"
                  className="tab"
                  aria-selected={tab === x}
                  onClick={() => setTab(x)}
                >
                  {t(
                    x === 'details' ? 'adm.unit.details' : x === 'move' ? 'adm.unit.move' : 'adm.unit.areas',
                  )}
                </button>
              ))}
            </div>
            {tab === 'details' ? (
              <DetailsForm key={`d${current.id}`} unit={current} units={units} onSaved={saved} />
            ) : null}
            {tab === 'move' ? (
              <MoveForm key={`m${current.id}`} unit={current} units={units} onSaved={saved} />
            ) : null}
            {tab === 'areas' ? <AreasForm key={`a${current.id}`} unit={current} onSaved={saved} /> : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
