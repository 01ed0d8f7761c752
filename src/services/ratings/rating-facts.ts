/** The parts of an application the rating rules need, without loading its matter version. */
import type { ApplicationRow } from '../../db/schema-services.js';
import type { ApplicationSnapshot, ApplicationStatus } from '../../domain/applications.js';

export function snapshotOfApplicationFacts(app: ApplicationRow): ApplicationSnapshot {
  return {
    status: app.status as ApplicationStatus,
    matterId: app.matter_id,
    departmentId: app.department_id,
    applicantUserId: app.applicant_user_id,
    filedByUserId: app.filed_by_user_id,
    filedByRole: app.filed_by_role === 'village_agent' ? 'village_agent' : 'citizen',
    authorisation: null,
    reviewStep: app.review_step,
    reviewStepCount: 1,
  };
}
