/** Staff sign-in; after it, back to `next` (where an expired session left off) or the role's home. */
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { homeFor, useSession } from '../../auth/session';
import { ErrorBanner, ValidationSummary } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { useI18n } from '../../i18n';

/** Only same-site paths: `next` comes from the URL and must not send anyone elsewhere. */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    const e = {
      username: username.trim() ? undefined : t('v.required', { field: t('login.username') }),
      password: password ? undefined : t('v.required', { field: t('login.password') }),
    };
    setErrors(e);
    setServerError(null);
    if (e.username || e.password) return;
    setBusy(true);
    try {
      const user = await signIn(username.trim(), password);
      navigate(next ?? homeFor(user.role), { replace: true });
    } catch (err) {
      setServerError(err);
      setBusy(false);
    }
  };

  return (
    <section className="page narrow" data-testid="login-page">
      <h1>{t('login.title')}</h1>
      <p className="hint">{t('login.who')}</p>
      {params.get('expired') ? (
        <p className="banner banner-warn" role="status" data-testid="session-expired">
          {t('login.expired')}
        </p>
      ) : next ? (
        <p className="banner banner-warn">{t('login.required')}</p>
      ) : null}
      <ValidationSummary errors={errors} />
      <ErrorBanner error={serverError} />
      <form onSubmit={submit} noValidate className="stack">
        <TextField
          label={t('login.username')}
          required
          value={username}
          onChange={setUsername}
          error={errors.username}
          autoComplete="username"
          name="username"
          autoFocus
        />
        <TextField
          label={t('login.password')}
          required
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          autoComplete="current-password"
          name="password"
        />
        <button type="submit" className="btn btn-primary btn-big" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </section>
  );
}
