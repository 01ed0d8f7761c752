/**
 * Who is signed in. The session itself is an httpOnly cookie; the app only
 * asks /api/auth/me. When any request answers 401 (expired or missing
 * session), the user goes to the sign-in page with `next` set to where they
 * were, and comes back there after signing in again.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, api, onAuthLost } from '../api/client';
import type { CurrentUser, MeResponse, Role } from '../api/types';
import { Loading } from '../components/feedback';
import { useI18n } from '../i18n';

interface Session {
  user: CurrentUser | null;
  checking: boolean;
  /** the last sign-out was the server saying the session expired */
  expired: boolean;
  signIn(username: string, password: string): Promise<CurrentUser>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Asked as soon as the app's code runs, before React's first render, so staff pages wait less. */
const firstCheck: Promise<MeResponse> = api<MeResponse>('/api/auth/me', { quietAuth: true });
// a signed-out visitor is the normal case: the rejection is handled where the promise is read
firstCheck.catch(() => {});

export function homeFor(role: Role): string {
  switch (role) {
    case 'agent':
      return '/agent';
    case 'dispatcher':
      return '/dispatch';
    case 'handler':
    case 'unit_lead':
      return '/unit';
    case 'supervisor':
      return '/dashboard';
    case 'admin':
      return '/admin';
    case 'citizen':
      return '/services/mine';
    case 'village_agent':
      return '/services/agent';
    case 'reviewer':
      return '/services/review';
    default:
      return '/';
  }
}

export function loginPath(next: string, expired: boolean): string {
  return `/login?next=${encodeURIComponent(next)}${expired ? '&expired=1' : ''}`;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [checking, setChecking] = useState(true);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    firstCheck.then(
      (r) => {
        setUser(r.user);
        setChecking(false);
      },
      () => {
        setUser(null);
        setChecking(false);
      },
    );
  }, []);

  // A 401 anywhere signs the user out here; RequireRole then sends them to sign in with `next`
  // set to this very page (and says the session expired, when it did).
  useEffect(
    () =>
      onAuthLost((code) => {
        setExpired(code === 'SESSION_EXPIRED');
        setUser(null);
      }),
    [],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const r = await api<MeResponse>('/api/auth/login', { body: { username, password }, quietAuth: true });
    setUser(r.user);
    setExpired(false);
    return r.user;
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST', body: {}, quietAuth: true });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setUser(null);
  }, []);
  const value = useMemo(
    () => ({ user, checking, expired, signIn, signOut }),
    [user, checking, expired, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Staff pages: sign in first, and only the listed roles. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user, checking, expired } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!user) return <Navigate to={loginPath(`${location.pathname}${location.search}`, expired)} replace />;
  if (!roles.includes(user.role)) {
    return (
      <section className="page">
        <h1>{t('notFound.title')}</h1>
        <p>{t('login.wrongRole')}</p>
      </section>
    );
  }
  return <>{children}</>;
}
