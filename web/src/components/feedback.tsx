/** Status messages: errors from the server in the user's language, progress, and empty lists. */
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

export function errorText(err: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t('common.networkError');
    return err.message || t('common.unknownError', { code: err.code });
  }
  return t('common.unknownError', { code: err instanceof Error ? err.name : 'ERROR' });
}

/** The server's message (already in the UI language), plus its field issues, in a live region. */
export function ErrorBanner({ error, kept }: { error: unknown; kept?: boolean }) {
  const { t } = useI18n();
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner">
      <p>{errorText(error, t)}</p>
      {fields.length ? (
        <ul>
          {fields.map((f) => (
            <li key={`${f.path}-${f.code}`}>
              {f.path ? <code>{f.path.replace(/^body\./, '')}</code> : null} {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {kept ? <p className="hint">{t('common.kept')}</p> : null}
    </div>
  );
}

export function ValidationSummary({ errors }: { errors: Record<string, string | undefined> }) {
  const { t } = useI18n();
  const list = Object.values(errors).filter((e): e is string => Boolean(e));
  if (!list.length) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="validation-summary">
      <p>{t('v.summary')}</p>
      <ul>
        {list.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function Empty({ text }: { text?: string }) {
  const { t } = useI18n();
  return <p className="empty">{text ?? t('common.empty')}</p>;
}

export function Success({ children }: { children: React.ReactNode }) {
  return (
    <div className="banner banner-ok" role="status">
      {children}
    </div>
  );
}
