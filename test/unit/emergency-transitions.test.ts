/**
 * The incident state table, exhaustively: every action from every status by
 * every role, inside and outside the lead unit, with and without a reason.
 */
import { describe, expect, it } from 'vitest';
import {
  decideIncident,
  INCIDENT_ACTIONS,
  INCIDENT_TRANSITIONS,
  type IncidentAction,
  type IncidentActor,
  type IncidentInput,
  type IncidentSnapshot,
  incidentRuleFor,
} from '../../src/domain/emergency/transitions.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../src/domain/emergency/vocabulary.js';
import { AppError } from '../../src/domain/errors.js';
import { ROLES, type Role } from '../../src/domain/vocabulary.js';

const LEAD = 7;
const OTHER = 9;

function input(action: IncidentAction, reason: string | undefined): IncidentInput {
  switch (action) {
    case 'report':
      return { action, type: 'gas', level: 'III', drill: false, reason };
    case 'change_level':
      return { action, level: 'II', reason };
    case 'link_ticket':
      return { action, ticketId: 1, reason };
    case 'notify':
      return { action, round: 1, linkIndex: 0, reason };
    case 'chain_exhausted':
      return { action, round: 1, reason };
    case 'resume':
    case 'close':
    case 'note':
      return { action, reason: reason ?? '' };
    default:
      return { action, reason } as IncidentInput;
  }
}

function snapshot(status: IncidentStatus): IncidentSnapshot {
  return { status, level: 'III', leadUnitId: LEAD, drill: false };
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const actorFor = (role: Role, unitIds: number[], centre = false): IncidentActor => ({
  role,
  userId: 1,
  unitIds,
  centre,
});

describe('incident transitions, exhaustively', () => {
  it('has one rule per action', () => {
    expect(INCIDENT_TRANSITIONS.map((r) => r.action).sort()).toEqual([...INCIDENT_ACTIONS].sort());
  });

  for (const action of INCIDENT_ACTIONS) {
    const rule = incidentRuleFor(action);
    it(`${action}: every status × role × unit × reason`, () => {
      const statuses: (IncidentStatus | null)[] = [null, ...INCIDENT_STATUSES];
      for (const status of statuses) {
        for (const role of ROLES) {
          for (const unitIds of [[LEAD], [OTHER], []]) {
            for (const reason of ['因为现场确认', undefined]) {
              const actor = actorFor(role, unitIds);
              const code = codeOf(() =>
                decideIncident(status === null ? null : snapshot(status), input(action, reason), actor),
              );
              let expected: string | null = null;
              const centreRole = ['agent', 'dispatcher', 'supervisor'].includes(role);
              if (!rule.roles.includes(role)) expected = 'INCIDENT_ROLE_NOT_ALLOWED';
              else if (rule.from === null ? status !== null : status === null || !rule.from.includes(status))
                expected = 'INCIDENT_TRANSITION_NOT_ALLOWED';
              else if (
                rule.scope === 'lead_unit' &&
                status !== null &&
                !centreRole &&
                !unitIds.includes(LEAD)
              )
                expected = 'INCIDENT_NOT_LEAD_UNIT';
              else if (rule.reasonRequired && reason === undefined) expected = 'REASON_REQUIRED';
              expect(code, `${action} from ${status} by ${role} in ${unitIds} reason ${reason}`).toBe(
                expected,
              );
            }
          }
        }
      }
    });
  }

  it('moves the status as the table says', () => {
    const dispatcher = actorFor('dispatcher', []);
    expect(decideIncident(null, input('report', undefined), dispatcher).to).toBe('reported');
    expect(decideIncident(snapshot('reported'), input('confirm', undefined), dispatcher).to).toBe(
      'confirmed',
    );
    expect(decideIncident(snapshot('reported'), input('respond', undefined), dispatcher).to).toBe(
      'responding',
    );
    expect(decideIncident(snapshot('responding'), input('contain', undefined), dispatcher).to).toBe(
      'contained',
    );
    expect(decideIncident(snapshot('contained'), input('resume', '复燃'), dispatcher).to).toBe('responding');
    expect(decideIncident(snapshot('contained'), input('close', '处置完毕'), dispatcher).to).toBe('closed');
    expect(decideIncident(snapshot('responding'), input('note', '到场'), dispatcher).to).toBe('responding');
  });

  it('a command-centre handler acts like the centre on any incident', () => {
    const centreHandler = actorFor('handler', [OTHER], true);
    expect(decideIncident(snapshot('reported'), input('confirm', undefined), centreHandler).to).toBe(
      'confirmed',
    );
  });

  it('a blank reason is no reason', () => {
    const d = actorFor('dispatcher', []);
    expect(
      codeOf(() =>
        decideIncident(snapshot('responding'), { action: 'change_level', level: 'II', reason: '  ' }, d),
      ),
    ).toBe('REASON_REQUIRED');
  });

  it('refuses unknown types and levels, and a level that does not change', () => {
    const d = actorFor('dispatcher', []);
    expect(
      codeOf(() => decideIncident(null, { action: 'report', type: 'alien', level: 'III', drill: false }, d)),
    ).toBe('INCIDENT_TYPE_UNKNOWN');
    expect(
      codeOf(() => decideIncident(null, { action: 'report', type: 'gas', level: 'V', drill: false }, d)),
    ).toBe('INCIDENT_LEVEL_UNKNOWN');
    expect(
      codeOf(() =>
        decideIncident(snapshot('reported'), { action: 'change_level', level: 'X', reason: '升级' }, d),
      ),
    ).toBe('INCIDENT_LEVEL_UNKNOWN');
    expect(
      codeOf(() =>
        decideIncident(snapshot('reported'), { action: 'change_level', level: 'III', reason: '同级' }, d),
      ),
    ).toBe('INCIDENT_LEVEL_UNCHANGED');
    const changed = decideIncident(
      snapshot('reported'),
      { action: 'change_level', level: 'I', reason: '死亡人数上升' },
      d,
    );
    expect(changed.event.data).toEqual({ from: 'III', to: 'I' });
    expect(changed.event.reason).toBe('死亡人数上升');
  });

  it('a drill takes no tickets', () => {
    const d = actorFor('dispatcher', []);
    expect(
      codeOf(() =>
        decideIncident({ ...snapshot('reported'), drill: true }, { action: 'link_ticket', ticketId: 3 }, d),
      ),
    ).toBe('INCIDENT_DRILL_NO_TICKETS');
  });
});
