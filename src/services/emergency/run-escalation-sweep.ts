/**
 * 逐级上报巡检 The escalation sweep, run every minute: finds the incidents
 * whose `next_escalation_at` has come (through its partial index, never by
 * scanning open incidents), and for each notifies the links now due and
 * records a chain that ran out — see ./advance-escalation.ts.
 *
 * Several processes: each batch claims its incidents with FOR UPDATE SKIP
 * LOCKED, so two sweeps (or a sweep and an acknowledgement) never work on
 * the same incident at once; notices are unique per incident, round and
 * link, so a repeat notifies nobody twice.
 */
import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import { OPEN_INCIDENT_STATUSES } from '../../domain/emergency/vocabulary.js';
import type { ServiceContext } from '../context.js';
import type { ReferenceData } from '../reference-cache.js';
import { inTransaction } from '../transaction.js';
import { advanceEscalation } from './advance-escalation.js';

export interface RunEscalationSweepOptions {
  /** incidents per transaction */
  batchSize?: number;
  maxBatches?: number;
  /** told about an incident that could not be swept; it is retried a minute later */
  onError?: (incidentId: number, error: unknown) => void;
}

export interface EscalationSweepResult {
  checked: number;
  notified: number;
  unfilled: number;
  exhausted: number;
}

const RETRY_BATCH = new Set(['40001', '40P01']);
/** An incident that failed is looked at again soon: escalation runs in minutes, not hours. */
const RETRY_BROKEN_MS = 60_000;

export async function runEscalationSweep(
  ctx: ServiceContext,
  options: RunEscalationSweepOptions = {},
): Promise<EscalationSweepResult> {
  // One instant for the whole run: an incident moved to a later check is never claimed twice.
  const now = ctx.clock();
  const size = Math.max(1, options.batchSize ?? 100);
  const onError = options.onError ?? defaultOnError;
  const result: EscalationSweepResult = { checked: 0, notified: 0, unfilled: 0, exhausted: 0 };
  let wroteOutbox = false;
  for (let batch = 0; batch < (options.maxBatches ?? 50); batch++) {
    const ref = await ctx.reference.get();
    const done = await inTransaction(ctx.db, (trx) => sweepBatch(trx, ref, now, size, onError));
    result.checked += done.checked;
    result.notified += done.notified;
    result.unfilled += done.unfilled;
    result.exhausted += done.exhausted;
    wroteOutbox ||= done.wroteOutbox;
    if (done.checked < size) break;
  }
  if (wroteOutbox) ctx.afterCommit('outbox');
  return result;
}

function defaultOnError(incidentId: number, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.emitWarning(`escalation sweep: incident ${incidentId} retried in a minute: ${message}`);
}

async function sweepBatch(
  trx: Trx,
  ref: ReferenceData,
  now: Date,
  size: number,
  onError: (incidentId: number, error: unknown) => void,
): Promise<EscalationSweepResult & { wroteOutbox: boolean }> {
  const rows = await trx
    .selectFrom('incidents')
    .selectAll()
    .where('next_escalation_at', '<=', now)
    .where('status', 'in', OPEN_INCIDENT_STATUSES)
    .orderBy('next_escalation_at')
    .limit(size)
    .forUpdate()
    .skipLocked()
    .execute();
  const tally = { checked: rows.length, notified: 0, unfilled: 0, exhausted: 0, wroteOutbox: false };
  for (const row of rows) {
    // A savepoint per incident: one that cannot be swept must not hold back the others.
    await sql`savepoint sweep_incident`.execute(trx);
    try {
      const step = await advanceEscalation(trx, ref, row, now);
      await sql`release savepoint sweep_incident`.execute(trx);
      tally.notified += step.notified;
      tally.unfilled += step.unfilled;
      tally.exhausted += step.exhausted ? 1 : 0;
      tally.wroteOutbox ||= step.wroteOutbox;
      if (
        step.incident.next_escalation_at !== null &&
        step.incident.next_escalation_at.getTime() <= now.getTime()
      ) {
        // Never expected; if the rules ever disagree with themselves, look again later rather than spin.
        await trx
          .updateTable('incidents')
          .set({ next_escalation_at: new Date(now.getTime() + RETRY_BROKEN_MS) })
          .where('id', '=', row.id)
          .execute();
      }
    } catch (err) {
      if (RETRY_BATCH.has(String((err as { code?: unknown }).code))) throw err;
      await sql`rollback to savepoint sweep_incident`.execute(trx);
      await trx
        .updateTable('incidents')
        .set({ next_escalation_at: new Date(now.getTime() + RETRY_BROKEN_MS) })
        .where('id', '=', row.id)
        .execute();
      onError(row.id, err);
    }
  }
  return tally;
}
