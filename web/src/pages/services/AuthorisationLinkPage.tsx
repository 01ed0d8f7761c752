/**
 * 代办授权 The villager's page behind the SMS link: after the last four
 * digits of the phone the authorisation was recorded with, the villager
 * sees what the village agent may do for them (name masked: the link may be
 * forwarded), withdraws it, or binds it to their own account to follow the
 * applications there. Any failure of the link reads the same.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Authorisation } from '../../api/services-types';
import { loginPath, useSession } from '../../auth/session';
import { ErrorBanner, Success, ValidationSummary } from '../../components/feedback';
import { TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { AuthorisationFacts } from '../../online/AuthorisationFacts';
import '../../styles/services.css';

export default function AuthorisationLinkPage() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const [last4, setLast4] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [serverError, setServerError] = useState<unknown>(null);
  const [auth, setAuth] = useState<Authorisation | null>(null);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/api/public/authorisations/${encodeURIComponent(token)}`;

  const call = async (what: 'view' | 'withdraw' | 'claim') => {
    setServerError(null);
    setNotice(null);
    if (!/^\d{4}$/.test(last4)) return setError(t('v.last4'));
    setError(undefined);
    setBusy(true);
    try {
      if (what === 'view') setAuth(await api<Authorisation>(path, { body: { phoneLast4: last4 } }));
      if (what === 'withdraw') {
        setAuth(
          await api<Authorisation>(`${path}/withdraw`, {
            body: { phoneLast4: last4, ...(reason.trim() ? { reason: reason.trim() } : {}) },
          }),
        );
        setNotice(t('va.withdrawn'));
      }
      if (what === 'claim') {
        setAuth(
          await api<Authorisation>('/api/services/authorisations/claim', {
            body: { token, phoneLast4: last4 },
          }),
        );
        setNotice(t('va.claimed'));
      }
    } catch (e) {
      setServerError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow" data-testid="authorisation-link">
      <h1>{t('va.linkTitle')}</h1>
      <p>{t('va.linkIntro')}</p>
      <ValidationSummary errors={{ last4: error }} />
      <ErrorBanner error={serverError} />
      {notice ? <Success>{notice}</Success> : null}
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void call('view');
        }}
      >
        <TextField
          label={t('field.last4')}
          required
          inputMode="numeric"
          value={last4}
          onChange={(v) => setLast4(v.replace(/\D/g, '').slice(0, 4))}
          error={error}
          maxLength={4}
          name="last4"
          autoComplete="off"
        />
        <button type="submit" className="btn btn-primary btn-big" disabled={busy}>
          {t('va.view')}
        </button>
      </form>
      {auth ? (
        <>
          <AuthorisationFacts auth={auth} />
          {auth.status === 'active' || auth.status === 'pending' ? (
            <form
              className="panel stack"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void call('withdraw');
              }}
            >
              <h2>{t('va.withdraw')}</h2>
              <p className="hint">{t('va.withdrawHint')}</p>
              <TextArea
                label={t('field.reason')}
                value={reason}
                onChange={setReason}
                rows={2}
                maxLength={500}
                name="reason"
              />
              <button type="submit" className="btn" disabled={busy} data-testid="link-withdraw">
                {t('va.withdraw')}
              </button>
            </form>
          ) : null}
          <section className="panel">
            <h2>{t('va.claimTitle')}</h2>
            {auth.villager.hasAccount ? (
              <p>{t('va.alreadyLinked')}</p>
            ) : user?.role === 'citizen' ? (
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                onClick={() => void call('claim')}
                data-testid="link-claim"
              >
                {t('va.claim')}
              </button>
            ) : (
              <p>
                {t('va.claimSignIn')}{' '}
                <Link to={loginPath(`/services/authorisations/${token}`, false)}>{t('svc.signIn')}</Link>
              </p>
            )}
          </section>
        </>
      ) : null}
    </section>
  );
}
