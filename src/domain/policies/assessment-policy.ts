/**
 * Who sees which assessment 考核 figures. The hotline centre and the
 * district's leaders see everything. A unit's staff see the ranking of their
 * peer groups (figures only) and the tickets behind their own units' cells;
 * the tickets behind another unit's cell are answered like a unit that does
 * not exist (404), as the ticket policy does for tickets. Pure.
 */
import type { Role } from '../vocabulary.js';

export type AssessmentReach =
  /** every unit, every ticket list */
  | { kind: 'all' }
  /** the peer groups of these units; ticket lists of these units only */
  | { kind: 'units'; unitIds: readonly number[] };

const SEES_ALL: readonly Role[] = ['supervisor', 'dispatcher', 'agent', 'admin', 'system'];
const SEES_OWN: readonly Role[] = ['unit_lead', 'handler'];

/** null: the role sees no assessment at all. */
export function assessmentReach(viewer: { role: Role; unitIds: readonly number[] }): AssessmentReach | null {
  if (SEES_ALL.includes(viewer.role)) return { kind: 'all' };
  if (SEES_OWN.includes(viewer.role) && viewer.unitIds.length > 0)
    return { kind: 'units', unitIds: viewer.unitIds };
  return null;
}

/** May the viewer open the tickets behind a cell of this unit (and its report and trend)? */
export function canDrillDown(reach: AssessmentReach, unitId: number): boolean {
  return reach.kind === 'all' || reach.unitIds.includes(unitId);
}
