/**
 * 应急态势图 The situation board: open incidents on the Huairou map, coloured
 * by level and ringed while nobody has acknowledged, with the list beside
 * in the feed's order. Polls GET /api/incidents/board every `pollSeconds`;
 * the feed's ETag makes an unchanged poll a 304 the browser answers from
 * its cache. Drills only under the 演练 filter.
 */
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { BoardFeed, IncidentItem } from '../../api/emergency-types';
import { useLoad, useReference } from '../../api/hooks';
import type { RefArea } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorBanner, Loading } from '../../components/feedback';
import { SelectField } from '../../components/fields';
import { INCIDENT_REPORTERS, ROSTER_READERS } from '../../emergency/access';
import { levelColour, sinceReport } from '../../emergency/format';
import { IncidentTable } from '../../emergency/IncidentTable';
import { useI18n } from '../../i18n';
import type { TownPoint } from '../../map/HuairouChart';
import '../../styles/emergency.css';

const HuairouChart = lazy(() => import('../../map/HuairouChart'));
const DRILL = ['exclude', 'only', 'include'] as const;
type Drill = (typeof DRILL)[number];
const LEVEL_SIZE: Record<string, number> = { I: 26, II: 22, III: 18, IV: 15 };

/** The incident's own point, else its township's seat, else its area's. */
function pointOf(i: IncidentItem, areas: Map<string, RefArea>): { lat: number; lng: number } | null {
  if (i.place.lat !== null && i.place.lng !== null) return { lat: i.place.lat, lng: i.place.lng };
  for (const code of [i.place.townshipCode, i.place.areaCode]) {
    const a = code ? areas.get(code) : undefined;
    if (a && a.lat !== null && a.lng !== null) return { lat: a.lat, lng: a.lng };
  }
  return null;
}

export default function EmergencyBoard() {
  const { t, l, lang, fmtDateTime } = useI18n();
  const navigate = useNavigate();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const drill: Drill = DRILL.find((d) => d === params.get('drill')) ?? 'exclude';
  const ref = useReference();
  const board = useLoad(
    (signal) => api<BoardFeed>('/api/incidents/board', { query: { drill }, signal }),
    [drill, lang],
  );
  const poll = (board.data?.pollSeconds ?? 15) * 1000;
  const { reload } = board;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'hidden') reload();
    }, poll);
    return () => window.clearInterval(timer);
  }, [poll, reload]);

  const items = board.data?.items ?? [];
  // The map redraws only when what it shows changes, not on every poll.
  const signature = JSON.stringify(
    items.map((i) => [i.id, i.level, i.acknowledged, i.status, i.minutesSinceReport]),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for the items
  const points = useMemo<TownPoint[]>(() => {
    const areas = new Map((ref.data?.areas ?? []).map((a) => [a.code, a]));
    return items.flatMap((i) => {
      const p = pointOf(i, areas);
      if (!p) return [];
      return [
        {
          code: String(i.id),
          name: i.drill ? `【${t('em.drillBadge')}】${i.title}` : i.title,
          lat: p.lat,
          lng: p.lng,
          value: null,
          color: levelColour(i.level),
          size: LEVEL_SIZE[i.level] ?? 15,
          ring: !i.acknowledged,
          tip: `${i.number} ${l(i.levelLabel)} ${l(i.typeLabel)} · ${sinceReport(t, i.minutesSinceReport)}`,
        },
      ];
    });
  }, [signature, ref.data, lang]);

  if (board.loading && !board.data) return <Loading />;
  const feed = board.data;
  return (
    <section className="page wide" data-testid="emergency-board">
      <h1>{t('em.title')}</h1>
      <div className="inline-form">
        {user && INCIDENT_REPORTERS.includes(user.role) ? (
          <Link className="btn btn-primary" to="/emergency/new" data-testid="report-incident-link">
            {t('emr.heading')}
          </Link>
        ) : null}
        {user && ROSTER_READERS.includes(user.role) ? (
          <Link className="btn" to="/emergency/roster" data-testid="roster-link">
            {t('emd.heading')}
          </Link>
        ) : null}

        <SelectField
          label={t('em.drillFilter')}
          value={drill}
          onChange={(v) => setParams(v === 'exclude' ? {} : { drill: v })}
          options={DRILL.map((d) => ({ value: d, label: t(`em.drill.${d}`) }))}
          name="drill"
        />
      </div>
      <ErrorBanner error={board.error} />
      {feed ? (
        <>
          <div className="em-counts" data-testid="board-counts">
            <span className="chip">{t('em.open', { n: feed.counts.open })}</span>
            <span className={`chip${feed.counts.unacknowledged ? ' chip-warn' : ''}`}>
              {t('em.unacknowledged', { n: feed.counts.unacknowledged })}
            </span>
            {(['I', 'II', 'III', 'IV'] as const).map((lv) => (
              <span
                key={lv}
                className={`level-badge level-${lv}`}
                style={{ background: levelColour(lv) }}
                title={t('em.level')}
              >
                {lv} · {feed.counts.byLevel[lv] ?? 0}
              </span>
            ))}
            <span className="hint" data-testid="board-as-of">
              {t('em.asOf', { time: fmtDateTime(feed.asOf), n: feed.pollSeconds })}
            </span>
          </div>
          {feed.scope === 'units' ? <p className="hint">{t('em.scopeUnits')}</p> : null}
          <div className="em-grid">
            <section className="panel" aria-label={t('em.map')}>
              <h2>{t('em.map')}</h2>
              <Suspense fallback={<Loading />}>
                <HuairouChart
                  towns={points}
                  height={460}
                  animate={false}
                  caption={t('em.mapLegend')}
                  onTown={(id) => navigate(`/emergency/${id}`)}
                />
              </Suspense>
            </section>
            <section className="panel" aria-label={t('em.list')}>
              <h2>{t('em.list')}</h2>
              {items.length ? <IncidentTable items={items} /> : <p className="empty">{t('em.none')}</p>}
            </section>
          </div>
        </>
      ) : null}
    </section>
  );
}
