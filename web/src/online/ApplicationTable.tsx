/**
 * A list of applications: number (a link), matter, applicant as the server
 * shows it to this role, status, and the running clock in working days with
 * its card. Used by "my applications", the agent's list and the review desk.
 */
import { Link } from 'react-router';
import type { ApplicationSummary } from '../api/services-types';
import { Empty } from '../components/feedback';
import { useI18n } from '../i18n';
import { WorkingCountdown } from './WorkingCountdown';

export function summaryDue(a: ApplicationSummary): string | null {
  if (a.status === 'submitted') return a.acceptDueAt;
  if (a.status === 'in_review') return a.decisionDueAt;
  return null;
}

export function ApplicationTable({
  items,
  caption,
  hrefFor,
  selected,
  showClock,
}: {
  items: ApplicationSummary[];
  caption: string;
  hrefFor?(a: ApplicationSummary): string;
  selected?: number | null;
  showClock?: boolean;
}) {
  const { t, l, fmtDateTime } = useI18n();
  if (!items.length) return <Empty />;
  return (
    <div className="table-scroll">
      <table className="tickets" data-testid="application-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('svc.number')}</th>
            <th scope="col">{t('svc.matter')}</th>
            <th scope="col">{t('svc.applicant')}</th>
            <th scope="col">{t('svc.status')}</th>
            <th scope="col">{showClock ? t('svc.dueAt') : t('svc.updatedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr
              key={a.id}
              className={`${a.id === selected ? 'selected ' : ''}card-row-${a.card ?? 'none'}`}
              aria-current={a.id === selected ? 'true' : undefined}
            >
              <td>
                <Link
                  to={hrefFor ? hrefFor(a) : `/services/applications/${a.id}`}
                  data-testid="application-link"
                >
                  {a.number}
                </Link>
              </td>
              <td className="title-cell">
                {a.matter.name ? l(a.matter.name) : '—'}
                <span className="sub">{l(a.department.name)}</span>
              </td>
              <td>{a.applicantMasked ?? '—'}</td>
              <td>
                <span className={`chip status-${a.status}`}>{l(a.statusLabel)}</span>
              </td>
              <td>
                {showClock ? (
                  <WorkingCountdown due={summaryDue(a)} card={a.card} />
                ) : (
                  fmtDateTime(a.updatedAt)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
