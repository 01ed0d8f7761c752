/**
 * 村级代办 The village agent's desk (足不出村办政务): record a villager's
 * authorisation, see every authorisation recorded and whether it is still
 * in force, file an application for the villager under one, withdraw one
 * that is no longer wanted, and follow the applications filed.
 */
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, newIdempotencyKey } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { Application, Authorisation } from '../../api/services-types';
import { ErrorBanner, Loading, Success } from '../../components/feedback';
import { useI18n } from '../../i18n';
import { ApplicationTable } from '../../online/ApplicationTable';
import { AuthorisationFacts } from '../../online/AuthorisationFacts';
import { AuthorisationForm } from '../../online/AuthorisationForm';
import { useApplicationList } from '../../online/useApplicationList';
import '../../styles/services.css';

function AuthorisationItem({ auth, onChanged }: { auth: Authorisation; onChanged(): void }) {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fileFor = () =>
    act(async () => {
      const created = await api<Application>('/api/services/applications', {
        idempotencyKey: newIdempotencyKey(),
        body: { matterCode: auth.matter?.code, authorisationId: auth.id },
      });
      navigate(`/services/applications/${created.id}`);
    });
  const withdraw = () =>
    act(async () => {
      await api(`/api/services/authorisations/${auth.id}/withdraw`, { body: {} });
      onChanged();
    });
  return (
    <li data-authorisation={auth.id}>
      <AuthorisationFacts auth={auth} />
      <ErrorBanner error={error} />
      {auth.status === 'active' ? (
        <p className="actions-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void fileFor()}
            data-testid="file-for"
          >
            {t('va.fileForMatter', { matter: auth.matter ? l(auth.matter.name) : '' })}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void withdraw()}>
            {t('va.withdraw')}
          </button>
        </p>
      ) : null}
    </li>
  );
}

export default function AgentPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [refresh, setRefresh] = useState(0);
  const [created, setCreated] = useState<Authorisation | null>(null);
  const list = useLoad(
    (signal) => api<{ items: Authorisation[] }>('/api/services/authorisations', { signal }),
    [refresh],
  );
  const filed = useApplicationList({}, refresh);
  return (
    <section className="page wide" data-testid="agent-page">
      <h1>{t('va.title')}</h1>
      <p className="lead">{t('va.intro')}</p>
      <div className="console-grid">
        <div className="stack">
          {created ? (
            <Success>
              <p data-testid="authorisation-created">{t('va.created', { name: created.villager.name })}</p>
            </Success>
          ) : null}
          <AuthorisationForm
            matter={params.get('matter') ?? ''}
            onCreated={(a) => {
              setCreated(a);
              setRefresh((n) => n + 1);
            }}
          />
        </div>
        <div className="stack">
          <section className="panel" aria-labelledby="auth-list-title">
            <h2 id="auth-list-title">{t('va.list')}</h2>
            {list.loading && !list.data ? <Loading /> : null}
            <ErrorBanner error={list.error} />
            {list.data?.items.length === 0 ? <p className="empty">{t('common.empty')}</p> : null}
            <ul className="authorisations" data-testid="authorisations">
              {(list.data?.items ?? []).map((a) => (
                <AuthorisationItem key={a.id} auth={a} onChanged={() => setRefresh((n) => n + 1)} />
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="filed-title">
            <h2 id="filed-title">{t('va.filed')}</h2>
            <ErrorBanner error={filed.error} />
            {filed.loading ? <Loading /> : <ApplicationTable items={filed.items} caption={t('va.filed')} />}
          </section>
        </div>
      </div>
    </section>
  );
}
