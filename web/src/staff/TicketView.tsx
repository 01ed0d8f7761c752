/**
 * One ticket for staff: facts, the actions the server says this user may
 * take now (exactly those), and the timeline. Used by the ticket page and
 * inside the desks.
 */
import type { TicketAction } from '@domain/transitions';
import { useState } from 'react';
import { ApiError, api } from '../api/client';
import { useLoad, useReference } from '../api/hooks';
import type { Ticket, TicketEvent } from '../api/types';
import { ErrorBanner, Loading, Success } from '../components/feedback';
import { Timeline } from '../components/Timeline';
import { EscalateTicket } from '../emergency/EscalateTicket';
import { useI18n } from '../i18n';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ActionForm } from './ActionForm';
import type { ActionValues } from './action-spec';
import { TicketFacts } from './TicketFacts';
import { TicketPhotos } from './TicketPhotos';

export interface TicketViewProps {
  id: number;
  /** preset values per action, e.g. the suggested unit for dispatch */
  presets?: Partial<Record<TicketAction, Partial<ActionValues>>>;
  onChanged?(ticket: Ticket): void;
}

export function TicketView({ id, presets, onChanged }: TicketViewProps) {
  const { t, l, lang } = useI18n();
  const ref = useReference();
  const ticket = useLoad((signal) => api<Ticket>(`/api/tickets/${id}`, { signal }), [id, lang]);
  const events = useLoad(
    (signal) => api<{ items: TicketEvent[] }>(`/api/tickets/${id}/events`, { signal }),
    [id, lang],
  );
  const [open, setOpen] = useState<TicketAction | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (ticket.loading && !ticket.data) return <Loading />;
  if (ticket.error instanceof ApiError && ticket.error.status === 404) return <NotFoundPage />;
  if (!ticket.data) return <ErrorBanner error={ticket.error} />;
  const tk = ticket.data;

  return (
    <article className="ticket" data-testid="ticket-view" data-ticket-number={tk.number}>
      <header className="ticket-head">
        <h1>
          <span className="ticket-no" data-testid="ticket-no">
            {tk.number}
          </span>{' '}
          {tk.title}
        </h1>
      </header>
      <div className="ticket-body">
        <div className="ticket-main">
          <section>
            <h2>{t('ticket.description')}</h2>
            <p className="description">{tk.description}</p>
          </section>
          <TicketPhotos urls={tk.mediaUrls} />
          {tk.reply ? (
            <section>
              <h2>{t('ticket.reply')}</h2>
              <p className="reply">{tk.reply}</p>
            </section>
          ) : null}
          <TicketFacts ticket={tk} />
        </div>
        <aside className="ticket-side">
          <section aria-label={t('ticket.actions')} className="actions" data-testid="actions">
            <h2>{t('ticket.actions')}</h2>
            {done ? <Success>{done}</Success> : null}
            {tk.actions.length === 0 ? <p>{t('ticket.noActions')}</p> : null}
            <div className="action-buttons">
              {tk.actions.map((a) => (
                <button
                  key={a.action}
                  type="button"
                  className={`btn${open === a.action ? ' btn-primary' : ''}`}
                  aria-expanded={open === a.action}
                  data-action={a.action}
                  onClick={() => {
                    setDone(null);
                    setOpen(open === a.action ? null : a.action);
                  }}
                >
                  {l(a.label)}
                </button>
              ))}
            </div>
            {open && tk.actions.some((a) => a.action === open) ? (
              <ActionForm
                key={`${open}-${tk.version}`}
                ticket={tk}
                action={open}
                units={ref.data?.units ?? []}
                preset={
                  open === 'dispatch' && tk.suggestedUnit
                    ? { mainUnitId: String(tk.suggestedUnit.id), ...presets?.dispatch }
                    : presets?.[open]
                }
                onCancel={() => setOpen(null)}
                onStale={() => {
                  ticket.reload();
                  events.reload();
                }}
                onDone={(updated) => {
                  const label = tk.actions.find((a) => a.action === open)?.label;
                  setDone(t('ticket.done', { action: l(label) }));
                  setOpen(null);
                  ticket.set(updated);
                  events.reload();
                  onChanged?.(updated);
                }}
              />
            ) : null}
          </section>
          <EscalateTicket ticket={tk} />
          {events.data ? (
            <Timeline
              title={t('ticket.timeline')}
              items={events.data.items.map((e) => ({
                key: e.seq,
                at: e.at,
                label: l(e.actionLabel),
                who: [
                  e.actor.unit ? (lang === 'zh' ? e.actor.unit.name : e.actor.unit.nameEn) : null,
                  e.actor.name,
                ]
                  .filter(Boolean)
                  .join(' · '),
                text: e.reason,
                internal: !e.public,
              }))}
            />
          ) : (
            <ErrorBanner error={events.error} />
          )}
        </aside>
      </div>
    </article>
  );
}
