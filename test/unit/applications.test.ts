/**
 * Every (status, action, role) combination of the application lifecycle,
 * written out here independently of src/domain/applications.ts, plus the
 * scope rules (applicant, agent with authorisation, department), the guards
 * and the policy table's visibility and available actions.
 */
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ACTIONS,
  APPLICATION_RULES,
  APPLICATION_STATUSES,
  type ApplicationAction,
  type ApplicationActor,
  type ApplicationInput,
  type ApplicationSnapshot,
  type ApplicationStatus,
  decideApplication,
} from '../../src/domain/applications.js';
import { AppError } from '../../src/domain/errors.js';
import {
  APPLICATION_POLICY,
  availableApplicationActions,
  canSeeApplicantData,
  canViewApplication,
} from '../../src/domain/policies/application-policy.js';
import { ROLES, type Role } from '../../src/domain/vocabulary.js';

const NOW = new Date('2024-11-26T10:00:00+08:00');
const DAY = 86_400_000;
const DEPT = 30;
const APPLICANT = 7;
const AGENT = 8;
const MATTER = 5;

const EDITABLE = 'draft correction_requested';
const FILERS = 'citizen village_agent';
/** action → [from statuses, to status, roles], transcribed from the design (docs/online-services.md). */
const TABLE: Record<ApplicationAction, [string, string, string]> = {
  create: ['-', 'draft', FILERS],
  edit: [EDITABLE, 'same', FILERS],
  upload: [EDITABLE, 'same', FILERS],
  remove_file: [EDITABLE, 'same', FILERS],
  submit: [EDITABLE, 'submitted', FILERS],
  withdraw: ['draft submitted correction_requested in_review', 'withdrawn', FILERS],
  accept: ['submitted', 'in_review', 'reviewer'],
  not_accept: ['submitted', 'not_accepted', 'reviewer'],
  request_correction: ['submitted', 'correction_requested', 'reviewer'],
  advance: ['in_review', 'same', 'reviewer'],
  approve: ['in_review', 'approved', 'reviewer'],
  refuse: ['in_review', 'refused', 'reviewer'],
  issue_certificate: ['approved', 'certified', 'reviewer'],
  yellow_card: ['submitted in_review approved', 'same', 'system'],
  red_card: ['submitted in_review approved', 'same', 'system'],
};

const validAuthorisation = {
  matterId: MATTER,
  validFrom: new Date(NOW.getTime() - DAY),
  validUntil: new Date(NOW.getTime() + DAY),
  withdrawnAt: null,
};

function snapshot(status: ApplicationStatus, o: Partial<ApplicationSnapshot> = {}): ApplicationSnapshot {
  return {
    status,
    matterId: MATTER,
    departmentId: DEPT,
    applicantUserId: APPLICANT,
    filedByUserId: AGENT,
    filedByRole: 'village_agent',
    authorisation: validAuthorisation,
    reviewStep: 1,
    reviewStepCount: 2,
    ...o,
  };
}

/** The actor who is in scope for the action when holding `role`. */
function actorFor(role: Role): ApplicationActor {
  if (role === 'citizen') return { role, userId: APPLICANT, unitIds: [] };
  if (role === 'village_agent') return { role, userId: AGENT, unitIds: [] };
  return { role, userId: 99, unitIds: [DEPT] };
}

function inputFor(action: ApplicationAction): ApplicationInput {
  switch (action) {
    case 'create':
      return { action, matterId: MATTER, authorisation: validAuthorisation };
    case 'not_accept':
    case 'refuse':
      return { action, reason: '理由' };
    case 'request_correction':
      return { action, reason: '补正', items: [{ field: 'name', note: '姓名与身份证不一致' }] };
    case 'yellow_card':
    case 'red_card':
      return { action, clock: 'accept' };
    case 'advance':
      return { action };
    default:
      return { action };
  }
}

function codeOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe('the application transition table', () => {
  it('covers every action once', () => {
    expect(APPLICATION_RULES.map((r) => r.action).sort()).toEqual([...APPLICATION_ACTIONS].sort());
  });

  for (const action of APPLICATION_ACTIONS) {
    const [from, to, roles] = TABLE[action];
    const allowedRoles = roles.split(' ');
    const allowedFrom = from.split(' ');
    it(`${action}: from ${from} by ${roles}`, () => {
      for (const role of ROLES) {
        const statuses: (ApplicationStatus | null)[] =
          action === 'create' ? [null] : [...APPLICATION_STATUSES];
        for (const status of statuses) {
          // `advance` needs a step left; `approve` the last step.
          const s = status === null ? null : snapshot(status, { reviewStep: action === 'advance' ? 0 : 1 });
          const code = codeOf(() => decideApplication(s, inputFor(action), actorFor(role), NOW));
          const label = `${role} ${action} on ${status}`;
          if (!allowedRoles.includes(role)) {
            expect(code, label).toBe('APPLICATION_ROLE_NOT_ALLOWED');
          } else if (status !== null && !allowedFrom.includes(status)) {
            expect(code, label).toBe('APPLICATION_TRANSITION_NOT_ALLOWED');
          } else {
            expect(code, label).toBeNull();
            if (s) {
              const d = decideApplication(s, inputFor(action), actorFor(role), NOW);
              expect(d.to, label).toBe(to === 'same' ? status : to);
            }
          }
        }
      }
    });
  }
});

describe('scopes and guards', () => {
  const reviewerElsewhere: ApplicationActor = { role: 'reviewer', userId: 50, unitIds: [DEPT + 1] };

  it('lets only the department’s reviewers review', () => {
    expect(
      codeOf(() => decideApplication(snapshot('submitted'), { action: 'accept' }, reviewerElsewhere, NOW)),
    ).toBe('APPLICATION_NOT_DEPARTMENT');
  });

  it('lets only the applicant or the filing agent act as applicant', () => {
    const stranger: ApplicationActor = { role: 'citizen', userId: 1234, unitIds: [] };
    const otherAgent: ApplicationActor = { role: 'village_agent', userId: 4321, unitIds: [] };
    for (const actor of [stranger, otherAgent]) {
      expect(codeOf(() => decideApplication(snapshot('draft'), { action: 'edit' }, actor, NOW))).toBe(
        'APPLICATION_NOT_APPLICANT',
      );
    }
    const selfFiled = snapshot('draft', {
      filedByRole: 'citizen',
      filedByUserId: APPLICANT,
      authorisation: null,
    });
    expect(
      codeOf(() => decideApplication(selfFiled, { action: 'edit' }, actorFor('village_agent'), NOW)),
    ).toBe('APPLICATION_NOT_APPLICANT');
    expect(
      codeOf(() => decideApplication(selfFiled, { action: 'submit' }, actorFor('citizen'), NOW)),
    ).toBeNull();
  });

  it('holds an agent to an authorisation in force for the matter, except to withdraw', () => {
    const agent = actorFor('village_agent');
    const cases: [ApplicationSnapshot['authorisation'], string][] = [
      [null, 'AUTHORISATION_REQUIRED'],
      [{ ...validAuthorisation, withdrawnAt: NOW }, 'AUTHORISATION_WITHDRAWN'],
      [{ ...validAuthorisation, matterId: MATTER + 1 }, 'AUTHORISATION_WRONG_MATTER'],
      [{ ...validAuthorisation, validUntil: new Date(NOW.getTime() - 1) }, 'AUTHORISATION_EXPIRED'],
      [{ ...validAuthorisation, validFrom: new Date(NOW.getTime() + 1) }, 'AUTHORISATION_EXPIRED'],
    ];
    for (const [authorisation, code] of cases) {
      expect(
        codeOf(() =>
          decideApplication(snapshot('draft', { authorisation }), { action: 'submit' }, agent, NOW),
        ),
      ).toBe(code);
      expect(
        codeOf(() =>
          decideApplication(null, { action: 'create', matterId: MATTER, authorisation }, agent, NOW),
        ),
      ).toBe(code);
      expect(
        codeOf(() =>
          decideApplication(snapshot('draft', { authorisation }), { action: 'withdraw' }, agent, NOW),
        ),
      ).toBeNull();
    }
    // The villager with an account needs no authorisation to act on their own application.
    const expired = snapshot('draft', { authorisation: { ...validAuthorisation, validUntil: new Date(0) } });
    expect(
      codeOf(() => decideApplication(expired, { action: 'submit' }, actorFor('citizen'), NOW)),
    ).toBeNull();
    // A citizen creates without any authorisation.
    expect(
      codeOf(() =>
        decideApplication(
          null,
          { action: 'create', matterId: MATTER, authorisation: null },
          actorFor('citizen'),
          NOW,
        ),
      ),
    ).toBeNull();
  });

  it('requires reasons and correction items, and walks the review steps in order', () => {
    const reviewer = actorFor('reviewer');
    expect(
      codeOf(() =>
        decideApplication(snapshot('in_review'), { action: 'refuse', reason: '  ' }, reviewer, NOW),
      ),
    ).toBe('REASON_REQUIRED');
    expect(
      codeOf(() =>
        decideApplication(snapshot('submitted'), { action: 'not_accept', reason: '' }, reviewer, NOW),
      ),
    ).toBe('REASON_REQUIRED');
    expect(
      codeOf(() =>
        decideApplication(
          snapshot('submitted'),
          { action: 'request_correction', reason: '补正', items: [] },
          reviewer,
          NOW,
        ),
      ),
    ).toBe('CORRECTION_ITEMS_REQUIRED');
    const first = snapshot('in_review', { reviewStep: 0, reviewStepCount: 3 });
    expect(codeOf(() => decideApplication(first, { action: 'approve' }, reviewer, NOW))).toBe(
      'REVIEW_STEPS_PENDING',
    );
    expect(decideApplication(first, { action: 'advance' }, reviewer, NOW).reviewStep).toBe(1);
    const last = snapshot('in_review', { reviewStep: 2, reviewStepCount: 3 });
    expect(codeOf(() => decideApplication(last, { action: 'advance' }, reviewer, NOW))).toBe(
      'REVIEW_STEP_LAST',
    );
    expect(decideApplication(last, { action: 'approve' }, reviewer, NOW).to).toBe('approved');
    // Refusal is possible at any step.
    expect(decideApplication(first, { action: 'refuse', reason: '不符合条件' }, reviewer, NOW).to).toBe(
      'refused',
    );
  });
});

