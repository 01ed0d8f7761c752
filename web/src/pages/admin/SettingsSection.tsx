/**
 * 系统设置 Settings: the assessment weights (response, resolution,
 * satisfaction — they add up to 1), the weight of 基本满意, the baseline
 * year; the deadline sweep; the reopen and return windows. Each setting is
 * saved whole and validated again by the server.
 */

import type { Setting } from '../../api/admin-types';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { type MessageKey, useI18n } from '../../i18n';
import { type Errors, FormShell, intError, useSubmit, useValues } from './admin-kit';

type Values = Record<string, string>;

interface SettingSpec {
  key: string;
  title: MessageKey;
  fields: { path: string; label: MessageKey; kind: 'share' | 'int'; min: number; max: number }[];
  /** an extra rule over the whole setting */
  check?(v: Values, t: ReturnType<typeof useI18n>['t']): Errors;
}

const SPECS: SettingSpec[] = [
  {
    key: 'assessment',
    title: 'adm.set.assessment',
    fields: [
      { path: 'weights.response', label: 'dash.response', kind: 'share', min: 0, max: 1 },
      { path: 'weights.resolution', label: 'dash.resolution', kind: 'share', min: 0, max: 1 },
      { path: 'weights.satisfaction', label: 'dash.satisfaction', kind: 'share', min: 0, max: 1 },
      { path: 'basicallySatisfiedWeight', label: 'adm.set.basic', kind: 'share', min: 0, max: 1 },
      { path: 'baselineYear', label: 'adm.set.baseline', kind: 'int', min: 2000, max: 2100 },
    ],
    check: (v, t) => {
      const sum = ['weights.response', 'weights.resolution', 'weights.satisfaction'].reduce(
        (s, k) => s + Number(v[k]),
        0,
      );
      return {
        weights:
          Math.abs(sum - 1) < 1e-9 ? undefined : t('adm.set.sum', { sum: Math.round(sum * 1000) / 1000 }),
      };
    },
  },
  {
    key: 'sweep',
    title: 'adm.set.sweep',
    fields: [
      { path: 'superviseAfterOverdueHours', label: 'adm.set.supervise', kind: 'int', min: 1, max: 720 },
      { path: 'batchSize', label: 'adm.set.batch', kind: 'int', min: 1, max: 10_000 },
    ],
  },
  {
    key: 'decide_options',
    title: 'adm.set.windows',
    fields: [
      { path: 'reopenWindowDays', label: 'adm.set.reopen', kind: 'int', min: 1, max: 366 },
      { path: 'returnWindowHours', label: 'adm.set.return', kind: 'int', min: 1, max: 720 },
    ],
  },
];

function get(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

function build(spec: SettingSpec, v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const parts = f.path.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) {
      const child = (node[p] ?? {}) as Record<string, unknown>;
      node[p] = child;
      node = child;
    }
    node[parts[parts.length - 1] ?? f.path] = Number(v[f.path]);
  }
  return out;
}

function SettingForm({ spec, setting, onSaved }: { spec: SettingSpec; setting: Setting; onSaved(): void }) {
  const { t, fmtDateTime } = useI18n();
  const [v, patch] = useValues<Values>(
    Object.fromEntries(spec.fields.map((f) => [f.path, String(get(setting.value, f.path) ?? '')])),
  );
  const state = useSubmit();
  const submit = () =>
    state.run(
      () => {
        const e: Errors = {};
        for (const f of spec.fields) {
          const n = Number(v[f.path]);
          e[f.path] =
            f.kind === 'int'
              ? intError(t, t(f.label), v[f.path] ?? '', f.min, f.max)
              : (v[f.path] ?? '').trim() !== '' && n >= f.min && n <= f.max
                ? undefined
                : t('adm.range', { field: t(f.label), min: f.min, max: f.max });
        }
        return { ...e, ...(Object.values(e).some(Boolean) ? {} : spec.check?.(v, t)) };
      },
      async () => {
        await api(`/api/admin/settings/${spec.key}`, { method: 'PATCH', body: build(spec, v) });
        onSaved();
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={t(spec.title)}
      testId={`setting-${spec.key}`}
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      state={state}
    >
      {state.errors.weights ? <p className="error">{state.errors.weights}</p> : null}
      <div className="grid-3">
        {spec.fields.map((f) => (
          <TextField
            key={f.path}
            label={t(f.label)}
            required
            inputMode={f.kind === 'share' ? 'decimal' : 'numeric'}
            hint={f.kind === 'share' ? t('adm.set.shareHint') : undefined}
            value={v[f.path] ?? ''}
            onChange={(x) => patch({ [f.path]: x })}
            error={state.errors[f.path]}
            maxLength={8}
            name={f.path}
          />
        ))}
      </div>
      {setting.updatedAt ? (
        <p className="hint">{t('adm.updatedAt', { at: fmtDateTime(setting.updatedAt) })}</p>
      ) : null}
    </FormShell>
  );
}

export function SettingsSection() {
  const list = useLoad((signal) => api<{ items: Setting[] }>('/api/admin/settings', { signal }), []);
  if (list.loading && !list.data) return <Loading />;
  if (!list.data) return <ErrorBanner error={list.error} />;
  const items = list.data.items;
  return (
    <div className="stack">
      {SPECS.map((spec) => {
        const setting = items.find((s) => s.key === spec.key);
        return setting ? (
          <SettingForm key={spec.key} spec={spec} setting={setting} onSaved={list.reload} />
        ) : null;
      })}
    </div>
  );
}
