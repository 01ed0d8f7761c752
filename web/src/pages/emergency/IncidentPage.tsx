/**
 * 突发事件 One incident: its facts and times, the duty notices and who
 * acknowledged, the linked callers' tickets, the actions the server allows
 * this user now, the event log, and the printable report. An incident the
 * user may not see answers 404 and shows the not-found page, exactly like
 * one that does not exist.
 */
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { IncidentDetail, IncidentTimelineItem } from '../../api/emergency-types';
import { useLoad } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { Timeline } from '../../components/Timeline';
import { sinceReport } from '../../emergency/format';
import { IncidentActions } from '../../emergency/IncidentActions';
import { IncidentNotices } from '../../emergency/IncidentNotices';
import { AckState, DrillBadge, LevelBadge } from '../../emergency/IncidentTable';
import { type MessageKey, useI18n } from '../../i18n';
import { NotFoundPage } from '../NotFoundPage';
import '../../styles/emergency.css';

const TIMES: [keyof IncidentDetail['times'], MessageKey][] = [
  ['reportedAt', 'em.reportedAt'],
  ['firstAcknowledgedAt', 'em.firstAckAt'],
  ['confirmedAt', 'em.confirmedAt'],
  ['respondingAt', 'em.respondingAt'],
  ['containedAt', 'em.containedAt'],
  ['closedAt', 'em.closedAt'],
];

function IncidentView({ id }: { id: number }) {
  const { t, l, lang, fmtDateTime } = useI18n();
  const incident = useLoad((signal) => api<IncidentDetail>(`/api/incidents/${id}`, { signal }), [id, lang]);
  const timeline = useLoad(
    (signal) => api<{ items: IncidentTimelineItem[] }>(`/api/incidents/${id}/timeline`, { signal }),
    [id, lang],
  );
  if (incident.loading && !incident.data) return <Loading />;
  if (incident.error instanceof ApiError && incident.error.status === 404) return <NotFoundPage />;
  if (!incident.data) return <ErrorBanner error={incident.error} />;
  const i = incident.data;
  const unit = (u: IncidentDetail['leadUnit']) => (u ? (lang === 'zh' ? u.name : u.nameEn) : '—');
  const place = [
    i.place.townshipName,
    i.place.areaName !== i.place.townshipName ? i.place.areaName : null,
    i.place.address,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <article className="ticket" data-testid="incident-view" data-incident-number={i.number}>
      <p>
        <Link to="/emergency">← {t('em.back')}</Link>
      </p>
      <header className="ticket-head">
        <h1>
          <span className="ticket-no" data-testid="incident-no">
            {i.number}
          </span>{' '}
          {i.title}
          {i.drill ? <DrillBadge /> : null}
        </h1>
        <p className="em-counts">
          <LevelBadge item={i} />
          <span className="chip">{l(i.typeLabel)}</span>
          <span className="chip" data-testid="incident-status">
            {l(i.statusLabel)}
          </span>
          <span>{sinceReport(t, i.minutesSinceReport)}</span>
          <AckState item={i} />
          <a
            className="btn btn-quiet"
            href={`/api/incidents/${i.id}/report`}
            target="_blank"
            rel="noopener"
            data-testid="incident-report"
          >
            {t('em.report')}
          </a>
        </p>
      </header>
      <div className="em-detail">
        <div className="stack">
          {i.description ? (
            <section>
              <h2>{t('em.description')}</h2>
              <p className="description">{i.description}</p>
            </section>
          ) : null}
          <section>
            <h2>{t('em.facts')}</h2>
            <dl className="facts">
              <dt>{t('em.place')}</dt>
              <dd>{place || '—'}</dd>
              <dt>{t('em.leadUnit')}</dt>
              <dd>{unit(i.leadUnit)}</dd>
              <dt>{t('em.reportingUnit')}</dt>
              <dd>{unit(i.reportingUnit)}</dd>
              <dt>{t('em.source')}</dt>
              <dd>{l(i.sourceLabel)}</dd>
              {i.facts.map((f) => (
                <FactRow key={f.key} label={l(f.label)} value={String(f.value)} />
              ))}
              {TIMES.filter(([k]) => i.times[k]).map(([k, key]) => (
                <FactRow key={k} label={t(key)} value={fmtDateTime(i.times[k])} />
              ))}
            </dl>
          </section>
          <IncidentNotices incident={i} />
          <section className="panel" aria-label={t('em.tickets')} data-testid="incident-linked-tickets">
            <h2>{t('em.tickets')}</h2>
            {i.tickets.length ? (
              <ul>
                {i.tickets.map((tk) => (
                  <li key={tk.id}>
                    <Link to={`/tickets/${tk.id}`} data-testid="incident-ticket-link">
                      {tk.number}
                    </Link>{' '}
                    {tk.title} · {l(tk.stateLabel)} · {fmtDateTime(tk.receivedAt)}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">{t('em.noTickets')}</p>
            )}
          </section>
        </div>
        <aside className="stack">
          <IncidentActions
            incident={i}
            onChanged={(updated) => {
              incident.set(updated);
              timeline.reload();
            }}
            onStale={() => {
              incident.reload();
              timeline.reload();
            }}
          />
          {timeline.data ? (
            <Timeline
              title={t('em.timeline')}
              items={timeline.data.items.map((e) => ({
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
              }))}
            />
          ) : (
            <ErrorBanner error={timeline.error} />
          )}
        </aside>
      </div>
    </article>
  );
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

export default function IncidentPage() {
  const { id } = useParams();
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) return <NotFoundPage />;
  return (
    <section className="page wide">
      <IncidentView key={n} id={n} />
    </section>
  );
}
