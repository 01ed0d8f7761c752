/** The board's list: gravest level first, then longest waiting, as the feed orders it. */
import { Link } from 'react-router';
import type { IncidentItem } from '../api/emergency-types';
import { useI18n } from '../i18n';
import { levelColour, sinceReport } from './format';

export function LevelBadge({ item }: { item: Pick<IncidentItem, 'level' | 'levelLabel'> }) {
  const { l } = useI18n();
  return (
    <span
      className={`level-badge level-${item.level}`}
      style={{ background: levelColour(item.level) }}
      title={l(item.levelLabel)}
      data-testid="incident-level"
    >
      {l(item.levelLabel)}
    </span>
  );
}

export function DrillBadge() {
  const { t } = useI18n();
  return (
    <span className="drill-badge" data-testid="drill-badge">
      【{t('em.drillBadge')}】
    </span>
  );
}

/** Who acknowledged in the current round, or whom the chain is waiting for. */
export function AckState({ item }: { item: IncidentItem }) {
  const { t, l } = useI18n();
  if (item.acknowledged)
    return (
      <span data-testid="incident-ack">
        {t('em.ackBy', { names: item.acknowledgedBy.map((a) => a.name).join('、') })}
      </span>
    );
  const link = item.escalation.link;
  return (
    <span data-testid="incident-ack" className={item.escalation.overdue ? 'em-overdue' : undefined}>
      {link
        ? t('em.waitingFor', {
            target: l(link.targetLabel),
            names: link.recipients.map((r) => r.name).join('、'),
          })
        : t('em.noRecipient')}
      {item.escalation.overdue ? ` · ${t('em.overdue')}` : null}
      {item.escalation.exhausted ? <span className="sub">{t('em.exhausted')}</span> : null}
    </span>
  );
}

export function IncidentTable({ items }: { items: IncidentItem[] }) {
  const { t, l } = useI18n();
  return (
    <div className="table-scroll">
      <table className="tickets" data-testid="incident-list">
        <caption className="sr-only">{t('em.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('em.level')}</th>
            <th scope="col">{t('em.event')}</th>
            <th scope="col">{t('em.status')}</th>
            <th scope="col">{t('em.since')}</th>
            <th scope="col">{t('em.ack')}</th>
            <th scope="col">{t('em.tickets')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr
              key={i.id}
              className={i.acknowledged ? undefined : 'em-unacknowledged'}
              data-testid="incident-row"
              data-incident-number={i.number}
            >
              <td>
                <LevelBadge item={i} />
              </td>
              <td className="title-cell">
                <Link to={`/emergency/${i.id}`} data-testid="incident-link">
                  {i.title}
                </Link>
                {i.drill ? <DrillBadge /> : null}
                <span className="sub">
                  {i.number} · {l(i.typeLabel)}
                  {i.place.townshipName ? ` · ${i.place.townshipName}` : ''}
                </span>
              </td>
              <td>{l(i.statusLabel)}</td>
              <td>{sinceReport(t, i.minutesSinceReport)}</td>
              <td>
                <AckState item={i} />
              </td>
              <td data-testid="incident-tickets">{t('em.ticketCount', { n: i.linkedTickets })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
