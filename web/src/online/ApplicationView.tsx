/**
 * One application, for whoever may see it: the applicant's or the filing
 * agent's working screen, or the department's review screen. An application
 * the caller may not see answers 404 from the API and shows the not-found
 * page here, exactly like one that does not exist.
 */
import { ROLE_LABELS, type Role } from '@domain/vocabulary';
import { ApiError, api } from '../api/client';
import { useLoad } from '../api/hooks';
import type { Application } from '../api/services-types';
import { useSession } from '../auth/session';
import { ErrorBanner, Loading } from '../components/feedback';
import { Timeline } from '../components/Timeline';
import { useI18n } from '../i18n';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ApplicantPanel } from './ApplicantPanel';
import { ApplicationFacts } from './ApplicationFacts';
import { ReviewPanel } from './ReviewPanel';
import '../styles/services.css';

const FILERS: readonly Role[] = ['citizen', 'village_agent'];

export function ApplicationView({ id, onChanged }: { id: number; onChanged?(app: Application): void }) {
  const { t, l, lang } = useI18n();
  const { user } = useSession();
  const loaded = useLoad(
    (signal) => api<Application>(`/api/services/applications/${id}`, { signal }),
    [id, lang],
  );

  if (loaded.loading && !loaded.data) return <Loading />;
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  if (!loaded.data) return <ErrorBanner error={loaded.error} />;
  const app = loaded.data;
  const updated = (next: Application) => {
    loaded.set(next);
    onChanged?.(next);
  };
  const reload = () => {
    loaded.reload();
    onChanged?.(app);
  };
  const filer = user !== null && FILERS.includes(user.role);
  const Panel = filer ? ApplicantPanel : ReviewPanel;

  return (
    <article
      className="ticket application"
      data-testid="application-view"
      data-number={app.number}
      data-status={app.status}
    >
      <header className="ticket-head">
        <h1>
          <span className="ticket-no" data-testid="application-number">
            {app.number}
          </span>{' '}
          {l(app.matter.name)}
        </h1>
        {app.matter.version !== app.matter.currentVersion ? (
          <p className="hint">{t('svc.olderVersion', { version: app.matter.version })}</p>
        ) : null}
      </header>
      <ApplicationFacts app={app} />
      {loaded.error ? <ErrorBanner error={loaded.error} /> : null}
      <Panel app={app} onUpdated={updated} onReload={reload} />
      <Timeline
        title={t('svc.timeline')}
        items={app.timeline.map((e) => ({
          key: e.seq,
          at: e.at,
          label: l(e.label),
          // on an application the citizen is its applicant, not a hotline caller
          who:
            e.actorRole === 'citizen'
              ? t('svc.applicant')
              : ROLE_LABELS[e.actorRole as Role]
                ? l(ROLE_LABELS[e.actorRole as Role])
                : e.actorRole,
          text: e.reason,
        }))}
      />
    </article>
  );
}
