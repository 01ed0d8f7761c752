/**
 * 我的办件 The applications of the signed-in citizen, or those a village
 * agent filed for villagers, by where they stand: to do (drafts and
 * corrections asked for), under way, completed.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { Authorisation } from '../../api/services-types';
import { useSession } from '../../auth/session';
import { ErrorBanner, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { ApplicationTable } from '../../online/ApplicationTable';
import { AuthorisationFacts } from '../../online/AuthorisationFacts';
import { useApplicationList } from '../../online/useApplicationList';
import '../../styles/services.css';

/** The authorisations a villager bound to this account: what a village agent may do for them, and a way to end it. */
function MyAuthorisations() {
  const { t } = useI18n();
  const [tick, setTick] = useState(0);
  const list = useLoad(
    (signal) => api<{ items: Authorisation[] }>('/api/services/authorisations', { signal }),
    [tick],
  );
  const [error, setError] = useState<unknown>(null);
  if (!list.data?.items.length) return null;
  const withdraw = async (id: number) => {
    setError(null);
    try {
      await api(`/api/services/authorisations/${id}/withdraw`, { body: {} });
      setTick((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-labelledby="my-authorisations">
      <h2 id="my-authorisations">{t('va.mine')}</h2>
      <ErrorBanner error={error ?? list.error} />
      <ul className="authorisations">
        {list.data.items.map((a) => (
          <li key={a.id}>
            <AuthorisationFacts auth={a} />
            {a.status === 'active' || a.status === 'pending' ? (
              <button type="button" className="btn" onClick={() => void withdraw(a.id)}>
                {t('va.withdraw')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

const TABS = {
  all: undefined,
  todo: 'draft,correction_requested',
  running: 'submitted,in_review,approved',
  done: 'certified,refused,not_accepted,withdrawn',
} as const;
type Tab = keyof typeof TABS;

export default function MyApplicationsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = (Object.keys(TABS).includes(params.get('tab') ?? '') ? params.get('tab') : 'all') as Tab;
  const list = useApplicationList({ status: TABS[tab] });
  const labels: Record<Tab, string> = {
    all: t('common.all'),
    todo: t('svc.tabTodo'),
    running: t('svc.tabRunning'),
    done: t('svc.tabDone'),
  };
  return (
    <section className="page" data-testid="my-applications">
      <h1>{t('svc.mine')}</h1>
      <p className="actions-row">
        <Link className="btn btn-primary" to="/services">
          {t('svc.newApplication')}
        </Link>
      </p>
      <div className="tabs" role="tablist" aria-label={t('svc.mine')}>
        {(Object.keys(TABS) as Tab[]).map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            className="tab"
            aria-selected={x === tab}
            data-tab={x}
            onClick={() => setParams(x === 'all' ? {} : { tab: x })}
          >
            {labels[x]}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={labels[tab]}>
        {list.loading && !list.items.length ? <Loading /> : null}
        <ErrorBanner error={list.error} />
        {list.loading ? null : <ApplicationTable items={list.items} caption={labels[tab]} />}
        {list.hasMore ? (
          <button type="button" className="btn" onClick={() => void list.more()}>
            {t('common.more')}
          </button>
        ) : null}
      </div>
      {user?.role === 'citizen' ? <MyAuthorisations /> : null}
    </section>
  );
}
