/**
 * Idempotency keys: a retried POST with the same Idempotency-Key returns the
 * first answer and creates nothing new. Creating use cases claim the key in
 * the same transaction as the thing they create, so even a crash between
 * commit and response cannot turn a retry into a duplicate.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';
import { canonicalJson } from '../db/repositories/ticket-events.js';
import { AppError } from '../domain/errors.js';

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'resource'; resourceType: string; resourceId: number }
  | { kind: 'in_progress' };

export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

export async function lookupIdempotency(db: Executor, claim: IdempotencyClaim): Promise<IdempotencyLookup> {
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .executeTakeFirst();
  if (!row) return { kind: 'new' };
  if (row.request_hash !== claim.requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (row.status_code !== null) return { kind: 'replay', status: row.status_code, body: row.response };
  if (row.resource_type && row.resource_id !== null) {
    return { kind: 'resource', resourceType: row.resource_type, resourceId: row.resource_id };
  }
  return { kind: 'in_progress' };
}

/** Inserts the claim; false when someone holds it already (the caller looks it up again). */
export async function claimIdempotency(
  db: Executor,
  claim: IdempotencyClaim,
  resource?: { type: string; id: number },
): Promise<boolean> {
  const res = await db
    .insertInto('idempotency_keys')
    .values({
      scope: claim.scope,
      key: claim.key,
      request_hash: claim.requestHash,
      resource_type: resource?.type ?? null,
      resource_id: resource?.id ?? null,
    })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function storeIdempotentResponse(
  db: Executor,
  claim: IdempotencyClaim,
  status: number,
  body: unknown,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: status, response: JSON.stringify(body ?? null) })
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .execute();
}

export async function releaseIdempotency(db: Executor, claim: IdempotencyClaim): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('status_code', 'is', null)
    .where('resource_id', 'is', null)
    .execute();
}
