/** The incident policy table: who sees which incident and which actions each role is offered. */
import { describe, expect, it } from 'vitest';
import {
  availableIncidentActions,
  canReadMetrics,
  canViewIncident,
  INCIDENT_POLICY,
  type IncidentActionFacts,
  isCommandCentre,
  seesAllIncidents,
} from '../../src/domain/policies/incident-policy.js';
import { ROLES, type Role } from '../../src/domain/vocabulary.js';

const CENTRE = 1;
const LEAD = 20;
const OTHER = 30;
const viewer = (role: Role, unitIds: number[] = [], userId: number | null = 5) => ({ role, userId, unitIds });
const facts = (over: Partial<IncidentActionFacts> = {}): IncidentActionFacts => ({
  leadUnitId: LEAD,
  involvedUnitIds: [LEAD],
  notifiedUserIds: [],
  status: 'reported',
  drill: false,
  pendingNoticeForViewer: false,
  ...over,
});

describe('incident policy', () => {
  it('has a row for every role', () => {
    expect(Object.keys(INCIDENT_POLICY).sort()).toEqual([...ROLES].sort());
  });

  it('centre roles, supervisors and admins see all; unit staff their units; others nothing', () => {
    for (const role of ROLES) {
      const view = INCIDENT_POLICY[role].view;
      expect(canViewIncident(viewer(role, [OTHER]), facts(), CENTRE), role).toBe(view === 'all');
      expect(canViewIncident(viewer(role, [LEAD]), facts(), CENTRE), role).toBe(view !== 'none');
    }
  });

  it('the centre unit is the command centre; a notified user sees what they were told', () => {
    expect(isCommandCentre(viewer('handler', [CENTRE]), CENTRE)).toBe(true);
    expect(seesAllIncidents(viewer('handler', [CENTRE]), CENTRE)).toBe(true);
    expect(canViewIncident(viewer('handler', [CENTRE]), facts(), CENTRE)).toBe(true);
    expect(isCommandCentre(viewer('reviewer', [CENTRE]), CENTRE)).toBe(false);
    expect(canViewIncident(viewer('handler', [OTHER], 77), facts({ notifiedUserIds: [77] }), CENTRE)).toBe(
      true,
    );
    expect(canViewIncident(viewer('reviewer', [LEAD], 77), facts({ notifiedUserIds: [77] }), CENTRE)).toBe(
      false,
    );
  });

  it('figures for the centre and leadership, not for units or agents', () => {
    expect(canReadMetrics(viewer('supervisor'), CENTRE)).toBe(true);
    expect(canReadMetrics(viewer('dispatcher'), CENTRE)).toBe(true);
    expect(canReadMetrics(viewer('agent'), CENTRE)).toBe(false);
    expect(canReadMetrics(viewer('handler', [LEAD]), CENTRE)).toBe(false);
    expect(canReadMetrics(viewer('unit_lead', [CENTRE]), CENTRE)).toBe(true);
  });

  it('offers the actions the table allows', () => {
    expect(availableIncidentActions(viewer('dispatcher'), facts(), CENTRE)).toEqual([
      'confirm',
      'respond',
      'close',
      'change_level',
      'link_ticket',
      'note',
    ]);
    expect(
      availableIncidentActions(viewer('handler', [LEAD]), facts({ status: 'responding' }), CENTRE),
    ).toEqual(['contain', 'note']);
    expect(
      availableIncidentActions(
        viewer('handler', [OTHER]),
        facts({ notifiedUserIds: [5], pendingNoticeForViewer: true }),
        CENTRE,
      ),
    ).toEqual(['acknowledge']);
    expect(availableIncidentActions(viewer('dispatcher'), facts({ drill: true }), CENTRE)).not.toContain(
      'link_ticket',
    );
    expect(availableIncidentActions(viewer('supervisor'), facts({ status: 'closed' }), CENTRE)).toEqual([]);
    expect(availableIncidentActions(viewer('citizen'), facts(), CENTRE)).toEqual([]);
  });
});
