/**
 * Routes. Citizen pages (home, file, track, callback) and the catalogue of
 * online services are in the entry chunk; every other services page, every
 * staff screen, the dashboard and the maps load lazily so a phone on a slow
 * link downloads only what the citizen needs.
 */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequireRole } from '../auth/session';
import { Loading } from '../components/feedback';
import { startDashboardRequests } from '../dashboard/requests';
import { INCIDENT_REPORTERS, INCIDENT_VIEWERS, ROSTER_READERS } from '../emergency/access';
import { CallbackPage } from '../pages/citizen/CallbackPage';
import { FilePage } from '../pages/citizen/FilePage';
import { HomePage } from '../pages/citizen/HomePage';
import { TrackPage } from '../pages/citizen/TrackPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { CataloguePage } from '../pages/services/CataloguePage';
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
  matter: () => import('../pages/services/MatterPage'),
  application: () => import('../pages/services/ApplicationPage'),
  mine: () => import('../pages/services/MyApplicationsPage'),
  review: () => import('../pages/services/ReviewDesk'),
  villageAgent: () => import('../pages/services/AgentPage'),
  verify: () => import('../pages/services/VerifyPage'),
  authorisationLink: () => import('../pages/services/AuthorisationLinkPage'),
  emergency: () => import('../pages/emergency/EmergencyBoard'),
  incident: () => import('../pages/emergency/IncidentPage'),
  reportIncident: () => import('../pages/emergency/ReportIncidentPage'),
  roster: () => import('../pages/emergency/RosterPage'),
};
const PREFETCH: [RegExp, () => Promise<unknown>][] = [
  [/^\/login/, load.login],
  [/^\/agent/, load.agent],
  [/^\/unit/, load.unit],
  [/^\/dispatch/, load.dispatch],
  [/^\/tickets\//, load.ticket],
  [
    /^\/dashboard/,
    () => {
      const chunk = load.dashboard();
      startDashboardRequests(window.location.search);
      return chunk;
    },
  ],
  [/^\/admin/, load.admin],
  [/^\/open-data/, load.openData],
  [/^\/services\/matters\//, load.matter],
  [/^\/services\/applications\//, load.application],
  [/^\/services\/mine/, load.mine],
  [/^\/services\/review/, load.review],
  [/^\/services\/agent/, load.villageAgent],
  [/^\/services\/authorisations\//, load.authorisationLink],
  [/^\/verify/, load.verify],
  [/^\/emergency\/?$/, load.emergency],
  [/^\/(emergency|incidents)\/\d/, load.incident],
  [/^\/emergency\/new/, load.reportIncident],
  [/^\/emergency\/roster/, load.roster],
];
// Fetch the chunk of a deep link (and, for the dashboard, its data) in parallel with the sign-in check, not after it.
for (const [re, fn] of PREFETCH) if (re.test(window.location.pathname)) void fn();

const LoginPage = lazy(load.login);
const AgentConsole = lazy(load.agent);
const Workbench = lazy(load.unit);
const DispatcherDesk = lazy(load.dispatch);
const TicketPage = lazy(load.ticket);
const Dashboard = lazy(load.dashboard);
const AdminPage = lazy(load.admin);
const OpenDataPage = lazy(load.openData);
const MatterPage = lazy(load.matter);
const ApplicationPage = lazy(load.application);
const MyApplicationsPage = lazy(load.mine);
const ReviewDesk = lazy(load.review);
const AgentPage = lazy(load.villageAgent);
const VerifyPage = lazy(load.verify);
const AuthorisationLinkPage = lazy(load.authorisationLink);
const EmergencyBoard = lazy(load.emergency);
const IncidentPage = lazy(load.incident);
const ReportIncidentPage = lazy(load.reportIncident);
const RosterPage = lazy(load.roster);

const CENTRE = ['agent', 'dispatcher'] as const;
const UNIT = ['handler', 'unit_lead'] as const;
const STAFF = ['agent', 'dispatcher', 'handler', 'unit_lead', 'supervisor', 'admin'] as const;
const LEADERS = ['supervisor', 'dispatcher', 'admin', 'unit_lead'] as const;
/** who may open an application page: the API answers 404 for any one of them they may not see */
const APPLICATION_VIEWERS = ['citizen', 'village_agent', 'reviewer', 'supervisor', 'admin'] as const;
const FILERS = ['citizen', 'village_agent'] as const;

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
          <Route path="/services" element={<CataloguePage />} />
          <Route path="/services/matters/:code" element={<MatterPage />} />
          <Route path="/verify" element={<VerifyPage />} />
          <Route path="/verify/:code" element={<VerifyPage />} />
          <Route path="/services/authorisations/:token" element={<AuthorisationLinkPage />} />
          <Route
            path="/services/mine"
            element={
              <RequireRole roles={FILERS}>
                <MyApplicationsPage />
              </RequireRole>
            }
          />
          <Route
            path="/services/applications/:id"
            element={
              <RequireRole roles={APPLICATION_VIEWERS}>
                <ApplicationPage />
              </RequireRole>
            }
          />
          <Route
            path="/services/review"
            element={
              <RequireRole roles={['reviewer', 'supervisor', 'admin']}>
                <ReviewDesk />
              </RequireRole>
            }
          />
          <Route
            path="/services/agent"
            element={
              <RequireRole roles={['village_agent']}>
                <AgentPage />
              </RequireRole>
            }
          />
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
            path="/emergency"
            element={
              <RequireRole roles={INCIDENT_VIEWERS}>
                <EmergencyBoard />
              </RequireRole>
            }
          />
          <Route
            path="/emergency/new"
            element={
              <RequireRole roles={INCIDENT_REPORTERS}>
                <ReportIncidentPage />
              </RequireRole>
            }
          />
          <Route
            path="/emergency/roster"
            element={
              <RequireRole roles={ROSTER_READERS}>
                <RosterPage />
              </RequireRole>
            }
          />
          {/* /incidents/:id is the address docs/emergency.md gives for a notice's link */}
          {['/emergency/:id', '/incidents/:id'].map((path) => (
            <Route
              key={path}
              path={path}
              element={
                <RequireRole roles={INCIDENT_VIEWERS}>
                  <IncidentPage />
                </RequireRole>
              }
            />
          ))}
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
