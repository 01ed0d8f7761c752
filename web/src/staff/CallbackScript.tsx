/**
 * 回访 by phone: the script to read, then one button per outcome; each
 * records the callback at once (reached / resolved / satisfaction).
 */
import type { Satisfaction } from '@domain/vocabulary';
import { useState } from 'react';
import { api } from '../api/client';
import type { Ticket } from '../api/types';
import { ErrorBanner } from '../components/feedback';
import { type MessageKey, useI18n } from '../i18n';

const OUTCOMES: { key: MessageKey; reached: boolean; resolved?: boolean; satisfaction?: Satisfaction }[] = [
  { key: 'outcome.satisfied', reached: true, resolved: true, satisfaction: 'satisfied' },
  { key: 'outcome.basic', reached: true, resolved: true, satisfaction: 'basically_satisfied' },
  { key: 'outcome.unresolvedSatisfied', reached: true, resolved: false, satisfaction: 'basically_satisfied' },
  { key: 'outcome.unresolved', reached: true, resolved: false, satisfaction: 'unsatisfied' },
  { key: 'outcome.unreached', reached: false },
];

export function CallbackScript({ ticket, onDone }: { ticket: Ticket; onDone(t: Ticket): void }) {
  const { t, fmtDateTime } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!ticket.actions.some((a) => a.action === 'callback')) return null;
  const record = async (o: (typeof OUTCOMES)[number]) => {
    setBusy(true);
    setError(null);
    try {
      onDone(
        await api<Ticket>(`/api/tickets/${ticket.id}/callback`, {
          body: {
            reached: o.reached,
            ...(o.reached ? { resolved: o.resolved, satisfaction: o.satisfaction } : {}),
            expectedVersion: ticket.version,
          },
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card script" data-testid="callback-script">
      <h2>{t('dispatch.script')}</h2>
      <p>
        {t('dispatch.scriptText', {
          date: fmtDateTime(ticket.receivedAt),
          title: ticket.title,
          reply: ticket.reply ?? '—',
        })}
      </p>
      <ErrorBanner error={error} />
      <div className="actions-row">
        {OUTCOMES.map((o) => (
          <button key={o.key} type="button" className="btn" disabled={busy} onClick={() => void record(o)}>
            {t(o.key)}
          </button>
        ))}
      </div>
    </section>
  );
}
