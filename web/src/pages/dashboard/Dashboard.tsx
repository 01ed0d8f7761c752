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
import { useLoad, useReference } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { WaitingApi } from '../../components/WaitingApi';
import { DrillDown } from '../../dashboard/DrillDown';
import { RankingTable } from '../../dashboard/RankingTable';
import type { AssessmentTable, Breakdown, Drill, HotTopics, Trend } from '../../dashboard/types';
import { useI18n } from '../../i18n';
import { townsOf } from '../citizen/places';

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
  const q = { period: period || undefined };
  const ref = useReference();
  const table = useLoad(
    (s) => api<AssessmentTable>('/api/assessment', { query: q, signal: s }),
    [period, lang],
  );
  const trend = useLoad((s) => api<Trend>('/api/assessment/trend', { signal: s }), [lang]);
  const towns = useLoad(
    (s) => api<Breakdown>('/api/analytics/breakdown', { query: { ...q, by: 'township' }, signal: s }),
    [period],
  );
  const cats = useLoad(
    (s) => api<Breakdown>('/api/analytics/breakdown', { query: { ...q, by: 'category' }, signal: s }),
    [period],
  );
  const hot = useLoad(
    (s) => api<HotTopics>('/api/analytics/hot-topics', { query: q, signal: s }),
    [period, lang],
  );
  const ready = !table.loading && !towns.loading && !ref.loading;
  useEffect(() => {
    // the bench (bench/dashboard-render.ts) times the page up to this mark
    if (ready) performance.mark('jiesu:dashboard-ready');
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
      {drill ? <DrillDown drill={drill} onClose={() => setDrill(null)} /> : null}
      <div className="dash-grid" data-testid={ready ? 'dashboard-ready' : undefined}>
        <Panel title={t('dash.ranking')} error={table.error} api="/api/assessment" wide>
          {table.loading ? <Loading /> : null}
          {table.data ? <RankingTable table={table.data} period={period} onDrill={setDrill} /> : null}
        </Panel>
        <Panel title={t('dash.map')} error={towns.error} api="/api/analytics/breakdown">
          {ref.data ? (
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
          {trend.data ? <TrendChart trend={trend.data} /> : null}
        </Panel>
        <Panel title={t('dash.categories')} error={cats.error} api="/api/analytics/breakdown">
          {cats.data ? (
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
          <ServiceFigures path="/api/services/metrics" period={period} />
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
