/**
 * 登记代办授权 The village agent records a villager's authorisation: for
 * which matter, who (name, phone — the SMS with the villager's own link goes
 * there — and ID), the village, how consent was given, until when (at most
 * a year). The villager can see and withdraw it from the link at any time.
 */
import { useState } from 'react';
import { ApiError, api } from '../api/client';
import { useLoad, useReference } from '../api/hooks';
import type { Authorisation, ConsentKind, MatterSummary } from '../api/services-types';
import { useDraft } from '../components/draft';
import { ErrorBanner, ValidationSummary } from '../components/feedback';
import { RadioGroup, SelectField, TextArea, TextField } from '../components/fields';
import { useI18n } from '../i18n';
import { townsOf, villagesOf } from '../pages/citizen/places';
import { hasErrors } from '../pages/citizen/validate';
import { beijingDate } from './format';

const CONSENTS: ConsentKind[] = ['signed_form', 'in_person', 'video_call'];
const MAX_DAYS = 366;

interface Draft {
  matterCode: string;
  name: string;
  phone: string;
  idNumber: string;
  town: string;
  village: string;
  consent: string;
  note: string;
  validUntil: string;
}

function dateAfter(days: number): string {
  return beijingDate(new Date(Date.now() + days * 86_400_000).toISOString());
}

export function AuthorisationForm({
  matter,
  onCreated,
}: {
  matter: string;
  onCreated(a: Authorisation): void;
}) {
  const { t, l, lang } = useI18n();
  const ref = useReference();
  const matters = useLoad(
    (signal) => api<{ items: MatterSummary[] }>('/api/services/matters', { signal }),
    [lang],
  );
  const [d, patch, reset] = useDraft<Draft>('va-authorisation', {
    matterCode: matter,
    name: '',
    phone: '',
    idNumber: '',
    town: '',
    village: '',
    consent: '',
    note: '',
    validUntil: dateAfter(90),
  });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const areas = ref.data?.areas ?? [];
  // village matters first: they are what agents file most
  const options = [...(matters.data?.items ?? [])]
    .sort((a, b) => Number(b.tags.includes('village')) - Number(a.tags.includes('village')))
    .map((m) => ({ value: m.code, label: `${l(m.name)} · ${l(m.department.name)}` }));

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setServerError(null);
    const e = {
      matterCode: d.matterCode ? undefined : t('v.choose', { field: t('svc.matter') }),
      name: d.name.trim() ? undefined : t('v.required', { field: t('va.villagerName') }),
      phone: /^1[3-9]\d{9}$/.test(d.phone.trim()) ? undefined : t('sf.format.cn-mobile'),
      consent: d.consent ? undefined : t('v.choose', { field: t('va.consent') }),
      validUntil:
        d.validUntil > dateAfter(0) && d.validUntil <= dateAfter(MAX_DAYS)
          ? undefined
          : t('va.validRange', { n: MAX_DAYS }),
    };
    setErrors(e);
    if (hasErrors(e)) return;
    setBusy(true);
    try {
      const created = await api<Authorisation>('/api/services/authorisations', {
        body: {
          matterCode: d.matterCode,
          villager: { name: d.name.trim(), phone: d.phone.trim(), idNumber: d.idNumber.trim() || null },
          areaCode: d.village || d.town || null,
          consent: d.consent,
          ...(d.note.trim() ? { note: d.note.trim() } : {}),
          // the end of that Beijing day: "valid until 31 May" means all of 31 May
          validUntil: `${d.validUntil}T23:59:59+08:00`,
        },
      });
      reset();
      onCreated(created);
    } catch (err) {
      setServerError(err);
      if (err instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const f of err.fields) byField[f.path.replace(/^body\.(villager\.)?/, '')] = f.message;
        if (Object.keys(byField).length) setErrors(byField);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel stack" onSubmit={submit} noValidate data-testid="authorisation-form">
      <h2>{t('va.record')}</h2>
      <p className="hint">{t('va.recordHint')}</p>
      <ValidationSummary errors={errors} />
      <ErrorBanner error={serverError ?? matters.error} kept />
      <SelectField
        label={t('svc.matter')}
        required
        value={d.matterCode}
        onChange={(v) => patch({ matterCode: v })}
        placeholder={t('field.choose')}
        options={options}
        error={errors.matterCode}
        name="matterCode"
      />
      <div className="grid-2">
        <TextField
          label={t('va.villagerName')}
          required
          value={d.name}
          onChange={(v) => patch({ name: v })}
          error={errors.name}
          maxLength={50}
          name="villagerName"
          autoComplete="off"
        />
        <TextField
          label={t('va.villagerPhone')}
          required
          type="tel"
          inputMode="tel"
          hint={t('va.phoneHint')}
          value={d.phone}
          onChange={(v) => patch({ phone: v })}
          error={errors.phone}
          maxLength={11}
          name="villagerPhone"
          autoComplete="off"
        />
      </div>
      <TextField
        label={t('svc.idNumber')}
        value={d.idNumber}
        onChange={(v) => patch({ idNumber: v })}
        error={errors.idNumber}
        maxLength={30}
        name="villagerId"
        autoComplete="off"
      />
      <div className="grid-2">
        <SelectField
          label={t('field.town')}
          value={d.town}
          onChange={(v) => patch({ town: v, village: '' })}
          placeholder={t('field.choose')}
          options={townsOf(areas).map((a) => ({ value: a.code, label: a.name }))}
          name="town"
        />
        <SelectField
          label={t('field.village')}
          value={d.village}
          disabled={!d.town}
          onChange={(v) => patch({ village: v })}
          placeholder={t('field.choose')}
          options={villagesOf(areas, d.town).map((a) => ({ value: a.code, label: a.name }))}
          name="village"
        />
      </div>
      <RadioGroup
        legend={t('va.consent')}
        name="consent"
        required
        value={d.consent}
        onChange={(v) => patch({ consent: v })}
        error={errors.consent}
        options={CONSENTS.map((c) => ({ value: c, label: t(`va.consent.${c}`) }))}
      />
      <TextField
        label={t('va.validUntil')}
        required
        type="date"
        hint={t('va.validRange', { n: MAX_DAYS })}
        value={d.validUntil}
        onChange={(v) => patch({ validUntil: v })}
        error={errors.validUntil}
        name="validUntil"
      />
      <TextArea
        label={t('field.comment')}
        value={d.note}
        onChange={(v) => patch({ note: v })}
        rows={2}
        maxLength={500}
        name="note"
      />
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="authorisation-submit">
        {t('va.recordSubmit')}
      </button>
    </form>
  );
}
