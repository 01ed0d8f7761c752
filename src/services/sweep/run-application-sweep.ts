/**
 * 办件到期巡检 The application side of the deadline sweep: finds the
 * applications whose `next_check_at` has come (through its partial index),
 * issues the yellow (75% of the working time used) and red (overdue)
 * warnings of their running clock — each recorded once per submission round
 * in `service_application_warnings` before its event and notifications are
 * written — and sets their card and next check instant. Then it finishes
 * poor ratings whose rectification ticket was not linked (a process died
 * between the two commits). Safe with several processes: rows are claimed
 * FOR UPDATE SKIP LOCKED, warnings are ON CONFLICT DO NOTHING.
 */
import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import { appendApplicationEvent, issuedWarnings } from '../../db/repositories/service-applications.js';
import type { ApplicationRow } from '../../db/schema-services.js';
import { dueWarnings } from '../../domain/application-clocks.js';
import { FINAL_STATUSES } from '../../domain/applications.js';
import { toApplicant, toDepartment } from '../applications/application-notices.js';
import { clockColumns, clockFactsOf } from '../applications/run-application-action.js';
import type { ServiceContext } from '../context.js';
import { enqueue } from '../outbox.js';
import { openRectification } from '../ratings/open-rectification.js';
import type { ReferenceData } from '../reference-cache.js';
import { inTransaction } from '../transaction.js';

export interface RunApplicationSweepOptions {
  batchSize?: number;
  maxBatches?: number;
  onError?: (subject: string, error: unknown) => void;
}

export interface ApplicationSweepResult {
  checked: number;
  yellow: number;
  red: number;
  /** poor ratings whose rectification ticket was opened or linked now */
  rectifications: number;
}

/** A rating younger than this is left to the request that is opening its ticket right now. */
const PENDING_GRACE_MS = 60_000;
const RETRY_BROKEN_MS = 3_600_000;

export async function runApplicationSweep(
  ctx: ServiceContext,
  options: RunApplicationSweepOptions = {},
): Promise<ApplicationSweepResult> {
  const now = ctx.clock();
  const size = Math.max(1, options.batchSize ?? 200);
  const onError = options.onError ?? ((s, e) => process.emitWarning(`application sweep: ${s}: ${String(e)}`));
  const result: ApplicationSweepResult = { checked: 0, yellow: 0, red: 0, rectifications: 0 };
  let wroteOutbox = false;
  for (let batch = 0; batch < (options.maxBatches ?? 50); batch++) {
    const ref = await ctx.reference.get();
    const done = await inTransaction(ctx.db, (trx) => sweepBatch(trx, ref, now, size, onError));
    result.checked += done.checked;
    result.yellow += done.yellow;
    result.red += done.red;
    wroteOutbox ||= done.wroteOutbox;
    if (done.checked < size) break;
  }
  if (wroteOutbox) ctx.afterCommit('outbox');
  const pending = await ctx.db
    .selectFrom('service_ratings')
    .select('id')
    .where('rectification', '=', 'pending')
    .where('rated_at', '<', new Date(now.getTime() - PENDING_GRACE_MS))
    .orderBy('id')
    .limit(size)
    .execute();
  for (const { id } of pending) {
    try {
      if ((await openRectification(ctx, id)) !== null) result.rectifications++;
    } catch (err) {
      onError(`rating ${id}`, err);
    }
  }
  return result;
}

async function sweepBatch(
  trx: Trx,
  ref: ReferenceData,
  now: Date,
  size: number,
  onError: (subject: string, error: unknown) => void,
): Promise<{ checked: number; yellow: number; red: number; wroteOutbox: boolean }> {
  const rows = await trx
    .selectFrom('service_applications')
    .selectAll()
    .where('next_check_at', '<=', now)
    .where('status', 'not in', FINAL_STATUSES)
    .orderBy('next_check_at')
    .limit(size)
    .forUpdate()
    .skipLocked()
    .execute();
  const tally = { checked: rows.length, yellow: 0, red: 0, wroteOutbox: false };
  for (const app of rows) {
    await sql`savepoint sweep_application`.execute(trx);
    try {
      const done = await sweepOne(trx, ref, app, now);
      await sql`release savepoint sweep_application`.execute(trx);
      tally.yellow += done.yellow;
      tally.red += done.red;
      tally.wroteOutbox ||= done.wroteOutbox;
    } catch (err) {
      await sql`rollback to savepoint sweep_application`.execute(trx);
      await trx
        .updateTable('service_applications')
        .set({ next_check_at: new Date(now.getTime() + RETRY_BROKEN_MS) })
        .where('id', '=', app.id)
        .execute();
      onError(`application ${app.id}`, err);
    }
  }
  return tally;
}

async function sweepOne(
  trx: Trx,
  ref: ReferenceData,
  app: ApplicationRow,
  now: Date,
): Promise<{ yellow: number; red: number; wroteOutbox: boolean }> {
  const issued = await issuedWarnings(trx, app.id, app.submission_round);
  const due = dueWarnings(clockFactsOf(app), issued, ref.calendar, now);
  const out = { yellow: 0, red: 0, wroteOutbox: false };
  let seq = app.event_count;
  const version = await trx
    .selectFrom('service_matter_versions')
    .select(['name', 'name_en'])
    .where('matter_id', '=', app.matter_id)
    .where('version', '=', app.matter_version)
    .executeTakeFirstOrThrow();
  for (const w of due) {
    const inserted = await trx
      .insertInto('service_application_warnings')
      .values({
        application_id: app.id,
        round: app.submission_round,
        clock: w.clock,
        colour: w.colour,
        issued_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('clock')
      .executeTakeFirst();
    if (!inserted) continue;
    seq += 1;
    const action = w.colour === 'yellow' ? 'yellow_card' : 'red_card';
    await appendApplicationEvent(trx, {
      applicationId: app.id,
      seq,
      action,
      fromStatus: app.status,
      toStatus: app.status,
      actorUserId: null,
      actorRole: 'system',
      actorUnitId: null,
      at: now,
      reason: null,
      data: { clock: w.clock, dueAt: w.due.toISOString() },
      public: false,
    });
    const payload = {
      number: app.number,
      matter: version.name,
      matterEn: version.name_en,
      clock: w.clock,
      colour: w.colour,
      dueAt: w.due.toISOString(),
    };
    const key = `svc-warning:${app.id}:${app.submission_round}:${w.clock}:${w.colour}`;
    const notify = [toDepartment(app, 'svc_application_warning', payload, key)];
    // The applicant hears only that the department is late, not of its internal early warnings.
    if (w.colour === 'red')
      notify.push(
        ...toApplicant(app, 'svc_application_overdue', payload, key).filter((m) => m.channel === 'inapp'),
      );
    out.wroteOutbox = (await enqueue(trx, notify)) > 0 || out.wroteOutbox;
    out[w.colour] += 1;
  }
  const columns = await clockColumns(trx, ref, app, now);
  await trx
    .updateTable('service_applications')
    .set({
      ...columns,
      // Nothing more due yet but the clock still runs: never leave a due row to be taken again at once.
      next_check_at:
        columns.next_check_at && columns.next_check_at.getTime() <= now.getTime()
          ? new Date(now.getTime() + 60_000)
          : columns.next_check_at,
      event_count: seq,
    })
    .where('id', '=', app.id)
    .execute();
  return out;
}
