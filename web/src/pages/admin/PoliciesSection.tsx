/**
 * 时限规则 Deadline policies: each clock as a duration ('30m', '2h', '7d'),
 * calendar or working time, and the share of time that raises the yellow
 * card. Checked here with the domain's own parser and `validatePolicy`
 * (sign ≤ response ≤ reply ≤ complex reply), so most mistakes never reach
 * the server; what the server still refuses is shown beside its field.
 */
import { parseDuration } from '@domain/calendar';
import { type DeadlinePolicy, validatePolicy } from '@domain/deadlines';
import { AppError } from '@domain/errors';
import type { Policy } from '../../api/admin-types';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { RadioGroup, TextField } from '../../components/fields';
import { type MessageKey, useI18n } from '../../i18n';
import { type Errors, FormShell, required, useSelection, useSubmit, useValues } from './admin-kit';

const DURATIONS = ['sign', 'response', 'reply', 'replyComplex', 'returnWindow', 'callback'] as const;
type DurationKey = (typeof DURATIONS)[number];
const LABEL: Record<DurationKey, MessageKey> = {
  sign: 'adm.pol.sign',
  response: 'adm.pol.response',
  reply: 'adm.pol.reply',
  replyComplex: 'adm.pol.replyComplex',
  returnWindow: 'adm.pol.returnWindow',
  callback: 'adm.pol.callback',
};

interface PolicyValues extends Record<DurationKey, string> {
  code: string;
  name: string;
  nameEn: string;
  mode: 'calendar' | 'working';
  yellowAt: string;
}

function valuesOf(p: Policy | null): PolicyValues {
  return {
    code: p?.code ?? '',
    name: p?.name ?? '',
    nameEn: p?.nameEn ?? '',
    mode: p?.mode ?? 'calendar',
    sign: p?.sign ?? '',
    response: p?.response ?? '',
    reply: p?.reply ?? '',
    replyComplex: p?.replyComplex ?? '',
    returnWindow: p?.returnWindow ?? '',
    callback: p?.callback ?? '',
    yellowAt: p ? String(p.yellowAt) : '0.75',
  };
}

/** Client check: every duration readable, then the domain's rules of the whole policy. */
function checkPolicy(v: PolicyValues, t: ReturnType<typeof useI18n>['t']): Errors {
  const e: Errors = {
    code: required(t, t('admin.code'), v.code) ?? (/\s/.test(v.code) ? t('adm.noSpaces') : undefined),
    name: required(t, t('admin.name'), v.name),
    nameEn: required(t, t('admin.nameEn'), v.nameEn),
  };
  const specs: Partial<Record<DurationKey, ReturnType<typeof parseDuration>>> = {};
  for (const k of DURATIONS) {
    if (k === 'replyComplex' && !v[k].trim()) continue;
    try {
      specs[k] = parseDuration(v[k]);
    } catch {
      e[k] = t('adm.pol.duration', { field: t(LABEL[k]) });
    }
  }
  const yellow = Number(v.yellowAt);
  if (!(yellow > 0 && yellow < 1)) e.yellowAt = t('adm.pol.yellowRange');
  if (Object.values(e).some(Boolean)) return e;
  const policy: DeadlinePolicy = {
    code: v.code,
    name: v.name,
    nameEn: v.nameEn,
    mode: v.mode,
    sign: specs.sign as DeadlinePolicy['sign'],
    response: specs.response as DeadlinePolicy['response'],
    reply: specs.reply as DeadlinePolicy['reply'],
    replyComplex: specs.replyComplex ?? null,
    returnWindow: specs.returnWindow as DeadlinePolicy['returnWindow'],
    callback: specs.callback as DeadlinePolicy['callback'],
    yellowAt: yellow,
  };
  try {
    validatePolicy(policy);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    for (const f of err.fields) {
      const key = f.path as DurationKey;
      if (f.code === 'too_short' && key in LABEL) e[key] = t('adm.pol.tooShort', { field: t(LABEL[key]) });
      else e[f.path] = f.message;
    }
  }
  return e;
}

