/**
 * 确认收到 The person on duty acknowledges a notice: every notice of the
 * incident still waiting on that person is marked, an acknowledgement row
 * is written for each, and — when one of them belongs to the current round
 * — the climb stops there. Only someone who was notified can acknowledge.
 */
import { sql } from 'kysely';
import { lockIncident } from '../../db/repositories/incidents.js';
import type { IncidentRow } from '../../db/schema-emergency.js';
import type { Actor } from '../../domain/decide.js';
import { minutesBetween } from '../../domain/emergency/metrics.js';
import { decideIncident } from '../../domain/emergency/transitions.js';
import type { IncidentLevel, IncidentStatus } from '../../domain/emergency/vocabulary.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { enqueue } from '../outbox.js';
import { inTransaction } from '../transaction.js';
import { incidentActorOf } from './incident-actors.js';
import { acknowledgedAlert } from './incident-messages.js';
import { recordIncidentEvent } from './record-incident-event.js';

export interface AcknowledgeIncidentOptions {
  actor: Actor;
  incidentId: number;
  note?: string | null;
}

export interface AcknowledgeResult {
  incident: IncidentRow;
  noticeIds: number[];
  /** the climb of the current round stopped with this acknowledgement */
  stoppedEscalation: boolean;
}

export async function acknowledgeIncident(
  ctx: ServiceContext,
  o: AcknowledgeIncidentOptions,
): Promise<AcknowledgeResult> {
  const ref = await ctx.reference.get();
  const actor = incidentActorOf(o.actor, ref);
  const userId = o.actor.userId;
  if (userId === null) throw new AppError('INCIDENT_NOT_NOTIFIED');
  const now = ctx.clock();
  let wroteOutbox = false;
  const result = await inTransaction(ctx.db, async (trx) => {
    const row = await lockIncident(trx, o.incidentId);
    if (!row) throw new AppError('INCIDENT_NOT_FOUND', { incident: o.incidentId });
    const decision = decideIncident(
      {
        status: row.status as IncidentStatus,
        level: row.level as IncidentLevel,
        leadUnitId: row.lead_unit_id,
        drill: row.drill,
      },
      { action: 'acknowledge' },
      actor,
    );
    const mine = await trx
      .selectFrom('incident_notices')
      .selectAll()
      .where('incident_id', '=', row.id)
      .where(sql<boolean>`${userId}::integer = any(recipient_user_ids)`)
      .orderBy('round')
      .orderBy('link_index')
      .execute();
    if (mine.length === 0) throw new AppError('INCIDENT_NOT_NOTIFIED');
    const acknowledgedByMe = await trx
      .selectFrom('incident_acknowledgements')
      .select('notice_id')
      .where('incident_id', '=', row.id)
      .where('user_id', '=', userId)
      .execute();
    const done = new Set(acknowledgedByMe.map((a) => a.notice_id));
    const pending = mine.filter((n) => !done.has(n.id));
    if (pending.length === 0) throw new AppError('INCIDENT_ALREADY_ACKNOWLEDGED');
    const note = o.note?.trim() || null;
    await trx
      .insertInto('incident_acknowledgements')
      .values(pending.map((n) => ({ incident_id: row.id, notice_id: n.id, user_id: userId, at: now, note })))
      .onConflict((oc) => oc.columns(['notice_id', 'user_id']).doNothing())
      .execute();
    // The notice counts as acknowledged from its first acknowledgement on.
    await trx
      .updateTable('incident_notices')
      .set({ acknowledged_at: now, acknowledged_by: userId })
      .where(
        'id',
        'in',
        pending.map((n) => n.id),
      )
      .where('acknowledged_at', 'is', null)
      .execute();
    const stopped = pending.some((n) => n.round === row.escalation_round);
    const first = pending[0];
    const minutes = first ? Math.round(minutesBetween(first.notified_at, now) * 10) / 10 : 0;
    const incident = await recordIncidentEvent(trx, row, {
      event: decision.event,
      actor: o.actor,
      now,
      data: { noticeIds: pending.map((n) => n.id), minutes, note },
      update: {
        ...(row.first_ack_at === null ? { first_ack_at: now, first_ack_user_id: userId } : {}),
        ...(stopped ? { next_escalation_at: null } : {}),
      },
    });
    const user = await trx
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', userId)
      .executeTakeFirst();
    wroteOutbox =
      (await enqueue(trx, [
        acknowledgedAlert(ref, incident, { userId, name: user?.display_name ?? String(userId), minutes }),
      ])) > 0;
    return { incident, noticeIds: pending.map((n) => n.id), stoppedEscalation: stopped };
  });
  if (wroteOutbox) ctx.afterCommit('outbox');
  return result;
}
