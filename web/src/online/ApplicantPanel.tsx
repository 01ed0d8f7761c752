/**
 * What the applicant (or the village agent filing for a villager) does with
 * an application: read a correction notice (补正) item by item, fill in the
 * form, upload materials, save, submit or resubmit, withdraw; then download
 * the certificate and rate the service. Which of these is offered comes
 * from `actions` the server computed from the shared policy table. What is
 * typed survives a refusal, a reload and a sign-in after an expired session.
 */
import { COMPLETED_STATUSES } from '@domain/applications';
import { useState } from 'react';
import { ApiError, api } from '../api/client';
import type { Application } from '../api/services-types';
import { useDraft } from '../components/draft';
import { ErrorBanner, Success, ValidationSummary } from '../components/feedback';
import { TextArea } from '../components/fields';
import { useI18n } from '../i18n';
import { CertificateCard } from './CertificateCard';
import { CorrectionNotice, flaggedOf } from './CorrectionNotice';
import { FormValues } from './FormValues';
import { Materials } from './Materials';
import { RatingForm, RatingSummary } from './RatingForm';
import { SchemaForm } from './SchemaForm';
import { checkDraft, draftOf, type FormDraft, fieldErrors } from './schema-form';

export interface PanelProps {
  app: Application;
  /** the server answered with the application after a change */
  onUpdated(app: Application): void;
  /** something changed beside this screen (a file, a stale version): fetch again */
  onReload(): void;
}

function WithdrawForm({ app, onUpdated }: Pick<PanelProps, 'app' | 'onUpdated'>) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!open)
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="withdraw-open">
        {t('svc.withdraw')}
      </button>
    );
  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    try {
      onUpdated(
        await api<Application>(`/api/services/applications/${app.id}/withdraw`, {
          body: { expectedVersion: app.version, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        }),
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="action-form stack" onSubmit={submit} noValidate>
      <h3>{t('svc.withdraw')}</h3>
      <p className="hint">{t('svc.withdrawHint')}</p>
      <ErrorBanner error={error} kept />
      <TextArea
        label={t('field.reason')}
        value={reason}
        onChange={setReason}
        rows={2}
        maxLength={2000}
        name="reason"
      />
      <div className="actions-row">
        <button type="submit" className="btn btn-primary">
          {t('svc.withdrawConfirm')}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function ApplicantPanel({ app, onUpdated, onReload }: PanelProps) {
  const { t, lang } = useI18n();
  const can = (a: Application['actions'][number]) => app.actions.includes(a);
  const [draft, patch, reset] = useDraft<FormDraft>(
    `svc-form-${app.id}-${app.round}`,
    draftOf(app.schema, app.form),
  );
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const correcting = app.status === 'correction_requested' && app.correction !== null;
  const missing = app.materials.filter((m) => m.required && m.files.length === 0);
  // the materials complaint lasts only while a required material is still missing
  const shown = missing.length ? errors : { ...errors, _materials: undefined };
  const flagged =
    correcting && app.correction ? flaggedOf(app.correction.items) : { fields: {}, materials: {} };

  /** Saves the form (partial check), and returns the application as the server now has it. */
  const save = async (current: Application): Promise<Application | null> => {
    const { values, errors: e } = checkDraft(app.schema, draft, true, t, lang);
    setErrors(e);
    if (Object.keys(e).length) return null;
    return api<Application>(`/api/services/applications/${app.id}/form`, {
      method: 'PUT',
      body: { form: values, expectedVersion: current.version },
    });
  };

  const run = async (what: 'save' | 'submit') => {
    setServerError(null);
    setNotice(null);
    if (what === 'submit') {
      const { errors: e } = checkDraft(app.schema, draft, false, t, lang);
      if (missing.length)
        e._materials = t('svc.materialsMissing', { names: missing.map((m) => m.name[lang]).join('、') });
      setErrors(e);
      if (Object.keys(e).length) return;
    }
    setBusy(true);
    try {
      const saved = await save(app);
      if (!saved) return;
      if (what === 'save') {
        onUpdated(saved);
        setNotice(t('svc.saved'));
        return;
      }
      const submitted = await api<Application>(`/api/services/applications/${app.id}/submit`, {
        body: { expectedVersion: saved.version },
      });
      reset();
      onUpdated(submitted);
    } catch (e) {
      setServerError(e);
      if (e instanceof ApiError) {
        if (e.code === 'FORM_INVALID') setErrors(fieldErrors(app.schema, e.fields, t, lang));
        if (e.code === 'APPLICATION_CHANGED') onReload();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="applicant-panel">
      {correcting && app.correction ? <CorrectionNotice app={app} correction={app.correction} /> : null}
      {app.certificate ? <CertificateCard certificate={app.certificate} /> : null}
      {app.rating ? <RatingSummary rating={app.rating} /> : null}
      {!app.rating && COMPLETED_STATUSES.includes(app.status) ? (
        <RatingForm applicationId={app.id} onRated={onReload} />
      ) : null}
      <section className="panel" aria-labelledby="form-title">
        <h2 id="form-title">{t('svc.form')}</h2>
        {can('edit') ? (
          <>
            <ValidationSummary errors={shown} />
            <ErrorBanner error={serverError} kept />
            {notice ? <Success>{notice}</Success> : null}
            <SchemaForm
              schema={app.schema}
              draft={draft}
              onChange={(name, value) => {
                patch({ [name]: value });
                // a field being corrected stops showing the old complaint
                if (errors[name]) setErrors(({ [name]: _, ...rest }) => rest);
              }}
              errors={errors}
              flagged={flagged.fields}
            />
          </>
        ) : (
          <FormValues schema={app.schema} form={app.form} />
        )}
      </section>
      <Materials
        applicationId={app.id}
        materials={app.materials}
        canUpload={can('upload')}
        canRemove={can('remove_file')}
        flagged={flagged.materials}
        onChanged={onReload}
      />
      {can('edit') || can('submit') || can('withdraw') ? (
        <div className="actions-row sticky-actions">
          {can('edit') ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void run('save')}
              data-testid="save-draft"
            >
              {t('svc.saveDraft')}
            </button>
          ) : null}
          {can('submit') ? (
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void run('submit')}
              data-testid="submit-application"
            >
              {correcting ? t('svc.resubmit') : t('svc.submit')}
            </button>
          ) : null}
          {can('withdraw') ? <WithdrawForm app={app} onUpdated={onUpdated} /> : null}
        </div>
      ) : null}
    </div>
  );
}
