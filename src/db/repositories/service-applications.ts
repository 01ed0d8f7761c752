/**
 * Applications 办件, their events, files and warnings. Locking follows the
 * ticket repository: a state change takes the row FOR UPDATE first.
 */
import type { Executor, Trx } from '../database.js';
import type {
  ApplicationEventRow,
  ApplicationFileRow,
  ApplicationRow,
  AuthorisationRow,
} from '../schema-services.js';

export async function findApplication(db: Executor, id: number): Promise<ApplicationRow | undefined> {
  return db.selectFrom('service_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findApplicationByNumber(
  db: Executor,
  number: string,
): Promise<ApplicationRow | undefined> {
  return db.selectFrom('service_applications').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function lockApplication(trx: Trx, id: number): Promise<ApplicationRow | undefined> {
  return trx
    .selectFrom('service_applications')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findAuthorisation(db: Executor, id: number): Promise<AuthorisationRow | undefined> {
  return db.selectFrom('service_authorisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewApplicationEvent {
  applicationId: number;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorUserId: number | null;
  actorRole: string;
  actorUnitId: number | null;
  at: Date;
  reason: string | null;
  data?: Record<string, unknown>;
  public?: boolean;
}

export async function appendApplicationEvent(db: Executor, e: NewApplicationEvent): Promise<void> {
  await db
    .insertInto('service_application_events')
    .values({
      application_id: e.applicationId,
      seq: e.seq,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      actor_user_id: e.actorUserId,
      actor_role: e.actorRole,
      actor_unit_id: e.actorUnitId,
      at: e.at,
      reason: e.reason,
      data: JSON.stringify(e.data ?? {}),
      public: e.public ?? true,
    })
    .execute();
}

export async function listApplicationEvents(
  db: Executor,
  applicationId: number,
): Promise<ApplicationEventRow[]> {
  return db
    .selectFrom('service_application_events')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('seq')
    .execute();
}

export async function listApplicationFiles(
  db: Executor,
  applicationId: number,
): Promise<ApplicationFileRow[]> {
  return db
    .selectFrom('service_application_files')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

/** `clock:colour` keys of the warnings issued in a submission round. */
export async function issuedWarnings(
  db: Executor,
  applicationId: number,
  round: number,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('service_application_warnings')
    .select(['clock', 'colour'])
    .where('application_id', '=', applicationId)
    .where('round', '=', round)
    .execute();
  return new Set(rows.map((r) => `${r.clock}:${r.colour}`));
}

export type ApplicationScope =
  | { kind: 'all' }
  | { kind: 'departments'; unitIds: readonly number[] }
  | { kind: 'applicant'; userId: number }
  | { kind: 'filed'; userId: number };

export interface ApplicationListFilter {
  scope: ApplicationScope;
  statuses?: readonly string[];
  matterId?: number;
  departmentId?: number;
  card?: 'yellow' | 'red';
  /** id of the last item of the previous page */
  before?: number;
  limit: number;
}

/** Newest first, keyset-paged by id. */
export async function listApplications(db: Executor, f: ApplicationListFilter): Promise<ApplicationRow[]> {
  let q = db.selectFrom('service_applications').selectAll().orderBy('id', 'desc').limit(f.limit);
  const s = f.scope;
  if (s.kind === 'departments') {
    if (s.unitIds.length === 0) return [];
    q = q.where('department_id', 'in', s.unitIds);
  } else if (s.kind === 'applicant') {
    q = q.where('applicant_user_id', '=', s.userId);
  } else if (s.kind === 'filed') {
    q = q.where('filed_by_user_id', '=', s.userId).where('filed_by_role', '=', 'village_agent');
  }
  if (f.statuses && f.statuses.length > 0) q = q.where('status', 'in', f.statuses);
  if (f.matterId !== undefined) q = q.where('matter_id', '=', f.matterId);
  if (f.departmentId !== undefined) q = q.where('department_id', '=', f.departmentId);
  if (f.card !== undefined) q = q.where('card', '=', f.card);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  return q.execute();
}
