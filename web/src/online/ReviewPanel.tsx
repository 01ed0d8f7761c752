/**
 * 审批 The department's side of an application: the filled-in form and the
 * materials to check, and one button per decision the server offers now
 * (`actions`, from the shared policy table): accept, do not accept, ask for
 * corrections item by item, complete a review step, approve, refuse, issue
 * the certificate. A decision on a stale screen is refused by the server
 * (`APPLICATION_CHANGED`) and the screen reloads; what was typed stays.
 */
import { APPLICATION_ACTION_LABELS, type ApplicationAction } from '@domain/applications';
import { useState } from 'react';
import { ApiError, api } from '../api/client';
import type { Application } from '../api/services-types';
import { ErrorBanner, Success, ValidationSummary } from '../components/feedback';
import { TextArea } from '../components/fields';
import { useI18n } from '../i18n';
import type { PanelProps } from './ApplicantPanel';
import { CertificateCard } from './CertificateCard';
import { CorrectionPicker, itemsOf, type PickedItems } from './CorrectionPicker';
import { FormValues } from './FormValues';
import { Materials } from './Materials';

type Decision = Extract<
  ApplicationAction,
  'accept' | 'not_accept' | 'request_correction' | 'advance' | 'approve' | 'refuse' | 'issue_certificate'
>;
const DECISIONS: readonly Decision[] = [
  'accept',
  'advance',
  'approve',
  'issue_certificate',
  'request_correction',
  'not_accept',
  'refuse',
];
const REASON: Record<Decision, 'required' | 'optional' | 'none'> = {
  accept: 'optional',
  not_accept: 'required',
  request_correction: 'required',
  advance: 'optional',
  approve: 'optional',
  refuse: 'required',
  issue_certificate: 'none',
};

function DecisionForm({
  app,
  action,
  onDone,
  onCancel,
  onStale,
}: {
  app: Application;
  action: Decision;
  onDone(app: Application): void;
  onCancel(): void;
  onStale(): void;
}) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [picked, setPicked] = useState<PickedItems>({});
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const label = APPLICATION_ACTION_LABELS[action][lang];

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setServerError(null);
    const e: Record<string, string | undefined> = {};
    if (REASON[action] === 'required' && !reason.trim())
      e.reason = t('v.required', { field: t('field.reason') });
    if (action === 'request_correction') {
      if (!Object.keys(picked).length) e.items = t('rev.itemsRequired');
      for (const [key, note] of Object.entries(picked))
        if (!note.trim()) e[key] = t('v.required', { field: t('rev.note') });
    }
    setErrors(e);
    if (Object.values(e).some(Boolean)) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = { expectedVersion: app.version };
      if (REASON[action] !== 'none' && reason.trim()) body.reason = reason.trim();
      if (action === 'request_correction') body.items = itemsOf(picked);
      onDone(
        await api<Application>(`/api/services/applications/${app.id}/${action.replaceAll('_', '-')}`, {
          body,
        }),
      );
    } catch (err) {
      setServerError(err);
      if (err instanceof ApiError && err.code === 'APPLICATION_CHANGED') onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="action-form stack" onSubmit={submit} noValidate data-testid={`decision-form-${action}`}>
      <h3>{label}</h3>
      <ValidationSummary errors={errors} />
      <ErrorBanner error={serverError} kept />
      {action === 'request_correction' ? (
        <CorrectionPicker app={app} picked={picked} onChange={setPicked} errors={errors} />
      ) : null}
      {REASON[action] !== 'none' ? (
        <TextArea
          label={action === 'request_correction' ? t('rev.correctionReason') : t('field.reason')}
          required={REASON[action] === 'required'}
          value={reason}
          onChange={setReason}
          error={errors.reason}
          rows={3}
          maxLength={2000}
          name="reason"
        />
      ) : (
        <p className="hint">{t('rev.issueHint')}</p>
      )}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="decision-submit">
          {label}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function ReviewPanel({ app, onUpdated, onReload }: PanelProps) {
  const { t, l } = useI18n();
  const [open, setOpen] = useState<Decision | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const offered = DECISIONS.filter((d) => app.actions.includes(d));
  return (
    <div className="ticket-body">
      <div className="ticket-main stack">
        {app.certificate ? <CertificateCard certificate={app.certificate} /> : null}
        <section className="panel">
          <h2>{t('svc.form')}</h2>
          <FormValues schema={app.schema} form={app.form} />
        </section>
        <Materials
          applicationId={app.id}
          materials={app.materials}
          canUpload={false}
          canRemove={false}
          onChanged={onReload}
        />
      </div>
      <aside className="ticket-side">
        <section aria-label={t('ticket.actions')} className="actions" data-testid="decisions">
          <h2>{t('ticket.actions')}</h2>
          {done ? <Success>{done}</Success> : null}
          {app.review.current ? (
            <p className="hint">{t('rev.currentStep', { step: l(app.review.current) })}</p>
          ) : null}
          {offered.length === 0 ? <p>{t('ticket.noActions')}</p> : null}
          <div className="action-buttons">
            {offered.map((d) => (
              <button
                key={d}
                type="button"
                className={`btn${open === d ? ' btn-primary' : ''}`}
                aria-expanded={open === d}
                data-decision={d}
                onClick={() => {
                  setDone(null);
                  setOpen(open === d ? null : d);
                }}
              >
                {l(APPLICATION_ACTION_LABELS[d])}
              </button>
            ))}
          </div>
          {open && offered.includes(open) ? (
            <DecisionForm
              key={open}
              app={app}
              action={open}
              onCancel={() => setOpen(null)}
              onStale={onReload}
              onDone={(updated) => {
                setDone(t('ticket.done', { action: l(APPLICATION_ACTION_LABELS[open]) }));
                setOpen(null);
                onUpdated(updated);
              }}
            />
          ) : null}
        </section>
      </aside>
    </div>
  );
}
