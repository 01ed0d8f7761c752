/** The duty notices of every round (who was told, when, by when) and the acknowledgements. */
import type { IncidentDetail } from '../api/emergency-types';
import { useI18n } from '../i18n';

export function IncidentNotices({ incident }: { incident: IncidentDetail }) {
  const { t, l, lang, fmtDateTime } = useI18n();
  return (
    <section className="panel" aria-label={t('em.notices')} data-testid="incident-notices">
      <h2>{t('em.notices')}</h2>
      <div className="table-scroll">
        <table className="tickets">
          <caption className="sr-only">{t('em.notices')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('em.linkHeader')}</th>
              <th scope="col">{t('em.recipients')}</th>
              <th scope="col">{t('em.notifiedAt')}</th>
              <th scope="col">{t('em.ackDueAt')}</th>
              <th scope="col">{t('em.acknowledgedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {incident.notices.map((n) => (
              <tr
                key={n.id}
                data-testid="incident-notice"
                data-acknowledged={n.acknowledgedAt ? 'yes' : 'no'}
              >
                <td>
                  {t('em.round', { n: n.round })} · {t('em.link', { n: n.linkIndex + 1 })}
                  <span className="sub">
                    {l(n.targetLabel)}
                    {n.unit ? ` · ${lang === 'zh' ? n.unit.name : n.unit.nameEn}` : ''}
                  </span>
                </td>
                <td>{n.recipients.length ? n.recipients.map((r) => r.name).join('、') : t('em.unfilled')}</td>
                <td>{fmtDateTime(n.notifiedAt)}</td>
                <td>{fmtDateTime(n.ackDueAt)}</td>
                <td>
                  {n.acknowledgedAt ? (
                    <>
                      {fmtDateTime(n.acknowledgedAt)}
                      {n.acknowledgedBy ? <span className="sub">{n.acknowledgedBy.name}</span> : null}
                    </>
                  ) : n.recipients.length ? (
                    <span className={new Date(n.ackDueAt) < new Date() ? 'em-overdue' : undefined}>—</span>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {incident.acknowledgements.length ? (
        <>
          <h3>{t('em.acknowledgements')}</h3>
          <ul data-testid="incident-acks">
            {incident.acknowledgements.map((a) => (
              <li key={`${a.noticeId}-${a.id}`}>
                <time dateTime={a.at}>{fmtDateTime(a.at)}</time> <strong>{a.name}</strong>
                {a.note ? ` · ${a.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
