/**
 * 驾驶舱 — leadership dashboard: the ranking table of units with the three
 * rates and the composite, rates by month against the baseline year, a map
 * of Huairou with per-town volumes, category breakdown, hot topics and the
 * online-services figures (全程网办) per department.
 * Every figure opens the list of its tickets (one API call). The period is
 * in the URL (?period=YYYY-MM), so a view can be shared or come back to.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { early } from '../../api/early';
import { useLoad, useReference } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { WaitingApi } from '../../components/WaitingApi';
import { RankingTable } from '../../dashboard/RankingTable';
import { dashboardRequests } from '../../dashboard/requests';
import type { AssessmentTable, Breakdown, Drill, HotTopics, Trend } from '../../dashboard/types';
import { useI18n } from '../../i18n';
import { townsOf } from '../citizen/places';

// the ticket list behind a clicked figure is not needed for the first screen
const DrillDown = lazy(() => import('../../dashboard/DrillDown').then((m) => ({ default: m.DrillDown })));
const HuairouChart = lazy(() => import('../../map/HuairouChart'));
const TrendChart = lazy(() => import('../../dashboard/Charts').then((m) => ({ default: m.TrendChart })));
const CategoryChart = lazy(() =>
  import('../../dashboard/Charts').then((m) => ({ default: m.CategoryChart })),
);
const ServiceFigures = lazy(() => import('../../online/ServiceFigures'));

const missing = (e: unknown) => e instanceof ApiError && e.status === 404 && e.code === 'NOT_FOUND';

function Panel({
  title,
  error,
  api: path,
  wide,
  children,
}: {
  title: string;
  error: unknown;
  api: string;
  wide?: boolean;
  children: React.ReactNode;
}) {
  if (missing(error)) return <WaitingApi title={title} api={path} />;
  return (
    <section className={`panel${wide ? ' span-2' : ''}`}>
      <h2>{title}</h2>
      <ErrorBanner error={error} />
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </section>
  );
}

export default function Dashboard() {
  const { t, l, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? '';
  const [drill, setDrill] = useState<Drill | null>(null);
  const r = dashboardRequests(period);
  const ref = useReference();
  // the first screen's two requests were started when the app booted on this page (App.tsx)
  const table = useLoad(
    (signal) => early<AssessmentTable>(r.table.path, { query: r.table.query, signal }),
    [period, lang],
  );
  const towns = useLoad(
    (signal) => early<Breakdown>(r.towns.path, { query: r.towns.query, signal }),
    [period],
  );
  const trend = useLoad((signal) => api<Trend>(r.trend.path, { signal }), [lang]);
  const cats = useLoad((signal) => api<Breakdown>(r.cats.path, { query: r.cats.query, signal }), [period]);
  const hot = useLoad((signal) => api<HotTopics>(r.hot.path, { query: r.hot.query, signal }), [period, lang]);
  const ready = !table.loading && !towns.loading && !ref.loading;
  // Charts and the online-service figures mount once the ranking table has been put on screen:
  // their code (ECharts is most of the page's bytes) must not hold the figures back.
  const [chartsOn, setChartsOn] = useState(false);
  useEffect(() => {
    if (!ready) return;
    // the bench (bench/dashboard-render.ts) times the page up to this mark
    performance.mark('jiesu:dashboard-ready');
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setChartsOn(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready]);

  const from = table.data?.period.from;
  const to = table.data?.period.to;
  const listDrill = (title: string, query: Record<string, string | number | undefined>): Drill => ({
    title,
    path: '/api/tickets',
    query: {
      ...query,
      from: from ? `${from}T00:00:00+08:00` : undefined,
      to: to ? `${to}T23:59:59+08:00` : undefined,
      limit: 200,
    },
  });
  const counts = new Map((towns.data?.rows ?? []).map((r) => [r.key, r.count]));
  const points = townsOf(ref.data?.areas ?? [])
    .filter((a) => a.lat !== null && a.lng !== null)
    .map((a) => ({
      code: a.code,
      name: a.shortName || a.name,
      lat: a.lat ?? 0,
      lng: a.lng ?? 0,
      value: towns.data ? (counts.get(a.code) ?? 0) : null,
    }));

  return (
    <section className="page wide" data-testid="dashboard">
      <h1>{t('dash.title')}</h1>
      <div className="inline-form dash-period">
        <TextField
          label={t('dash.period')}
          value={period}
          placeholder="YYYY-MM"
          maxLength={7}
          onChange={(v) => (/^\d{4}-\d{2}$|^$/.test(v) ? setParams(v ? { period: v } : {}) : undefined)}
          name="period"
        />
        {table.data ? <p className="hint">{table.data.period.label}</p> : null}
      </div>
      <p className="hint">{t('dash.clickHint')}</p>
      {drill ? (
        <Suspense fallback={<Loading />}>
          <DrillDown drill={drill} onClose={() => setDrill(null)} />
        </Suspense>
      ) : null}
      <div className="dash-grid" data-testid={ready ? 'dashboard-ready' : undefined}>
        <Panel title={t('dash.ranking')} error={table.error} api="/api/assessment" wide>
          {table.loading ? <Loading /> : null}
          {table.data ? <RankingTable table={table.data} period={period} onDrill={setDrill} /> : null}
        </Panel>
        <Panel title={t('dash.map')} error={towns.error} api="/api/analytics/breakdown">
          {ref.data && chartsOn ? (
            <HuairouChart
              towns={points}
              onTown={(code) =>
                setDrill(listDrill(points.find((p) => p.code === code)?.name ?? code, { area: code }))
              }
            />
          ) : null}
          {towns.data ? (
            <p className="hint" data-testid="town-total">
              {t('dash.volume')}: {towns.data.total}
            </p>
          ) : null}
        </Panel>
        <Panel title={t('dash.trend')} error={trend.error} api="/api/assessment/trend">
          {trend.data && chartsOn ? <TrendChart trend={trend.data} /> : null}
        </Panel>
        <Panel title={t('dash.categories')} error={cats.error} api="/api/analytics/breakdown">
          {cats.data && chartsOn ? (
            <CategoryChart
              data={cats.data}
              onPick={(i) => {
                const row = cats.data?.rows[i];
                if (row) setDrill(listDrill(l(row.label), { categoryId: row.key }));
              }}
            />
          ) : null}
        </Panel>
        <Panel title={t('fig.title')} error={null} api="/api/services/metrics" wide>
          {chartsOn ? <ServiceFigures path="/api/services/metrics" period={period} /> : null}
        </Panel>
        <Panel title={t('dash.hot')} error={hot.error} api="/api/analytics/hot-topics">
          <ol className="hot">
            {(hot.data?.topics ?? []).map((h) => (
              <li key={`${h.township.code}-${h.category.id}`}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    setDrill(
                      listDrill(`${l(h.township.label)} · ${l(h.category.label)}`, {
                        area: h.township.code,
                        categoryId: h.category.id,
                      }),
                    )
                  }
                >
                  {l(h.township.label)} · {l(h.category.label)}: {h.size}
                </button>
                <span className="sub">{h.title}</span>
              </li>
            ))}
          </ol>
        </Panel>
      </div>
    </section>
  );
}
