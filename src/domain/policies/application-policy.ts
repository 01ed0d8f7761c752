/**
 * Who may see an online application 办件 and its applicant's personal data,
 * and which actions they may take now: one declarative table per role, read
 * by the API (404 for what a caller may not see) and by the web app (which
 * hides what the table denies). Pure.
 */
import {
  APPLICATION_RULES,
  type ApplicationAction,
  type ApplicationActor,
  type ApplicationSnapshot,
  actsAsApplicant,
} from '../applications.js';
import type { Role } from '../vocabulary.js';

/**
 * all: every application; department: those of the caller's department;
 * applicant: those the caller applied for (own account); filed: those the
 * caller filed as village agent; none.
 */
export type ApplicationVisibility = 'all' | 'department' | 'applicant' | 'filed' | 'none';

export interface ApplicationRolePolicy {
  view: ApplicationVisibility;
  /** sees the applicant's name, ID and phone and the form's personal fields in clear */
  personalData: boolean;
}

export const APPLICATION_POLICY: Record<Role, ApplicationRolePolicy> = {
  citizen: { view: 'applicant', personalData: true },
  village_agent: { view: 'filed', personalData: true },
  reviewer: { view: 'department', personalData: true },
  supervisor: { view: 'all', personalData: false },
  admin: { view: 'all', personalData: false },
  system: { view: 'all', personalData: true },
  agent: { view: 'none', personalData: false },
  dispatcher: { view: 'none', personalData: false },
  handler: { view: 'none', personalData: false },
  unit_lead: { view: 'none', personalData: false },
  api_client: { view: 'none', personalData: false },
};

export type ApplicationFacts = Pick<
  ApplicationSnapshot,
  'departmentId' | 'applicantUserId' | 'filedByUserId' | 'filedByRole'
>;

export function canViewApplication(viewer: ApplicationActor, app: ApplicationFacts): boolean {
  switch (APPLICATION_POLICY[viewer.role].view) {
    case 'all':
      return true;
    case 'department':
      return viewer.unitIds.includes(app.departmentId);
    case 'applicant':
      return viewer.userId !== null && app.applicantUserId === viewer.userId;
    case 'filed':
      return (
        viewer.userId !== null && app.filedByRole === 'village_agent' && app.filedByUserId === viewer.userId
      );
    case 'none':
      return false;
  }
}

export function canSeeApplicantData(viewer: ApplicationActor, app: ApplicationFacts): boolean {
  return APPLICATION_POLICY[viewer.role].personalData && canViewApplication(viewer, app);
}

const SYSTEM_ONLY: readonly ApplicationAction[] = ['create', 'yellow_card', 'red_card'];

/**
 * The actions the viewer may take on the application now, in table order.
 * Guards that need more than the snapshot (a valid authorisation, complete
 * materials) are left to decideApplication and the use case.
 */
export function availableApplicationActions(
  viewer: ApplicationActor,
  app: ApplicationSnapshot,
): ApplicationAction[] {
  if (!canViewApplication(viewer, app)) return [];
  return APPLICATION_RULES.filter((r) => {
    if (SYSTEM_ONLY.includes(r.action) || !r.roles.includes(viewer.role) || !r.from?.includes(app.status))
      return false;
    if (r.scope === 'applicant' && !actsAsApplicant(viewer, app)) return false;
    if (r.scope === 'department' && !viewer.unitIds.includes(app.departmentId)) return false;
    if (r.action === 'advance') return app.reviewStep < app.reviewStepCount - 1;
    if (r.action === 'approve') return app.reviewStep >= app.reviewStepCount - 1;
    return true;
  }).map((r) => r.action);
}
