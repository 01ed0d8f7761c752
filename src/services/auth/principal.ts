/**
 * Who is calling: a signed-in user, a machine client with an API key, or an
 * anonymous member of the public. Use cases receive an `Actor` derived from it.
 */
import type { Actor } from '../../domain/decide.js';
import type { Role } from '../../domain/vocabulary.js';
import { type ReferenceData, subtreeUnitIds } from '../reference-cache.js';

export interface Principal {
  kind: 'user' | 'api_key' | 'anonymous';
  userId: number | null;
  apiKeyId: number | null;
  role: Role;
  username: string;
  displayName: string;
  unitId: number | null;
  /** units whose tickets this principal handles: own unit, or the subtree for a unit lead */
  unitIds: number[];
  scopes: string[];
  sessionId: string | null;
  csrfToken: string | null;
}

export const ANONYMOUS: Principal = {
  kind: 'anonymous',
  userId: null,
  apiKeyId: null,
  role: 'citizen',
  username: 'anonymous',
  displayName: '匿名 / anonymous',
  unitId: null,
  unitIds: [],
  scopes: [],
  sessionId: null,
  csrfToken: null,
};

export function unitReach(ref: ReferenceData, role: Role, unitId: number | null): number[] {
  if (unitId === null) return [];
  if (role === 'unit_lead') return [unitId, ...subtreeUnitIds(ref, unitId).filter((id) => id !== unitId)];
  return [unitId];
}

export function actorOf(p: Principal): Actor {
  return { role: p.role, userId: p.userId, unitIds: p.unitIds };
}
