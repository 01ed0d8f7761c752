/** The facts of a ticket for staff: what, where, who, which unit, which deadlines. */
import { useState } from 'react';
import { api } from '../api/client';
import type { Ticket } from '../api/types';
import { ErrorBanner } from '../components/feedback';
import { useI18n } from '../i18n';
import { Countdown } from './Countdown';

function RevealContact({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<{ name: string | null; phone: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!ticket.citizen.canReveal) return null;
  if (shown)
    return <span data-testid="revealed">{[shown.name, shown.phone].filter(Boolean).join(' · ')}</span>;
  return (
    <>
      <button
        type="button"
        className="btn btn-quiet"
        onClick={() =>
          api<{ name: string | null; phone: string | null }>(`/api/tickets/${ticket.id}/reveal-contact`, {
            body: {},
          }).then(setShown, setError)
        }
      >
        {t('ticket.reveal')}
      </button>
      <ErrorBanner error={error} />
    </>
  );
}

export function TicketFacts({ ticket }: { ticket: Ticket }) {
  const { t, l, fmtDateTime, lang } = useI18n();
  const dl = ticket.deadlines;
  const unitName = (u: { name: string; nameEn: string } | null) =>
    u ? (lang === 'zh' ? u.name : u.nameEn) : '—';
  return (
    <div className="ticket-facts">
      <dl className="facts">
        <dt>{t('ticket.state')}</dt>
        <dd data-testid="ticket-state">{l(ticket.stateLabel)}</dd>
        <dt>{t('ticket.type')}</dt>
        <dd>{l(ticket.typeLabel)}</dd>
        <dt>{t('ticket.channel')}</dt>
        <dd>{l(ticket.channelLabel)}</dd>
        <dt>{t('ticket.category')}</dt>
        <dd>
          {ticket.category
            ? `${ticket.category.parent ? `${l({ zh: ticket.category.parent.name, en: ticket.category.parent.nameEn })} › ` : ''}${l({ zh: ticket.category.name, en: ticket.category.nameEn })}`
            : '—'}
        </dd>
        <dt>{t('ticket.area')}</dt>
        <dd>
          {[
            ticket.township?.name,
            ticket.area?.name !== ticket.township?.name ? ticket.area?.name : null,
            ticket.address,
          ]
            .filter(Boolean)
            .join(' · ') || '—'}
        </dd>
        <dt>{t('ticket.received')}</dt>
        <dd>{fmtDateTime(ticket.receivedAt)}</dd>
        <dt>{t('ticket.citizen')}</dt>
        <dd>
          {ticket.citizen.anonymous
            ? t('ticket.anonymous')
            : [ticket.citizen.name, ticket.citizen.phone].filter(Boolean).join(' · ') || '—'}{' '}
          <RevealContact ticket={ticket} />
        </dd>
        <dt>{t('ticket.mainUnit')}</dt>
        <dd data-testid="main-unit">{unitName(ticket.mainUnit)}</dd>
        {ticket.coUnits.length ? (
          <>
            <dt>{t('ticket.coUnits')}</dt>
            <dd>{ticket.coUnits.map(unitName).join('、')}</dd>
          </>
        ) : null}
      </dl>
      <section aria-label={t('ticket.deadlines')}>
        <h2>{t('ticket.deadlines')}</h2>
        <p>
          <Countdown due={dl.next} card={ticket.card} />
        </p>
        <dl className="facts">
          {(['sign', 'response', 'reply', 'return', 'callback'] as const).map((k) =>
            dl[k] ? (
              <div key={k} className="pair">
                <dt>{t(`ticket.dl.${k}`)}</dt>
                <dd>{fmtDateTime(dl[k])}</dd>
              </div>
            ) : null,
          )}
        </dl>
        <p className="flags">
          {ticket.supervised ? <span className="chip chip-warn">{t('ticket.supervised')}</span> : null}
          {ticket.exempt ? <span className="chip">{t('ticket.exempt')}</span> : null}
          {ticket.extensionRequestedUntil ? (
            <span className="chip chip-warn">
              {t('ticket.extension', { until: fmtDateTime(ticket.extensionRequestedUntil) })}
            </span>
          ) : null}
        </p>
      </section>
    </div>
  );
}
