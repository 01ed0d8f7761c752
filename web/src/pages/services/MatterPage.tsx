/**
 * 办事指南 One matter: its guide (the current version, or `?version=n` as an
 * application was filed under), and the way to apply online beside it.
 */
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { MatterGuide } from '../../api/services-types';
import { ErrorBanner, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { ApplyPanel } from '../../online/ApplyPanel';
import { Guide } from '../../online/Guide';
import { NotFoundPage } from '../NotFoundPage';

export default function MatterPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const version = params.get('version') ?? '';
  const { t, l, lang } = useI18n();
  const guide = useLoad(
    (signal) =>
      api<MatterGuide>(`/api/services/matters/${encodeURIComponent(code)}`, { query: { version }, signal }),
    [code, version, lang],
  );
  if (guide.loading && !guide.data) return <Loading />;
  if (guide.error instanceof ApiError && guide.error.status === 404) return <NotFoundPage />;
  if (!guide.data) return <ErrorBanner error={guide.error} />;
  const g = guide.data;
  const older = g.version !== g.currentVersion;
  return (
    <section className="page" data-testid="matter-page" data-code={g.code}>
      <p>
        <Link to="/services">← {t('svc.title')}</Link>
      </p>
      <h1>{l(g.name)}</h1>
      {older ? (
        <p className="banner banner-warn">
          {t('svc.olderGuide', { version: g.version })}{' '}
          <Link to={`/services/matters/${g.code}`}>{t('svc.currentGuide')}</Link>
        </p>
      ) : null}
      <div className="matter-layout">
        <Guide guide={g} />
        {older ? null : <ApplyPanel guide={g} />}
      </div>
    </section>
  );
}
