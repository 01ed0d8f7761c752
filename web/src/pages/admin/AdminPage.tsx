/**
 * 系统管理 The admin's screens, one tab per part of /api/admin/*: units
 * (with their move and areas), the areas themselves (read only: they are
 * the official divisions), categories and attributes, routing rules,
 * deadline policies, the working calendar, settings, users, API keys, the
 * audit log, the online-services catalogue, and the knowledge base. The tab
 * is in the URL (?tab=), so a reload or a shared link opens the same one.
 */
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useReference } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/feedback';
import { type MessageKey, useI18n } from '../../i18n';
import { ApiKeysSection } from './ApiKeysSection';
import { AuditSection } from './AuditSection';
import { CalendarSection } from './CalendarSection';
import { CategoriesSection } from './CategoriesSection';
import { KnowledgeSection } from './KnowledgeSection';
import { MattersSection } from './MattersSection';
import { PoliciesSection } from './PoliciesSection';
import { RoutingSection } from './RoutingSection';
import { SettingsSection } from './SettingsSection';
import { UnitsSection } from './UnitsSection';
import { UsersSection } from './UsersSection';
import '../../styles/services.css';

function AreasTable() {
  const { t } = useI18n();
  const ref = useReference();
  if (ref.loading) return <Loading />;
  return (
    <>
      <p className="hint">{t('adm.areasReadOnly')}</p>
      <ErrorBanner error={ref.error} />
      <div className="table-scroll">
        <table className="tickets" data-testid="areas">
          <caption className="sr-only">{t('admin.areas')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.code')}</th>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('adm.shortName')}</th>
              <th scope="col">{t('admin.level')}</th>
            </tr>
          </thead>
          <tbody>
            {(ref.data?.areas ?? []).map((a) => (
              <tr key={a.code}>
                <td>{a.code}</td>
                <td>{a.name}</td>
                <td>{a.shortName}</td>
                <td>{a.level}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const SECTIONS: { id: string; key: MessageKey; render(): ReactNode }[] = [
  { id: 'units', key: 'admin.units', render: () => <UnitsSection /> },
  { id: 'areas', key: 'admin.areas', render: () => <AreasTable /> },
  { id: 'categories', key: 'admin.categories', render: () => <CategoriesSection /> },
  { id: 'routing', key: 'admin.routing', render: () => <RoutingSection /> },
  { id: 'policies', key: 'admin.policies', render: () => <PoliciesSection /> },
  { id: 'calendar', key: 'admin.calendar', render: () => <CalendarSection /> },
  { id: 'settings', key: 'admin.settings', render: () => <SettingsSection /> },
  { id: 'users', key: 'admin.users', render: () => <UsersSection /> },
  { id: 'apiKeys', key: 'admin.apiKeys', render: () => <ApiKeysSection /> },
  { id: 'audit', key: 'admin.audit', render: () => <AuditSection /> },
  { id: 'matters', key: 'admin.matters', render: () => <MattersSection /> },
  { id: 'knowledge', key: 'admin.knowledge', render: () => <KnowledgeSection /> },
];

export default function AdminPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const current = SECTIONS.find((s) => s.id === params.get('tab')) ?? SECTIONS[0];
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
            data-tab={s.id}
            aria-selected={s.id === current?.id}
            onClick={() => setParams({ tab: s.id })}
          >
            {t(s.key)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={current ? t(current.key) : ''} data-section={current?.id}>
        {current?.render()}
      </div>
    </section>
  );
}