describe('the application policy', () => {
  const facts = {
    departmentId: DEPT,
    applicantUserId: APPLICANT,
    filedByUserId: AGENT,
    filedByRole: 'village_agent' as const,
  };

  it('shows each role exactly what its row says', () => {
    const expected: Record<Role, boolean> = {
      citizen: true,
      village_agent: true,
      reviewer: true,
      supervisor: true,
      admin: true,
      system: true,
      agent: false,
      dispatcher: false,
      handler: false,
      unit_lead: false,
      api_client: false,
    };
    for (const role of ROLES) expect(canViewApplication(actorFor(role), facts), role).toBe(expected[role]);
    expect(canViewApplication({ role: 'citizen', userId: 1, unitIds: [] }, facts)).toBe(false);
    expect(canViewApplication({ role: 'village_agent', userId: 1, unitIds: [] }, facts)).toBe(false);
    expect(canViewApplication({ role: 'reviewer', userId: 1, unitIds: [DEPT + 1] }, facts)).toBe(false);
    expect(
      canViewApplication({ role: 'citizen', userId: null, unitIds: [] }, { ...facts, applicantUserId: null }),
    ).toBe(false);
    expect(canSeeApplicantData(actorFor('supervisor'), facts)).toBe(false);
    expect(canSeeApplicantData(actorFor('admin'), facts)).toBe(false);
    expect(canSeeApplicantData(actorFor('reviewer'), facts)).toBe(true);
    expect(APPLICATION_POLICY.handler.view).toBe('none');
  });

  it('offers only actions decideApplication would allow', () => {
    for (const role of ROLES) {
      for (const status of APPLICATION_STATUSES) {
        for (const reviewStep of [0, 1]) {
          const s = snapshot(status, { reviewStep });
          const actor = actorFor(role);
          const offered = availableApplicationActions(actor, s);
          for (const action of APPLICATION_ACTIONS) {
            if (action === 'create') continue;
            const allowed = codeOf(() => decideApplication(s, inputFor(action), actor, NOW)) === null;
            const system = action === 'yellow_card' || action === 'red_card';
            expect(offered.includes(action), `${role} ${action} ${status} step ${reviewStep}`).toBe(
              allowed && !system,
            );
          }
        }
      }
    }
  });

  it('offers nothing to a caller who may not see the application', () => {
    expect(
      availableApplicationActions(
        { role: 'reviewer', userId: 1, unitIds: [DEPT + 1] },
        snapshot('submitted'),
      ),
    ).toEqual([]);
  });
});
