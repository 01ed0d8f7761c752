/** The frame of every page: skip link, header with the sections this user may open, language switch. */
import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import type { Role } from '../api/types';
import { useSession } from '../auth/session';
import { INCIDENT_VIEWERS } from '../emergency/access';
import { type MessageKey, useI18n } from '../i18n';

interface NavItem {
  to: string;
  key: MessageKey;
  roles?: readonly Role[];
  /** active only on this exact path (the catalogue, not the pages under it) */
  end?: boolean;
}

const NAV: NavItem[] = [
  { to: '/file', key: 'nav.file' },
  { to: '/track', key: 'nav.track' },
  { to: '/services', key: 'nav.services', end: true },
  { to: '/services/mine', key: 'nav.mine', roles: ['citizen'] },
  { to: '/services/agent', key: 'nav.villageAgent', roles: ['village_agent'] },
  { to: '/services/review', key: 'nav.review', roles: ['reviewer'] },
  { to: '/open-data', key: 'nav.openData' },
  { to: '/agent', key: 'nav.agent', roles: ['agent', 'dispatcher'] },
  { to: '/dispatch', key: 'nav.dispatch', roles: ['dispatcher'] },
  { to: '/unit', key: 'nav.unit', roles: ['handler', 'unit_lead'] },
  { to: '/emergency', key: 'nav.emergency', roles: INCIDENT_VIEWERS },
  { to: '/dashboard', key: 'nav.dashboard', roles: ['supervisor', 'dispatcher', 'admin', 'unit_lead'] },
  { to: '/admin', key: 'nav.admin', roles: ['admin'] },
];

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'zh' ? 'en' : 'zh';
  return (
    <button
      type="button"
      className="btn btn-quiet"
      lang={next === 'zh' ? 'zh-CN' : 'en'}
      aria-label={`${t('lang.label')}: ${t('lang.switchTo')}`}
      data-testid="lang-switch"
      onClick={() => setLang(next)}
    >
      {t('lang.switchTo')}
    </button>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const items = NAV.filter((n) => !n.roles || (user && n.roles.includes(user.role)));
  return (
    <>
      <a className="skip" href="#main">
        {t('skip.main')}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.main')}>
          <ul>
            {items.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.end}>
                  {t(n.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="top-tools">
          <LanguageSwitch />
          {user ? (
            <>
              <span className="who" data-testid="who">
                {user.displayName}
                {user.unitName ? ` · ${user.unitName}` : ''}
              </span>
              <button
                type="button"
                className="btn btn-quiet"
                onClick={() => void signOut().then(() => navigate('/'))}
              >
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <Link to="/login" className="btn btn-quiet">
              {t('nav.staff')}
            </Link>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
