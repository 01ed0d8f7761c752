/**
 * Routes. Citizen pages (home, file, track, callback) are in the entry
 * chunk; every staff screen, the dashboard and the maps load lazily so a
 * phone on a slow link downloads only what the citizen needs.
 */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequireRole } from '../auth/session';
import { Loading } from '../components/feedback';
import { CallbackPage } from '../pages/citizen/CallbackPage';
import { FilePage } from '../pages/citizen/FilePage';
import { HomePage } from '../pages/citizen/HomePage';
import { TrackPage } from '../pages/citizen/TrackPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { Layout } from './Layout';

/** The staff screens' chunks; the one for the page being opened starts loading at once (see below). */
const load = {
  login: () => import('../pages/staff/LoginPage'),
  agent: () => import('../pages/staff/AgentConsole'),
  unit: () => import('../pages/staff/Workbench'),
  dispatch: () => import('../pages/staff/DispatcherDesk'),
  ticket: () => import('../pages/staff/TicketPage'),
  dashboard: () => import('../pages/dashboard/Dashboard'),
  admin: () => import('../pages/admin/AdminPage'),
  openData: () => import('../pages/public/OpenDataPage'),
};
const PREFETCH: [RegExp, () => Promise<unknown>][] = [
  [/^\/login/, load.login],
  [/^\/agent/, load.agent],
  [/^\/unit/, load.unit],
  [/^\/dispatch/, load.dispatch],
  [/^\/tickets\//, load.ticket],
  [/^\/dashboard/, load.dashboard],
  [/^\/admin/, load.admin],
  [/^\/open-data/, load.openData],
];
// Fetch the chunk of a deep link in parallel with the sign-in check, not after it.
for (const [re, fn] of PREFETCH) if (re.test(window.location.pathname)) void fn();

const LoginPage = lazy(load.login);
const AgentConsole = lazy(load.agent);
const Workbench = lazy(load.unit);
const DispatcherDesk = lazy(load.dispatch);
const TicketPage = lazy(load.ticket);
const Dashboard = lazy(load.dashboard);
const AdminPage = lazy(load.admin);
const OpenDataPage = lazy(load.openData);

const CENTRE = ['agent', 'dispatcher'] as const;
const UNIT = ['handler', 'unit_lead'] as const;
const STAFF = ['agent', 'dispatcher', 'handler', 'unit_lead', 'supervisor', 'admin'] as const;
const LEADERS = ['supervisor', 'dispatcher', 'admin', 'unit_lead'] as const;

export function App() {
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/file" element={<FilePage />} />
          <Route path="/track" element={<TrackPage />} />
          <Route path="/callback/:token" element={<CallbackPage />} />
          <Route path="/open-data" element={<OpenDataPage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="/agent"
            element={
              <RequireRole roles={CENTRE}>
                <AgentConsole />
              </RequireRole>
            }
          />
          <Route
            path="/unit"
            element={
              <RequireRole roles={UNIT}>
                <Workbench />
              </RequireRole>
            }
          />
          <Route
            path="/dispatch"
            element={
              <RequireRole roles={['dispatcher']}>
                <DispatcherDesk />
              </RequireRole>
            }
          />
          <Route
            path="/tickets/:id"
            element={
              <RequireRole roles={STAFF}>
                <TicketPage />
              </RequireRole>
            }
          />
          <Route
            path="/dashboard"
            element={
              <RequireRole roles={LEADERS}>
                <Dashboard />
              </RequireRole>
            }
          />
          <Route
            path="/admin"
            element={
              <RequireRole roles={['admin']}>
                <AdminPage />
              </RequireRole>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
