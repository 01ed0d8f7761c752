/**
 * 审计日志 The audit log, newest first: who did what to which record, and
 * the detail (before and after) on demand. Filter by subject, action or
 * acting user; page back with "load more".
 */
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../api/admin-types';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { useI18n } from '../../i18n';

interface Page {
  items: AuditEntry[];
  nextBefore: number | null;
}

export function AuditSection() {
  const { t, fmtDateTime } = useI18n();
  const [filter, setFilter] = useState({ subjectType: '', subjectId: '', action: '', actorUserId: '' });
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [actorError, setActorError] = useState<string | undefined>();

  const load = async (before: number | null) => {
    if (filter.actorUserId && !/^\d+$/.test(filter.actorUserId))
      return setActorError(t('adm.audit.actorHint'));
    setActorError(undefined);
    setError(null);
    setBusy(true);
    try {
      const page = await api<Page>('/api/admin/audit', { query: { ...filter, before, limit: 50 } });
      setItems((xs) => (before === null ? page.items : [...(xs ?? []), ...page.items]));
      setNext(page.nextBefore);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // the newest entries at once; filters narrow them down
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the first load runs by itself
  useEffect(() => {
    void load(null);
  }, []);

  return (
    <div className="stack">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void load(null);
        }}
      >
        <TextField
          label={t('adm.audit.subjectType')}
          value={filter.subjectType}
          onChange={(x) => setFilter({ ...filter, subjectType: x })}
          maxLength={40}
          name="subjectType"
        />
        <TextField
          label={t('adm.audit.subjectId')}
          value={filter.subjectId}
          onChange={(x) => setFilter({ ...filter, subjectId: x })}
          maxLength={64}
          name="subjectId"
        />
        <TextField
          label={t('adm.audit.action')}
          value={filter.action}
          onChange={(x) => setFilter({ ...filter, action: x })}
          maxLength={64}
          name="action"
        />
        <TextField
          label={t('adm.audit.actor')}
          inputMode="numeric"
          value={filter.actorUserId}
          onChange={(x) => setFilter({ ...filter, actorUserId: x })}
          error={actorError}
          maxLength={12}
          name="actorUserId"
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('common.search')}
        </button>
      </form>
      <ErrorBanner error={error} />
      {items === null ? (
        <p className="hint">{t('adm.audit.hint')}</p>
      ) : (
        <div className="table-scroll">
          <table className="tickets" data-testid="audit">
            <caption className="sr-only">{t('admin.audit')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adm.audit.at')}</th>
                <th scope="col">{t('adm.audit.actor')}</th>
                <th scope="col">{t('adm.audit.action')}</th>
                <th scope="col">{t('adm.audit.subject')}</th>
                <th scope="col">{t('adm.audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>{fmtDateTime(a.at)}</td>
                  <td>
                    {a.actorUserId ?? '—'} · {a.actorRole}
                    {a.ip ? <span className="sub">{a.ip}</span> : null}
                  </td>
                  <td>
                    <code>{a.action}</code>
                  </td>
                  <td>
                    {a.subjectType} {a.subjectId}
                  </td>
                  <td>
                    <details>
                      <summary>{t('adm.audit.show')}</summary>
                      <pre className="json">{JSON.stringify(a.detail, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null ? (
        <button type="button" className="btn" disabled={busy} onClick={() => void load(next)}>
          {t('common.more')}
        </button>
      ) : null}
    </div>
  );
}
