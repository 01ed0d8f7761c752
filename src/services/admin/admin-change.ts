/**
 * What every administration 系统管理 use case shares: who acts, one
 * transaction per change with its audit rows, and a fresh reference cache
 * once the change is committed.
 */
import type { Trx } from '../../db/database.js';
import { AppError, type FieldIssue } from '../../domain/errors.js';
import type { Role } from '../../domain/vocabulary.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';

/** An admin signed in over HTTP, or the operator at the CLI (role `system`, no user). */
export interface AdminActor {
  userId: number | null;
  role: Role;
  ip?: string | null;
}

export const CLI_ACTOR: AdminActor = { userId: null, role: 'system', ip: null };

export interface Change {
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

export type Audit = (change: Change) => Promise<void>;

/**
 * Runs `work` in one transaction with an `audit` function that writes an
 * audit_log row inside it, so a change and its record commit together or not
 * at all. The reference cache is dropped only after commit: dropping it
 * earlier would let a concurrent request reload the old rows and keep them
 * for a whole TTL.
 *
 * `work` must read through `trx`, never `ctx.db` or `ctx.reference.get()`:
 * on PGlite the pool has one connection, which the transaction holds.
 */
export async function adminTransaction<T>(
  ctx: ServiceContext,
  actor: AdminActor,
  work: (trx: Trx, audit: Audit) => Promise<T>,
): Promise<T> {
  const result = await inTransaction(ctx.db, (trx) =>
    work(trx, (c) =>
      recordAudit(trx, {
        actorUserId: actor.userId,
        actorRole: actor.role,
        action: c.action,
        subjectType: c.subjectType,
        subjectId: String(c.subjectId),
        detail: {
          ...(c.before === undefined ? {} : { before: c.before }),
          ...(c.after === undefined ? {} : { after: c.after }),
          ...(c.detail ?? {}),
        },
        ip: actor.ip ?? null,
      }),
    ),
  );
  ctx.reference.invalidate();
  // a user disabled, re-roled or reset must not keep a cached session here (other processes: NOTIFY)
  ctx.sessions.clear();
  return result;
}

/** One VALIDATION_FAILED with a single field issue: most refusals name one field. */
export function invalidField(path: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', {}, [{ path, code, message }]);
}

export function invalidFields(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', {}, issues);
}

/** An update must change something; an empty patch is a client mistake worth saying so. */
export function requireSomeField(patch: object): void {
  if (Object.values(patch).every((v) => v === undefined)) {
    throw invalidField('', 'empty', 'nothing to change / 没有要修改的内容');
  }
}
