/**
 * The form of one ticket action: its fields, client checks, the request with
 * the ticket's version, and the server's refusal shown in the user's
 * language with everything typed still in place.
 */
import { ACTION_LABELS, type TicketAction } from '@domain/transitions';
import { SATISFACTION_LABELS, SATISFACTIONS } from '@domain/vocabulary';
import { useState } from 'react';
import { ApiError, api } from '../api/client';
import type { RefUnit, Ticket } from '../api/types';
import { ErrorBanner, ValidationSummary } from '../components/feedback';
import { CheckboxField, RadioGroup, SelectField, TextArea, TextField } from '../components/fields';
import { useI18n } from '../i18n';
import { ACTION_FIELDS, type ActionValues, actionBody, actionPath, EMPTY_VALUES } from './action-spec';

export interface ActionFormProps {
  ticket: Ticket;
  action: TicketAction;
  units: RefUnit[];
  /** preset values (a suggested unit, a knowledge answer) */
  preset?: Partial<ActionValues>;
  onDone(ticket: Ticket): void;
  onCancel(): void;
  /** the ticket changed under us: reload it */
  onStale(): void;
}

export function ActionForm({ ticket, action, units, preset, onDone, onCancel, onStale }: ActionFormProps) {
  const { t, lang } = useI18n();
  const [v, setV] = useState<ActionValues>({ ...EMPTY_VALUES, ...preset });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = ACTION_FIELDS[action] ?? [];
  const label = ACTION_LABELS[action][lang];
  const patch = (p: Partial<ActionValues>) => setV((x) => ({ ...x, ...p }));
  const unitOptions = units
    .filter((u) => u.peerGroup !== 'centre')
    .map((u) => ({ value: String(u.id), label: lang === 'zh' ? u.name : `${u.nameEn} ${u.name}` }));

  const validate = () => {
    const need = (ok: boolean, key: string, field: string) => {
      if (!ok) e[key] = t('v.required', { field });
    };
    const e: Record<string, string | undefined> = {};
    for (const f of fields) {
      if (f === 'reason') need(v.reason.trim() !== '', 'reason', t('field.reason'));
      if (f === 'note') need(v.note.trim() !== '', 'note', t('field.note'));
      if (f === 'answer') need(v.text.trim() !== '', 'text', t('field.answer'));
      if (f === 'reply') need(v.text.trim() !== '', 'text', t('field.reply'));
      if (f === 'mainUnit' && !v.mainUnitId) e.mainUnitId = t('v.choose', { field: t('field.unit') });
      if (f === 'coUnits' && !v.coUnitIds.length) e.coUnitIds = t('v.choose', { field: t('field.coUnits') });
      if (f === 'targetNumber') need(v.targetNumber.trim() !== '', 'targetNumber', t('field.targetNumber'));
      if (f === 'until') {
        if (!v.until) e.until = t('v.required', { field: t('field.until') });
        else if (new Date(`${v.until}+08:00`).getTime() <= Date.now())
          e.until = t('v.future', { field: t('field.until') });
      }
      if (f === 'callback' && v.reached && (!v.resolved || !v.satisfaction))
        e.callback = t('v.choose', { field: `${t('field.resolved')} / ${t('field.satisfaction')}` });
    }
    setErrors(e);
    return !Object.values(e).some(Boolean);
  };

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setServerError(null);
    if (!validate()) return;
    setBusy(true);
    try {
      const updated = await api<Ticket>(`/api/tickets/${ticket.id}/${actionPath(action)}`, {
        body: actionBody(action, v, ticket.version),
      });
      onDone(updated);
    } catch (err) {
      setServerError(err);
      if (err instanceof ApiError && err.code === 'CONFLICT') onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="action-form stack" onSubmit={submit} noValidate data-testid={`action-form-${action}`}>
      <h3>{label}</h3>
      <ValidationSummary errors={errors} />
      <ErrorBanner error={serverError} kept />
      {fields.includes('mainUnit') ? (
        <SelectField
          label={t('field.unit')}
          required
          value={v.mainUnitId}
          onChange={(x) => patch({ mainUnitId: x })}
          options={unitOptions}
          placeholder={t('field.choose')}
          error={errors.mainUnitId}
          name="mainUnitId"
        />
      ) : null}
      {fields.includes('coUnits') || fields.includes('coUnitsOptional') ? (
        <SelectField
          label={t('field.coUnits')}
          required={fields.includes('coUnits')}
          value={v.coUnitIds[0] ?? ''}
          onChange={(x) => patch({ coUnitIds: x ? [x] : [] })}
          options={unitOptions.filter((o) => o.value !== v.mainUnitId)}
          placeholder={t('common.none')}
          error={errors.coUnitIds}
          name="coUnitIds"
        />
      ) : null}
      {fields.includes('answer') || fields.includes('reply') ? (
        <TextArea
          label={fields.includes('answer') ? t('field.answer') : t('field.reply')}
          required
          value={v.text}
          onChange={(x) => patch({ text: x })}
          error={errors.text}
          maxLength={4000}
          name="text"
        />
      ) : null}
      {fields.includes('note') || fields.includes('noteOptional') ? (
        <TextArea
          label={t('field.note')}
          required={fields.includes('note')}
          value={v.note}
          onChange={(x) => patch({ note: x })}
          error={errors.note}
          rows={3}
          maxLength={4000}
          name="note"
        />
      ) : null}
      {fields.includes('until') ? (
        <TextField
          label={t('field.until')}
          required
          type="datetime-local"
          value={v.until}
          onChange={(x) => patch({ until: x })}
          error={errors.until}
          name="until"
        />
      ) : null}
      {fields.includes('targetNumber') ? (
        <TextField
          label={t('field.targetNumber')}
          required
          value={v.targetNumber}
          onChange={(x) => patch({ targetNumber: x })}
          error={errors.targetNumber}
          maxLength={30}
          name="targetNumber"
        />
      ) : null}
      {fields.includes('callback') ? (
        <>
          <CheckboxField
            label={t('field.reached')}
            checked={v.reached}
            onChange={(x) => patch({ reached: x })}
          />
          {v.reached ? (
            <>
              <RadioGroup
                legend={t('field.resolved')}
                name="resolved"
                value={v.resolved}
                onChange={(x) => patch({ resolved: x })}
                options={[
                  { value: 'yes', label: t('common.yes') },
                  { value: 'no', label: t('common.no') },
                ]}
              />
              <RadioGroup
                legend={t('field.satisfaction')}
                name="satisfaction"
                value={v.satisfaction}
                onChange={(x) => patch({ satisfaction: x })}
                error={errors.callback}
                options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s][lang] }))}
              />
            </>
          ) : null}
        </>
      ) : null}
      {fields.includes('reason') || fields.includes('reasonOptional') || fields.includes('callback') ? (
        <TextArea
          label={fields.includes('callback') ? t('field.comment') : t('field.reason')}
          required={fields.includes('reason')}
          value={v.reason}
          onChange={(x) => patch({ reason: x })}
          error={errors.reason}
          rows={3}
          maxLength={4000}
          name="reason"
        />
      ) : null}
      <div className="actions-row">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="action-submit">
          {label}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
