/**
 * The dashboard's data requests in one place, so that the early start when
 * the app boots on /dashboard (App.tsx) and the page itself ask for exactly
 * the same URLs and the page finds the answers already on their way.
 */
import { setApiLanguage } from '../api/client';
import { startEarly } from '../api/early';
import { loadReference } from '../api/hooks';
import { initialLang } from '../i18n';

type Query = Record<string, string | undefined>;

export function dashboardRequests(period: string) {
  const p = period || undefined;
  return {
    table: { path: '/api/assessment', query: { period: p } as Query },
    towns: { path: '/api/analytics/breakdown', query: { period: p, by: 'township' } as Query },
    trend: { path: '/api/assessment/trend', query: undefined },
    cats: { path: '/api/analytics/breakdown', query: { period: p, by: 'category' } as Query },
    hot: { path: '/api/analytics/hot-topics', query: { period: p } as Query },
  };
}

/**
 * Ask now for what the first screen shows (the ranking table, the town total, the reference
 * data), while the page's code is still on its way. The charts' data is asked for when the page
 * mounts: a browser opens only six connections to a host, and the page's own code must not
 * queue behind requests it can show without.
 */
export function startDashboardRequests(search: string): void {
  // the provider sets the same language on its first render, which comes later than this
  setApiLanguage(initialLang());
  const r = dashboardRequests(new URLSearchParams(search).get('period') ?? '');
  startEarly(r.table.path, r.table.query);
  startEarly(r.towns.path, r.towns.query);
  void loadReference().catch(() => {});
}
