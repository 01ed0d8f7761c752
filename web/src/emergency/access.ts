/**
 * Who may open the emergency screens: every role the incident policy lets
 * see incidents (src/domain/policies/incident-policy.ts, the API's own
 * table). Unit staff see only their units' incidents there; the API decides.
 */
import { INCIDENT_POLICY } from '@domain/policies/incident-policy';
import type { Role } from '../api/types';

export const INCIDENT_VIEWERS: readonly Role[] = (Object.keys(INCIDENT_POLICY) as Role[]).filter(
  (r) => r !== 'system' && INCIDENT_POLICY[r].view !== 'none',
);
