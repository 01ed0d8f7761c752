/**
 * Who may open the emergency screens and do what there, from the tables the
 * API itself checks: the incident policy (src/domain/policies/incident-policy.ts)
 * for seeing incidents and the roster, the transition table
 * (src/domain/emergency/transitions.ts) for who may report one. Unit staff
 * see only their units' incidents there; the API decides.
 */
import { incidentRuleFor } from '@domain/emergency/transitions';
import { INCIDENT_POLICY } from '@domain/policies/incident-policy';
import type { Role } from '../api/types';

const ROLES = (Object.keys(INCIDENT_POLICY) as Role[]).filter((r) => r !== 'system');

export const INCIDENT_VIEWERS: readonly Role[] = ROLES.filter((r) => INCIDENT_POLICY[r].view !== 'none');

/**
 * Who may report an incident or raise one from a ticket: both go through
 * the `report` rule, so a role outside it gets INCIDENT_ROLE_NOT_ALLOWED
 * (an admin sees every incident but reports none).
 */
export const INCIDENT_REPORTERS: readonly Role[] = INCIDENT_VIEWERS.filter((r) =>
  incidentRuleFor('report').roles.includes(r),
);

export const ROSTER_READERS: readonly Role[] = ROLES.filter((r) => INCIDENT_POLICY[r].roster !== 'none');

export function editsRoster(role: Role | undefined): boolean {
  return role !== undefined && INCIDENT_POLICY[role].roster === 'edit';
}
