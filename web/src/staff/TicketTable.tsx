/** A dense, keyboard-friendly list of tickets: each number is a link; the selected row is marked. */
import { Link } from 'react-router';
import type { TicketListItem } from '../api/types';
import { Empty } from '../components/feedback';
import { useI18n } from '../i18n';
import { Countdown } from './Countdown';

export interface TicketTableProps {
  items: TicketListItem[];
  selected?: number | null;
  /** where a row links to; the ticket page by default */
  hrefFor?(t: TicketListItem): string;
  caption: string;
}

export function TicketTable({ items, selected, hrefFor, caption }: TicketTableProps) {
  const { t, l, lang } = useI18n();
  if (!items.length) return <Empty />;
  return (
    <table className="tickets" data-testid="ticket-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ticket.list.number')}</th>
          <th scope="col">{t('ticket.list.title')}</th>
          <th scope="col">{t('ticket.state')}</th>
          <th scope="col">{t('ticket.list.unit')}</th>
          <th scope="col">{t('ticket.list.deadline')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((tk) => (
          <tr
            key={tk.id}
            className={`${tk.id === selected ? 'selected ' : ''}card-row-${tk.card ?? 'none'}`}
            aria-current={tk.id === selected ? 'true' : undefined}
          >
            <td>
              <Link to={hrefFor ? hrefFor(tk) : `/tickets/${tk.id}`} data-testid="ticket-link">
                {tk.number}
              </Link>
            </td>
            <td className="title-cell">
              {tk.title}
              <span className="sub">
                {[
                  tk.township?.shortName,
                  tk.category ? l({ zh: tk.category.name, en: tk.category.nameEn }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </td>
            <td>{l(tk.stateLabel)}</td>
            <td>{tk.mainUnit ? (lang === 'zh' ? tk.mainUnit.name : tk.mainUnit.nameEn) : '—'}</td>
            <td>
              <Countdown due={tk.deadlines.next} card={tk.card} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
