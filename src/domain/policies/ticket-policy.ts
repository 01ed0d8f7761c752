/**
 * Who may see a ticket, see its citizen's personal data, and take which
 * action: one declarative table per role, read by the API (which answers 404
 * for what a caller may not see) and by the web app (which hides what the
 * table denies). Pure: the web app imports this file as is.
 */
import { type Scope, type TicketAction, TRANSITIONS } from '../transitions.js';
import type { Role, TicketState } from '../vocabulary.js';

/**
 * all: every ticket; units: tickets where one of the caller's units is or was
 * main or co-handling unit; own: tickets the caller filed; none.
 */
export type Visibility = 'all' | 'units' | 'own' | 'none';

export interface TicketRolePolicy {
  view: Visibility;
  /** may reveal the citizen's name and phone (each reveal is audited) */
  personalData: boolean;
  /** sees non-public events (internal notes, returns, extensions) */
  internalTimeline: boolean;
}

export const TICKET_POLICY: Record<Role, TicketRolePolicy> = {
  citizen: { view: 'own', personalData: false, internalTimeline: false },
  agent: { view: 'all', personalData: true, internalTimeline: true },
  dispatcher: { view: 'all', personalData: true, internalTimeline: true },
  handler: { view: 'units', personalData: true, internalTimeline: true },
  unit_lead: { view: 'units', personalData: true, internalTimeline: true },
  supervisor: { view: 'all', personalData: false, internalTimeline: true },
  reviewer: { view: 'none', personalData: false, internalTimeline: false },
  village_agent: { view: 'own', personalData: false, internalTimeline: false },
  admin: { view: 'all', personalData: false, internalTimeline: true },
  system: { view: 'all', personalData: true, internalTimeline: true },
  api_client: { view: 'none', personalData: false, internalTimeline: false },
};

export interface Viewer {
  role: Role;
  userId: number | null;
  unitIds: readonly number[];
}

export interface TicketFacts {
  state: TicketState;
  mainUnitId: number | null;
  coUnitIds: readonly number[];
  /** every unit that is or was main or co-handling unit, any round */
  involvedUnitIds: readonly number[];
  citizenUserId: number | null;
  supervised: boolean;
  exempt: boolean;
  extensionPending: boolean;
  lastCallbackResolved: boolean | null;
  closedAt: Date | null;
  returnDueAt: Date | null;
}

export function canView(viewer: Viewer, t: Pick<TicketFacts, 'involvedUnitIds' | 'citizenUserId'>): boolean {
  switch (TICKET_POLICY[viewer.role].view) {
    case 'all':
      return true;
    case 'units':
      return t.involvedUnitIds.some((u) => viewer.unitIds.includes(u));
    case 'own':
      return viewer.userId !== null && t.citizenUserId === viewer.userId;
    case 'none':
      return false;
  }
}

export function canSeePersonalData(
  viewer: Viewer,
  t: Pick<TicketFacts, 'involvedUnitIds' | 'citizenUserId'>,
): boolean {
  return TICKET_POLICY[viewer.role].personalData && canView(viewer, t);
}

const SYSTEM_ONLY: readonly TicketAction[] = ['intake', 'yellow_card', 'red_card'];

function inScope(scope: Scope, viewer: Viewer, t: TicketFacts): boolean {
  if (scope === 'main_unit') return t.mainUnitId !== null && viewer.unitIds.includes(t.mainUnitId);
  if (scope === 'co_unit') return t.coUnitIds.some((u) => viewer.unitIds.includes(u));
  return true;
}

/** Cheap guards worth knowing before the click; decide() still has the last word. */
function guardAllows(action: TicketAction, t: TicketFacts, now: Date, reopenWindowDays: number): boolean {
  switch (action) {
    case 'approve_extension':
    case 'reject_extension':
      return t.extensionPending;
    case 'request_extension':
      return !t.extensionPending;
    case 'supervise':
      return !t.supervised;
    case 'unsupervise':
      return t.supervised;
    case 'exempt':
      return !t.exempt;
    case 'unexempt':
      return t.exempt;
    case 'return':
      return t.returnDueAt === null || now <= t.returnDueAt;
    case 'reopen':
      if (t.state !== 'closed') return true;
      return (
        t.lastCallbackResolved === false &&
        t.closedAt !== null &&
        now.getTime() - t.closedAt.getTime() <= reopenWindowDays * 86_400_000
      );
    default:
      return true;
  }
}

/** The actions the viewer may take on the ticket now, in table order. */
export function availableActions(
  viewer: Viewer,
  t: TicketFacts,
  now: Date,
  reopenWindowDays = 30,
): TicketAction[] {
  if (!canView(viewer, t)) return [];
  return TRANSITIONS.filter(
    (r) =>
      !SYSTEM_ONLY.includes(r.action) &&
      r.roles.includes(viewer.role) &&
      r.from?.includes(t.state) &&
      inScope(r.scope, viewer, t) &&
      guardAllows(r.action, t, now, reopenWindowDays),
  ).map((r) => r.action);
}
