/**
 * 事件状态 The response moves on: confirmed 核实, responding 处置, contained
 * 控制, resumed when it flares up again, closed 结束 with how it ended — or a
 * note 处置记录 on the way. Lock, judge against the state table, write the
 * row and the chained event together, tell the centre and the lead unit.
 */
import type { Updateable } from 'kysely';
import { lockIncident } from '../../db/repositories/incidents.js';
import type { IncidentRow, IncidentsTable } from '../../db/schema-emergency.js';
import type { Actor } from '../../domain/decide.js';
import { decideIncident, type IncidentInput } from '../../domain/emergency/transitions.js';
import type { IncidentLevel, IncidentStatus } from '../../domain/emergency/vocabulary.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { enqueue } from '../outbox.js';
import { inTransaction } from '../transaction.js';
import { incidentActorOf } from './incident-actors.js';
import { statusMessages } from './incident-messages.js';
import { recordIncidentEvent } from './record-incident-event.js';

export const STATUS_ACTIONS = ['confirm', 'respond', 'contain', 'resume', 'close', 'note'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export interface ChangeIncidentStatusOptions {
  actor: Actor;
  incidentId: number;
  action: StatusAction;
  reason?: string | null;
  /** the incident's event count the client saw; a mismatch is a CONFLICT */
  expectedVersion?: number;
}

/** The first time each milestone is reached is the one the report and the figures use. */
function milestones(row: IncidentRow, to: IncidentStatus, now: Date): Updateable<IncidentsTable> {
  const update: Updateable<IncidentsTable> = {};
  if (to === 'confirmed' && row.confirmed_at === null) update.confirmed_at = now;
  if (to === 'responding' && row.responding_at === null) update.responding_at = now;
  if (to === 'contained' && row.contained_at === null) update.contained_at = now;
  if (to === 'closed') {
    update.closed_at = now;
    update.next_escalation_at = null;
  }
  return update;
}

/** The domain input of each action; the two branches pick the variants that do and do not require a reason. */
function inputOf(action: StatusAction, reason: string): IncidentInput {
  if (action === 'resume' || action === 'close' || action === 'note') return { action, reason };
  return { action, reason };
}

export async function changeIncidentStatus(
  ctx: ServiceContext,
  o: ChangeIncidentStatusOptions,
): Promise<IncidentRow> {
  const ref = await ctx.reference.get();
  const actor = incidentActorOf(o.actor, ref);
  const now = ctx.clock();
  let wroteOutbox = false;
  const incident = await inTransaction(ctx.db, async (trx) => {
    const row = await lockIncident(trx, o.incidentId);
    if (!row) throw new AppError('INCIDENT_NOT_FOUND', { incident: o.incidentId });
    if (o.expectedVersion !== undefined && o.expectedVersion !== row.event_count)
      throw new AppError('CONFLICT');
    const input = inputOf(o.action, o.reason ?? '');
    const decision = decideIncident(
      {
        status: row.status as IncidentStatus,
        level: row.level as IncidentLevel,
        leadUnitId: row.lead_unit_id,
        drill: row.drill,
      },
      input,
      actor,
    );
    const updated = await recordIncidentEvent(trx, row, {
      event: decision.event,
      actor: o.actor,
      now,
      update: milestones(row, decision.to, now),
    });
    if (o.action !== 'note') {
      wroteOutbox =
        (await enqueue(
          trx,
          statusMessages(ref, updated, { action: o.action, reason: decision.event.reason }),
        )) > 0;
    }
    return updated;
  });
  if (wroteOutbox) ctx.afterCommit('outbox');
  return incident;
}
