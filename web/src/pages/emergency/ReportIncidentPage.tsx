/**
 * 报告突发事件 Report an incident: what happened, how grave, where, and who
 * leads. POST /api/incidents notifies the first link of the level's chain
 * in the same transaction, so on success the officer lands on the new
 * incident's page and sees whom it went to. The server's words for a
 * refusal (unknown type, a role that may not report) show in the banner.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { IncidentDetail } from '../../api/emergency-types';
import { useReference } from '../../api/hooks';
import { ErrorBanner, Loading, ValidationSummary } from '../../components/feedback';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/fields';
import {
  EMPTY_KIND,
  factsOf,
  type IncidentKind,
  IncidentKindFields,
} from '../../emergency/IncidentKindFields';
import { EMPTY_PLACE, type IncidentPlace, IncidentPlaceFields } from '../../emergency/IncidentPlaceFields';
import { useI18n } from '../../i18n';
import '../../styles/emergency.css';

export default function ReportIncidentPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const ref = useReference();
  const [kind, setKind] = useState<IncidentKind>(EMPTY_KIND);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState<IncidentPlace>(EMPTY_PLACE);
  const [leadUnitId, setLeadUnitId] = useState('');
  const [drill, setDrill] = useState(false);
  // errors show from the first attempt on, and follow the fields as they are corrected
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const facts = factsOf(kind);
  const found = {
    type: kind.type ? undefined : t('v.choose', { field: t('em.type') }),
    title: title.trim() ? undefined : t('v.required', { field: t('emr.title') }),
    facts: facts ? undefined : t('emr.factInvalid'),
  };
  const errors: Partial<typeof found> = tried ? found : {};

  const submit = async () => {
    setError(null);
    setTried(true);
    if (Object.values(found).some(Boolean) || !facts) return;
    setBusy(true);
    try {
      const created = await api<IncidentDetail>('/api/incidents', {
        body: {
          type: kind.type,
          level: kind.level || undefined,
          title: title.trim(),
          description: description.trim() || undefined,
          facts: Object.keys(facts).length ? facts : undefined,
          areaCode: place.village || place.town || undefined,
          address: place.address.trim() || undefined,
          lat: place.lat ?? undefined,
          lng: place.lng ?? undefined,
          leadUnitId: leadUnitId ? Number(leadUnitId) : undefined,
          drill,
        },
      });
      navigate(`/emergency/${created.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <section className="page" data-testid="incident-report-page">
      <p>
        <Link to="/emergency">← {t('em.back')}</Link>
      </p>
      <h1>{t('emr.heading')}</h1>
      <p className="hint">{t('emr.intro')}</p>
      <form
        className="stack"
        noValidate
        aria-label={t('emr.heading')}
        data-testid="incident-report-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ErrorBanner error={error} kept />
        <ValidationSummary errors={errors} />
        <IncidentKindFields kind={kind} onChange={setKind} typeRequired typeError={errors.type} />
        <TextField
          label={t('emr.title')}
          required
          hint={t('emr.titleHint')}
          value={title}
          onChange={setTitle}
          error={errors.title}
          maxLength={200}
          name="title"
        />
        <TextArea
          label={t('em.description')}
          value={description}
          onChange={setDescription}
          rows={4}
          maxLength={5000}
          name="description"
        />
        {ref.loading ? <Loading /> : <ErrorBanner error={ref.error} />}
        <IncidentPlaceFields areas={ref.data?.areas ?? []} place={place} onChange={setPlace} />
        <SelectField
          label={t('em.leadUnit')}
          hint={t('emr.leadUnitHint')}
          value={leadUnitId}
          onChange={setLeadUnitId}
          placeholder={t('emr.leadUnitAuto')}
          options={(ref.data?.units ?? []).map((u) => ({
            value: String(u.id),
            label: lang === 'zh' ? u.name : u.nameEn,
          }))}
          name="leadUnitId"
        />
        <CheckboxField
          label={t('emr.drill')}
          hint={t('emr.drillHint')}
          checked={drill}
          onChange={setDrill}
          name="drill"
        />
        <div className="actions-row">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy}
            data-testid="incident-report-submit"
          >
            {t('emr.submit')}
          </button>
          <Link className="btn" to="/emergency">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
