/**
 * The audit log records what the ticket event log does not: views of
 * personal data, sign-ins, and changes to users, keys and reference data.
 */
import type { Executor } from '../db/database.js';

export interface AuditEntry {
  actorUserId: number | null;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export async function recordAudit(db: Executor, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: e.actorUserId,
      actor_role: e.actorRole,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      detail: JSON.stringify(e.detail ?? {}),
      ip: e.ip ?? null,
    })
    .execute();
}
