/**
 * 开放数据 — public aggregates: the district's figures this year against the
 * baseline year, requests and rates per town on the map and in a table, the
 * online-services figures per department, and the district profile. No personal data ever reaches this page.
 */
import { lazy, Suspense } from 'react';
import { ApiError, api } from '../../api/client';
import { useLoad, useReference } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { WaitingApi } from '../../components/WaitingApi';
import { pct } from '../../dashboard/types';
import { useI18n } from '../../i18n';
import { townsOf } from '../citizen/places';
import type { Indicator, OpenAreas, OpenSummary } from './open-data-types';

const HuairouChart = lazy(() => import('../../map/HuairouChart'));
const ServiceFigures = lazy(() => import('../../online/ServiceFigures'));
const missing = (e: unknown) => e instanceof ApiError && e.status === 404 && e.code === 'NOT_FOUND';

export default function OpenDataPage() {
  const { t, l, lang } = useI18n();
  const ref = useReference();
  const summary = useLoad((s) => api<OpenSummary>('/api/open-data/summary', { signal: s }), [lang]);
  const areas = useLoad((s) => api<OpenAreas>('/api/open-data/areas', { signal: s }), [lang]);
  const profile = useLoad(
    (s) => api<{ items: Indicator[] }>('/api/open-data/profile', { signal: s }),
    [lang],
  );
  const received = new Map((areas.data?.townships ?? []).map((a) => [a.code, a.received]));
  const towns = townsOf(ref.data?.areas ?? [])
    .filter((a) => a.lat !== null && a.lng !== null)
    .map((a) => ({
      code: a.code,
      name: a.shortName || a.name,
      lat: a.lat ?? 0,
      lng: a.lng ?? 0,
      value: areas.data ? (received.get(a.code) ?? 0) : null,
    }));
  const s = summary.data;
  return (
    <section className="page" data-testid="open-data">
      <h1>{t('open.title')}</h1>
      <p>{t('open.intro')}</p>
      {missing(summary.error) ? (
        <WaitingApi title={t('open.title')} api="/api/open-data/summary" />
      ) : (
        <ErrorBanner error={summary.error} />
      )}
      {s ? (
        <dl className="figures" data-testid="open-summary">
          <div>
            <dt>{t('dash.volume')}</dt>
            <dd>{s.totals.receivedThisYear}</dd>
          </div>
          <div>
            <dt>{t('dash.response')}</dt>
            <dd>{pct(s.thisYear.response)}</dd>
          </div>
          <div>
            <dt>{t('dash.resolution')}</dt>
            <dd>
              {pct(s.thisYear.resolution)}{' '}
              <span className="sub">
                {s.baseline.year}: {pct(s.baseline.rates.resolution)}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('dash.satisfaction')}</dt>
            <dd>
              {pct(s.thisYear.satisfaction)}{' '}
              <span className="sub">
                {s.baseline.year}: {pct(s.baseline.rates.satisfaction)}
              </span>
            </dd>
          </div>
        </dl>
      ) : null}
      <section className="panel">
        <h2>{t('map.title')}</h2>
        {ref.loading ? <Loading /> : <ErrorBanner error={ref.error} />}
        {ref.data ? (
          <Suspense fallback={<Loading />}>
            <HuairouChart towns={towns} height={380} />
          </Suspense>
        ) : null}
      </section>
      {missing(areas.error) ? (
        <WaitingApi title={t('open.towns')} api="/api/open-data/areas" />
      ) : (
        <section className="panel">
          <h2>
            {t('open.towns')} {areas.data ? `· ${areas.data.period.label}` : ''}
          </h2>
          <ErrorBanner error={areas.error} />
          <table className="tickets" data-testid="open-areas">
            <thead>
              <tr>
                <th scope="col">{t('field.town')}</th>
                <th scope="col">{t('dash.volume')}</th>
                <th scope="col">{t('dash.response')}</th>
                <th scope="col">{t('dash.resolution')}</th>
                <th scope="col">{t('dash.satisfaction')}</th>
              </tr>
            </thead>
            <tbody>
              {(areas.data?.townships ?? []).map((a) => (
                <tr key={a.code}>
                  <th scope="row">{l(a.label)}</th>
                  <td>{a.received}</td>
                  <td>{pct(a.rates.response)}</td>
                  <td>{pct(a.rates.resolution)}</td>
                  <td>{pct(a.rates.satisfaction)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="panel">
        <h2>{t('fig.title')}</h2>
        <p className="hint">{t('fig.openIntro')}</p>
        <Suspense fallback={<Loading />}>
          <ServiceFigures path="/api/open-data/services" />
        </Suspense>
      </section>
      {profile.data?.items.length ? (
        <section className="panel">
          <h2>{t('open.profile')}</h2>
          <ul className="profile">
            {profile.data.items.map((i) => (
              <li key={i.code}>
                <strong>
                  {i.value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')} {l(i.unit)}
                </strong>{' '}
                {l(i.name)}
                <span className="sub">
                  {i.source} · {i.asOf}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : missing(profile.error) ? (
        <WaitingApi title={t('open.profile')} api="/api/open-data/profile" />
      ) : null}
    </section>
  );
}
