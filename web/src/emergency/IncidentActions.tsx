/**
 * The actions the server says this user may take on the incident now
 * (`availableActions`, from the policy table), each with the fields its
 * rule asks for: a reason where the domain table requires one, the new
 * level for 调整级别, ticket numbers for 关联工单. Every change sends the
 * version the user saw, so a stale page is refused and reloaded.
 */

import { incidentRuleFor } from '@domain/emergency/transitions';
import { INCIDENT_LEVEL_LABELS, INCIDENT_LEVELS } from '@domain/emergency/vocabulary';
import { useState } from 'react';
import { ApiError, api } from '../api/client';
import type { IncidentAction, IncidentDetail } from '../api/emergency-types';
import type { TicketPage } from '../api/types';
import { ErrorBanner, Success } from '../components/feedback';
import { SelectField, TextArea, TextField } from '../components/fields';
import { useI18n } from '../i18n';

async function ticketIdsOf(numbers: string[], t: ReturnType<typeof useI18n>['t']): Promise<number[]> {
  const ids: number[] = [];
  for (const number of numbers) {
    const page = await api<TicketPage>('/api/tickets', { query: { q: number, limit: 5 } });
    const found = page.items.find((x) => x.number === number);
    if (!found) throw new ApiError(404, 'TICKET_NOT_FOUND', t('em.ticketUnknown', { number }));
    ids.push(found.id);
  }
  return ids;
}

function ActionForm({
  incident,
  action,
  onDone,
  onCancel,
  onStale,
}: {
  incident: IncidentDetail;
  action: IncidentAction;
  onDone(updated: IncidentDetail): void;
  onCancel(): void;
  onStale(): void;
}) {
  const { t, l } = useI18n();
  const rule = incidentRuleFor(action);
  const [reason, setReason] = useState('');
  const [level, setLevel] = useState('');
  const [numbers, setNumbers] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const label = l(incident.actionLabels[action]);

  const send = async (): Promise<IncidentDetail> => {
    const base = `/api/incidents/${incident.id}`;
    const text = reason.trim() || undefined;
    switch (action) {
      case 'acknowledge':
        return (await api<{ incident: IncidentDetail }>(`${base}/acknowledge`, { body: { note: text } }))
          .incident;
      case 'change_level':
        return api<IncidentDetail>(`${base}/severity`, {
          body: { level, reason: text, expectedVersion: incident.version },
        });
      case 'link_ticket': {
        const ids = await ticketIdsOf(numbers.split(/[\s,，、]+/).filter(Boolean), t);
        return (
          await api<{ incident: IncidentDetail }>(`${base}/tickets`, {
            body: { ticketIds: ids, reason: text },
          })
        ).incident;
      }
      default:
        return api<IncidentDetail>(`${base}/${action}`, {
          body: { reason: text, expectedVersion: incident.version },
        });
    }
  };

  const submit = async () => {
    setError(null);
    const missing =
      rule.reasonRequired && !reason.trim()
        ? t('em.reasonRequired')
        : action === 'change_level' && !level
          ? t('v.choose', { field: t('em.newLevel') })
          : action === 'link_ticket' && !numbers.trim()
            ? t('v.required', { field: t('em.ticketNumbers') })
            : undefined;
    setInvalid(missing);
    if (missing) return;
    setBusy(true);
    try {
      onDone(await send());
    } catch (e) {
      setError(e);
      // a conflict (stale version, already acknowledged) means the page is behind: show the incident as it is now
      if (e instanceof ApiError && e.status === 409) onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="action-form stack"
      noValidate
      data-testid="incident-action-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{label}</h3>
      <ErrorBanner error={error} kept />
      {action === 'change_level' ? (
        <SelectField
          label={t('em.newLevel')}
          required
          value={level}
          onChange={setLevel}
          placeholder={t('field.choose')}
          options={INCIDENT_LEVELS.filter((x) => x !== incident.level).map((x) => ({
            value: x,
            label: l(INCIDENT_LEVEL_LABELS[x]),
          }))}
          error={!level ? invalid : undefined}
          name="level"
        />
      ) : null}
      {action === 'link_ticket' ? (
        <TextField
          label={t('em.ticketNumbers')}
          required
          hint={t('em.ticketNumbersHint')}
          value={numbers}
          onChange={setNumbers}
          error={!numbers.trim() ? invalid : undefined}
          maxLength={2000}
          name="ticketNumbers"
        />
      ) : null}
      <TextArea
        label={action === 'acknowledge' ? t('em.note') : t('em.reason')}
        required={rule.reasonRequired}
        value={reason}
        onChange={setReason}
        error={rule.reasonRequired && !reason.trim() ? invalid : undefined}
        rows={3}
        maxLength={action === 'acknowledge' ? 500 : 2000}
        name="reason"
      />
      <div className="actions-row">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy}
          data-testid="incident-action-submit"
        >
          {label}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function IncidentActions({
  incident,
  onChanged,
  onStale,
}: {
  incident: IncidentDetail;
  onChanged(updated: IncidentDetail): void;
  onStale(): void;
}) {
  const { t, l } = useI18n();
  const [open, setOpen] = useState<IncidentAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const actions = incident.availableActions;
  return (
    <section className="panel actions" aria-label={t('em.actions')} data-testid="incident-actions">
      <h2>{t('em.actions')}</h2>
      {done ? <Success>{done}</Success> : null}
      {actions.length === 0 ? <p>{t('em.noActions')}</p> : null}
      <div className="action-buttons">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={`btn${open === a || a === 'acknowledge' ? ' btn-primary' : ''}`}
            aria-expanded={open === a}
            data-action={a}
            onClick={() => {
              setDone(null);
              setOpen(open === a ? null : a);
            }}
          >
            {l(incident.actionLabels[a])}
          </button>
        ))}
      </div>
      {open && actions.includes(open) ? (
        <ActionForm
          key={`${open}-${incident.version}`}
          incident={incident}
          action={open}
          onCancel={() => setOpen(null)}
          onStale={onStale}
          onDone={(updated) => {
            setDone(t('em.done', { action: l(incident.actionLabels[open]) }));
            setOpen(null);
            onChanged(updated);
          }}
        />
      ) : null}
    </section>
  );
}
