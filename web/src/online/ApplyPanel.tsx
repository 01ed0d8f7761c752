/**
 * 在线申请 Starting an application from a matter's guide. A signed-in
 * citizen gives the applicant's name (and ID and phone); a village agent
 * picks the villager's authorisation for this matter (or records one
 * first); anyone else is told who can apply and how to sign in. The draft
 * is made with an idempotency key, so a double click makes one draft.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, newIdempotencyKey } from '../api/client';
import { useLoad } from '../api/hooks';
import type { Application, Authorisation, MatterGuide } from '../api/services-types';
import { loginPath, useSession } from '../auth/session';
import { useDraft } from '../components/draft';
import { ErrorBanner, ValidationSummary } from '../components/feedback';
import { RadioGroup, SelectField, TextField } from '../components/fields';
import { useI18n } from '../i18n';
import { hasErrors, PHONE_RE } from '../pages/citizen/validate';

interface ApplicantDraft {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
  phone: string;
  key: string;
}

function CitizenApply({ guide }: { guide: MatterGuide }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [d, patch, reset] = useDraft<ApplicantDraft>(`svc-apply-${guide.code}`, {
    kind: guide.applicantKind === 'organisation' ? 'organisation' : 'person',
    name: '',
    idNumber: '',
    phone: '',
    key: '',
  });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setServerError(null);
    const e = {
      name: d.name.trim() ? undefined : t('v.required', { field: t('svc.applicantName') }),
      phone: d.phone.trim() && !PHONE_RE.test(d.phone.trim()) ? t('v.phone') : undefined,
    };
    setErrors(e);
    if (hasErrors(e)) return;
    const key = d.key || newIdempotencyKey();
    if (!d.key) patch({ key });
    setBusy(true);
    try {
      const created = await api<Application>('/api/services/applications', {
        idempotencyKey: key,
        body: {
          matterCode: guide.code,
          applicant: {
            kind: d.kind,
            name: d.name.trim(),
            idNumber: d.idNumber.trim() || null,
            phone: d.phone.trim() || null,
          },
        },
      });
      reset();
      navigate(`/services/applications/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) patch({ key: '' });
      setServerError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate data-testid="apply-form">
      <ValidationSummary errors={errors} />
      <ErrorBanner error={serverError} kept />
      {guide.applicantKind === 'both' ? (
        <RadioGroup
          legend={t('svc.applicantKind')}
          name="kind"
          value={d.kind}
          onChange={(v) => patch({ kind: v === 'organisation' ? 'organisation' : 'person' })}
          options={[
            { value: 'person', label: t('svc.kindPerson') },
            { value: 'organisation', label: t('svc.kindOrganisation') },
          ]}
        />
      ) : null}
      <TextField
        label={d.kind === 'organisation' ? t('svc.organisationName') : t('svc.applicantName')}
        required
        value={d.name}
        onChange={(v) => patch({ name: v })}
        error={errors.name}
        maxLength={100}
        name="applicantName"
        autoComplete={d.kind === 'person' ? 'name' : 'organization'}
      />
      <TextField
        label={d.kind === 'organisation' ? t('svc.creditCode') : t('svc.idNumber')}
        hint={t('svc.idNumberHint')}
        value={d.idNumber}
        onChange={(v) => patch({ idNumber: v })}
        maxLength={30}
        name="applicantId"
        autoComplete="off"
      />
      <TextField
        label={t('field.phone')}
        type="tel"
        inputMode="tel"
        hint={t('svc.phoneHint')}
        value={d.phone}
        onChange={(v) => patch({ phone: v })}
        error={errors.phone}
        maxLength={32}
        name="applicantPhone"
        autoComplete="tel"
      />
      <button type="submit" className="btn btn-primary btn-big" disabled={busy} data-testid="apply-submit">
        {t('svc.startApplication')}
      </button>
    </form>
  );
}

function AgentApply({ guide }: { guide: MatterGuide }) {
  const { t, fmtDateTime } = useI18n();
  const navigate = useNavigate();
  const list = useLoad(
    (signal) => api<{ items: Authorisation[] }>('/api/services/authorisations', { signal }),
    [],
  );
  const usable = (list.data?.items ?? []).filter(
    (a) => a.matter?.code === guide.code && a.status === 'active',
  );
  const [picked, setPicked] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setServerError(null);
    if (!picked) return setError(t('v.choose', { field: t('va.authorisation') }));
    setError(undefined);
    setBusy(true);
    try {
      const created = await api<Application>('/api/services/applications', {
        idempotencyKey: newIdempotencyKey(),
        body: { matterCode: guide.code, authorisationId: Number(picked) },
      });
      navigate(`/services/applications/${created.id}`);
    } catch (err) {
      setServerError(err);
    } finally {
      setBusy(false);
    }
  };

  if (list.data && usable.length === 0)
    return (
      <p>
        {t('va.noAuthorisation')}{' '}
        <Link className="btn btn-primary" to={`/services/agent?matter=${encodeURIComponent(guide.code)}`}>
          {t('va.record')}
        </Link>
      </p>
    );
  return (
    <form className="stack" onSubmit={submit} noValidate data-testid="agent-apply-form">
      <ErrorBanner error={serverError ?? list.error} kept />
      <SelectField
        label={t('va.authorisation')}
        required
        value={picked}
        onChange={setPicked}
        placeholder={t('field.choose')}
        error={error}
        options={usable.map((a) => ({
          value: String(a.id),
          label: `${a.villager.name} · ${a.villager.phone} · ${t('va.until', { at: fmtDateTime(a.validUntil) })}`,
        }))}
        name="authorisationId"
      />
      <button
        type="submit"
        className="btn btn-primary btn-big"
        disabled={busy}
        data-testid="agent-apply-submit"
      >
        {t('va.fileFor')}
      </button>
    </form>
  );
}

export function ApplyPanel({ guide }: { guide: MatterGuide }) {
  const { t } = useI18n();
  const { user, checking } = useSession();
  let body: React.ReactNode;
  if (!guide.active) body = <p className="banner banner-warn">{t('svc.inactive')}</p>;
  else if (checking) body = null;
  else if (!user)
    body = (
      <p>
        {t('svc.signInToApply')}{' '}
        <Link
          className="btn btn-primary"
          to={loginPath(`/services/matters/${guide.code}`, false)}
          data-testid="sign-in-to-apply"
        >
          {t('svc.signIn')}
        </Link>
      </p>
    );
  else if (user.role === 'citizen') body = <CitizenApply guide={guide} />;
  else if (user.role === 'village_agent') body = <AgentApply guide={guide} />;
  else body = <p className="hint">{t('svc.onlyApplicants')}</p>;
  return (
    <section className="panel apply" aria-labelledby="apply-title" data-testid="apply-panel">
      <h2 id="apply-title">{t('svc.apply')}</h2>
      {guide.fullyOnline ? <p className="hint">{t('svc.fullyOnlineHint')}</p> : null}
      {body}
    </section>
  );
}
