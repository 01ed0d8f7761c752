/**
 * 紧急工单转突发事件 On the staff ticket page: raise the urgent ticket as an
 * incident in one action (POST /api/tickets/:id/escalate-incident). Shown
 * only to roles the report rule allows (INCIDENT_REPORTERS, the table the
 * API checks). Opening it asks GET /incident-suggestion what the ticket's
 * words point to, so the type comes filled in, and says when the ticket
 * already belongs to an incident instead of raising a second one.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { IncidentDetail } from '../api/emergency-types';
import { useLoad } from '../api/hooks';
import type { Ticket } from '../api/types';
import { useSession } from '../auth/session';
import { ErrorBanner, ValidationSummary } from '../components/feedback';
import { TextField } from '../components/fields';
import { useI18n } from '../i18n';
import { INCIDENT_REPORTERS } from './access';
import { EMPTY_KIND, factsOf, type IncidentKind, IncidentKindFields } from './IncidentKindFields';

interface Suggestion {
  type: { type: string } | null;
  linkedTo: { id: number; number: string | null } | null;
}

function EscalateForm({ ticket, onCancel }: { ticket: Ticket; onCancel(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const hint = useLoad(
    (signal) => api<Suggestion>(`/api/tickets/${ticket.id}/incident-suggestion`, { signal }),
    [ticket.id],
  );
  // null until the officer changes the type: until then the suggestion stands in
  const [kind, setKind] = useState<IncidentKind | null>(null);
  const [title, setTitle] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const shown = kind ?? { ...EMPTY_KIND, type: hint.data?.type?.type ?? '' };
  const linked = hint.data?.linkedTo;

  const submit = async () => {
    setError(null);
    const facts = factsOf(shown);
    setInvalid(facts ? undefined : t('emr.factInvalid'));
    if (!facts) return;
    setBusy(true);
    try {
      const created = await api<IncidentDetail>(`/api/tickets/${ticket.id}/escalate-incident`, {
        body: {
          type: shown.type || undefined,
          level: shown.level || undefined,
          title: title.trim() || undefined,
          facts: Object.keys(facts).length ? facts : undefined,
        },
      });
      navigate(`/emergency/${created.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form
      className="action-form stack"
      noValidate
      aria-label={t('emr.escalate')}
      data-testid="escalate-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('emr.escalate')}</h3>
      {linked ? (
        <p className="banner" data-testid="escalate-linked">
          {t('emr.alreadyLinked')}{' '}
          <Link to={`/emergency/${linked.id}`}>{linked.number ?? `#${linked.id}`}</Link>
        </p>
      ) : null}
      <ErrorBanner error={error} kept />
      <ValidationSummary errors={{ facts: invalid }} />
      <IncidentKindFields
        kind={shown}
        onChange={setKind}
        typeRequired={false}
        typeHint={t('emr.typeFromTicket')}
      />
      <TextField
        label={t('emr.title')}
        hint={t('emr.titleFromTicket')}
        placeholder={ticket.title}
        value={title}
        onChange={setTitle}
        maxLength={200}
        name="title"
      />
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="escalate-submit">
          {t('emr.escalateSubmit')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Nothing for a role that may not report, or a ticket closed as merged or invalid (the API refuses both). */
export function EscalateTicket({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  if (!user || !INCIDENT_REPORTERS.includes(user.role)) return null;
  if (ticket.state === 'merged' || ticket.state === 'invalid') return null;
  return (
    <section className="panel" aria-label={t('emr.escalate')} data-testid="escalate-panel">
      <button
        type="button"
        className={`btn${open ? ' btn-primary' : ''}`}
        aria-expanded={open}
        data-testid="escalate-incident"
        onClick={() => setOpen(!open)}
      >
        {t('emr.escalate')}
      </button>
      {open ? <EscalateForm ticket={ticket} onCancel={() => setOpen(false)} /> : null}
    </section>
  );
}
