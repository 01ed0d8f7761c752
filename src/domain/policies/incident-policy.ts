/**
 * Who may see an incident 突发事件, take which action on it, read the
 * emergency figures and the roster: one declarative table per role, read by
 * the API (404 for what a caller may not see) and by the web app (which
 * hides what the table denies). Pure: the web app imports this file as is.
 *
 * The district command centre 区指挥中心 sees everything: the centre roles,
 * and any handler or unit lead of the `centre` unit. Unit staff see the
 * incidents their units lead or are involved in, and anyone who was
 * notified sees the incident they were told about.
 */
import { CENTRE_ROLES, INCIDENT_TRANSITIONS, type IncidentAction } from '../emergency/transitions.js';
import type { IncidentStatus } from '../emergency/vocabulary.js';
import type { Role } from '../vocabulary.js';

/** all: every incident; units: incidents involving the caller's units (or that notified the caller); none. */
export type IncidentVisibility = 'all' | 'units' | 'none';

export interface IncidentRolePolicy {
  view: IncidentVisibility;
  /** emergency figures and drill reports across units */
  metrics: boolean;
  /** the on-duty roster 值班表: edit (admins), read, or nothing */
  roster: 'edit' | 'read' | 'none';
  /** edit the escalation chains */
  chains: boolean;
}

export const INCIDENT_POLICY: Record<Role, IncidentRolePolicy> = {
  citizen: { view: 'none', metrics: false, roster: 'none', chains: false },
  agent: { view: 'all', metrics: false, roster: 'read', chains: false },
  dispatcher: { view: 'all', metrics: true, roster: 'read', chains: false },
  handler: { view: 'units', metrics: false, roster: 'read', chains: false },
  unit_lead: { view: 'units', metrics: false, roster: 'read', chains: false },
  supervisor: { view: 'all', metrics: true, roster: 'read', chains: false },
  reviewer: { view: 'none', metrics: false, roster: 'none', chains: false },
  village_agent: { view: 'none', metrics: false, roster: 'none', chains: false },
  admin: { view: 'all', metrics: true, roster: 'edit', chains: true },
  system: { view: 'all', metrics: true, roster: 'edit', chains: true },
  api_client: { view: 'none', metrics: false, roster: 'none', chains: false },
};

export interface IncidentViewer {
  role: Role;
  userId: number | null;
  unitIds: readonly number[];
}

export interface IncidentAccessFacts {
  leadUnitId: number | null;
  /** the lead unit, the reporting unit and the main units of linked tickets */
  involvedUnitIds: readonly number[];
  /** every user a notice of the incident went to */
  notifiedUserIds: readonly number[];
}

/** The command centre: a centre role, or unit staff of the centre unit. */
export function isCommandCentre(viewer: IncidentViewer, centreUnitId: number | null): boolean {
  if (CENTRE_ROLES.includes(viewer.role)) return true;
  if (INCIDENT_POLICY[viewer.role].view === 'none') return false;
  return centreUnitId !== null && viewer.unitIds.includes(centreUnitId);
}

/** Sees every incident (board, metrics scope): the table says all, or the viewer is the centre. */
export function seesAllIncidents(viewer: IncidentViewer, centreUnitId: number | null): boolean {
  const view = INCIDENT_POLICY[viewer.role].view;
  return view === 'all' || (view === 'units' && isCommandCentre(viewer, centreUnitId));
}

export function canViewIncident(
  viewer: IncidentViewer,
  facts: IncidentAccessFacts,
  centreUnitId: number | null,
): boolean {
  const view = INCIDENT_POLICY[viewer.role].view;
  if (view === 'none') return false;
  if (seesAllIncidents(viewer, centreUnitId)) return true;
  if (viewer.userId !== null && facts.notifiedUserIds.includes(viewer.userId)) return true;
  return facts.involvedUnitIds.some((u) => viewer.unitIds.includes(u));
}

export function canReadMetrics(viewer: IncidentViewer, centreUnitId: number | null): boolean {
  return (
    INCIDENT_POLICY[viewer.role].metrics ||
    (seesAllIncidents(viewer, centreUnitId) && viewer.role !== 'agent')
  );
}

const SYSTEM_ONLY: readonly IncidentAction[] = ['report', 'notify', 'chain_exhausted'];

export interface IncidentActionFacts extends IncidentAccessFacts {
  status: IncidentStatus;
  drill: boolean;
  /** the viewer holds a notice not yet acknowledged */
  pendingNoticeForViewer: boolean;
}

/** The actions the viewer may take on the incident now, in table order; decideIncident() has the last word. */
export function availableIncidentActions(
  viewer: IncidentViewer,
  facts: IncidentActionFacts,
  centreUnitId: number | null,
): IncidentAction[] {
  if (!canViewIncident(viewer, facts, centreUnitId)) return [];
  const centre = isCommandCentre(viewer, centreUnitId);
  const leads = facts.leadUnitId !== null && viewer.unitIds.includes(facts.leadUnitId);
  return INCIDENT_TRANSITIONS.filter((r) => {
    if (SYSTEM_ONLY.includes(r.action) || !r.roles.includes(viewer.role)) return false;
    if (!r.from?.includes(facts.status)) return false;
    if (r.scope === 'lead_unit' && !centre && !leads) return false;
    if (r.action === 'acknowledge') return facts.pendingNoticeForViewer;
    if (r.action === 'link_ticket') return !facts.drill;
    return true;
  }).map((r) => r.action);
}
