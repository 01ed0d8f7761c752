/**
 * 系统管理 — reference data as it stands (units, areas, categories), read
 * only; editing screens follow the admin API (/api/admin/*).
 */
import { useState } from 'react';
import { useReference } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { WaitingApi } from '../../components/WaitingApi';
import { type MessageKey, useI18n } from '../../i18n';
import { JsonTable } from './JsonTable';

/** Units, areas and categories come from the boot reference data; the rest from the admin and reference APIs. */
const SECTIONS: { id: string; key: MessageKey; api: string; ready: boolean }[] = [
  { id: 'units', key: 'admin.units', api: '', ready: true },
  { id: 'areas', key: 'admin.areas', api: '', ready: true },
  { id: 'categories', key: 'admin.categories', api: '', ready: true },
  { id: 'routing', key: 'admin.routing', api: '/api/admin/routing-rules', ready: true },
  { id: 'policies', key: 'admin.policies', api: '/api/reference/policies', ready: true },
  { id: 'calendar', key: 'admin.calendar', api: '/api/reference/calendar', ready: true },
  { id: 'users', key: 'admin.users', api: '/api/admin/users', ready: true },
  { id: 'apiKeys', key: 'admin.apiKeys', api: '/api/admin/api-keys', ready: true },
  { id: 'knowledge', key: 'admin.knowledge', api: '/api/admin/knowledge', ready: false },
];

export default function AdminPage() {
  const { t, lang } = useI18n();
  const ref = useReference();
  const [section, setSection] = useState('units');
  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0];
  const rows: { code: string; name: string; nameEn: string; group: string }[] =
    section === 'units'
      ? (ref.data?.units ?? []).map((u) => ({
          code: u.code,
          name: u.name,
          nameEn: u.nameEn,
          group: u.peerGroup,
        }))
      : section === 'areas'
        ? (ref.data?.areas ?? []).map((a) => ({
            code: a.code,
            name: a.name,
            nameEn: a.shortName,
            group: a.level,
          }))
        : (ref.data?.categories ?? []).map((c) => ({
            code: c.code,
            name: c.name,
            nameEn: c.nameEn,
            group: String(c.level),
          }));
  return (
    <section className="page wide" data-testid="admin">
      <h1>{t('admin.title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('admin.title')}>
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            className="tab"
            aria-selected={s.id === section}
            onClick={() => setSection(s.id)}
          >
            {t(s.key)}
          </button>
        ))}
      </div>
      {current?.api && !current.ready ? (
        <WaitingApi title={t(current.key)} api={current.api} />
      ) : current?.api ? (
        <div role="tabpanel" aria-label={t(current.key)}>
          <p className="hint">{t('admin.readOnly')}</p>
          <JsonTable key={current.api} path={current.api} caption={t(current.key)} />
        </div>
      ) : (
        <div role="tabpanel" aria-label={current ? t(current.key) : ''}>
          <p className="hint">{t('admin.readOnly')}</p>
          {ref.loading ? <Loading /> : <ErrorBanner error={ref.error} />}
          <table className="tickets">
            <thead>
              <tr>
                <th scope="col">{t('admin.code')}</th>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{lang === 'zh' ? t('admin.nameEn') : t('admin.nameEn')}</th>
                <th scope="col">{section === 'units' ? t('admin.group') : t('admin.level')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <td>{r.code}</td>
                  <td>{r.name}</td>
                  <td>{r.nameEn}</td>
                  <td>{r.group}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