function PolicyForm({
  policy,
  onSaved,
  onCancel,
}: {
  policy: Policy | null;
  onSaved(p: Policy): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [v, patch] = useValues(valuesOf(policy));
  const state = useSubmit();
  const submit = () =>
    state.run(
      () => checkPolicy(v, t),
      async () => {
        const body = {
          name: v.name.trim(),
          nameEn: v.nameEn.trim(),
          mode: v.mode,
          sign: v.sign.trim(),
          response: v.response.trim(),
          reply: v.reply.trim(),
          replyComplex: v.replyComplex.trim() || null,
          returnWindow: v.returnWindow.trim(),
          callback: v.callback.trim(),
          yellowAt: Number(v.yellowAt),
        };
        const saved = policy
          ? await api<Policy>(`/api/admin/policies/${encodeURIComponent(policy.code)}`, {
              method: 'PATCH',
              body,
            })
          : await api<Policy>('/api/admin/policies', { body: { code: v.code.trim(), ...body } });
        onSaved(saved);
        return t('adm.saved');
      },
    );
  return (
    <FormShell
      title={policy ? t('adm.editOf', { name: policy.name }) : t('adm.pol.new')}
      testId="policy-form"
      submit={t('adm.save')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      state={state}
    >
      {policy ? null : (
        <TextField
          label={t('admin.code')}
          required
          value={v.code}
          onChange={(x) => patch({ code: x })}
          error={state.errors.code}
          maxLength={64}
          name="code"
        />
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
      </div>
      <RadioGroup
        legend={t('adm.pol.mode')}
        name="mode"
        value={v.mode}
        onChange={(x) => patch({ mode: x === 'working' ? 'working' : 'calendar' })}
        error={state.errors.mode}
        options={[
          { value: 'calendar', label: t('adm.pol.calendar') },
          { value: 'working', label: t('adm.pol.working') },
        ]}
      />
      <div className="grid-3">
        {DURATIONS.map((k) => (
          <TextField
            key={k}
            label={t(LABEL[k])}
            required={k !== 'replyComplex'}
            hint={t('adm.pol.durationHint')}
            value={v[k]}
            onChange={(x) => patch({ [k]: x })}
            error={state.errors[k]}
            maxLength={20}
            name={k}
          />
        ))}
      </div>
      <TextField
        label={t('adm.pol.yellowAt')}
        required
        hint={t('adm.pol.yellowHint')}
        inputMode="decimal"
        value={v.yellowAt}
        onChange={(x) => patch({ yellowAt: x })}
        error={state.errors.yellowAt}
        maxLength={6}
        name="yellowAt"
      />
    </FormShell>
  );
}

export function PoliciesSection() {
  const { t } = useI18n();
  const list = useLoad(
    (signal) => api<{ items: Policy[] }>('/api/reference/policies', { signal, fresh: true }),
    [],
  );
  const sel = useSelection<string>();
  const current = list.data?.items.find((p) => p.code === sel.selected) ?? null;
  const saved = (p: Policy) => {
    const items = list.data?.items ?? [];
    list.set({
      items: items.some((x) => x.code === p.code)
        ? items.map((x) => (x.code === p.code ? p : x))
        : [...items, p],
    });
  };
  if (list.loading && !list.data) return <Loading />;
  return (
    <div className="stack">
      <ErrorBanner error={list.error} />
      <div className="table-scroll">
        <table className="tickets" data-testid="policies">
          <caption className="sr-only">{t('admin.policies')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.code')}</th>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('adm.pol.mode')}</th>
              {DURATIONS.map((k) => (
                <th key={k} scope="col">
                  {t(LABEL[k])}
                </th>
              ))}
              <th scope="col">{t('adm.pol.yellowAt')}</th>
              <th scope="col">
                <span className="sr-only">{t('adm.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((p) => (
              <tr
                key={p.code}
                data-policy={p.code}
                className={sel.selected === p.code ? 'selected' : undefined}
              >
                <td>{p.code}</td>
                <td>
                  {p.name}
                  <span className="sub">{p.nameEn}</span>
                </td>
                <td>{p.mode === 'working' ? t('adm.pol.working') : t('adm.pol.calendar')}</td>
                {DURATIONS.map((k) => (
                  <td key={k} data-measure={k}>
                    {p[k] ?? '—'}
                  </td>
                ))}
                <td>{p.yellowAt}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-quiet"
                    onClick={() => sel.open(p.code)}
                    data-testid="edit-policy"
                  >
                    {t('adm.edit')}
                    <span className="sr-only"> {p.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" className="btn" onClick={() => sel.open('new')}>
          {t('adm.pol.new')}
        </button>
      </p>
      {sel.selected ? (
        <PolicyForm
          key={String(sel.selected)}
          policy={sel.selected === 'new' ? null : current}
          onSaved={saved}
          onCancel={sel.close}
        />
      ) : null}
    </div>
  );
}
