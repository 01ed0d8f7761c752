/**
 * 逐级上报 One step of escalation for an incident the caller has locked in
 * `trx`: notify every link that is due now (the first link at once when an
 * incident is reported or its level changes; later links when the one
 * before has had its minutes without an acknowledgement), record that the
 * chain ran out when it has, and set `next_escalation_at` for the sweep.
 *
 * At most once: a link's notice is first inserted into `incident_notices`
 * (unique per incident, round and link) with ON CONFLICT DO NOTHING; only
 * the transaction whose row went in appends the event and writes the
 * outbox, and the outbox dedupe keys would stop a repeat anyway.
 */
import type { Trx } from '../../db/database.js';
import { noticesOf } from '../../db/repositories/incidents.js';
import type { IncidentNoticeRow, IncidentRow } from '../../db/schema-emergency.js';
import { chainOrDefault } from '../../domain/emergency/chains.js';
import { ackDeadline, escalationPlan, type NoticeState } from '../../domain/emergency/escalation.js';
import { decideIncident } from '../../domain/emergency/transitions.js';
import {
  type IncidentLevel,
  type IncidentStatus,
  isOpenIncident,
} from '../../domain/emergency/vocabulary.js';
import { enqueue, type OutboxMessage } from '../outbox.js';
import type { ReferenceData } from '../reference-cache.js';
import { SYSTEM_INCIDENT_ACTOR, unionIds } from './incident-actors.js';
import { exhaustedAlerts, noticeMessages, unfilledAlert } from './incident-messages.js';
import { recordIncidentEvent } from './record-incident-event.js';
import { resolveRecipients } from './resolve-recipients.js';

export interface EscalationStep {
  incident: IncidentRow;
  notified: number;
  unfilled: number;
  exhausted: boolean;
  wroteOutbox: boolean;
}

function stateOf(n: IncidentNoticeRow): NoticeState {
  return {
    linkIndex: n.link_index,
    dueAt: n.due_at,
    filled: n.recipient_user_ids.length > 0,
    acknowledgedAt: n.acknowledged_at,
  };
}

export async function advanceEscalation(
  trx: Trx,
  ref: ReferenceData,
  locked: IncidentRow,
  now: Date,
): Promise<EscalationStep> {
  let incident = locked;
  const step: EscalationStep = { incident, notified: 0, unfilled: 0, exhausted: false, wroteOutbox: false };
  if (!isOpenIncident(incident.status as IncidentStatus)) {
    if (incident.next_escalation_at !== null) incident = await setNext(trx, incident, null);
    return { ...step, incident };
  }
  const round = incident.escalation_round;
  const chain = chainOrDefault(incident.level as IncidentLevel, incident.escalation_chain);
  let notices = await noticesOf(trx, incident.id, round);
  const messages: OutboxMessage[] = [];
  // Bounded by the chain's length: each pass records one link or stops.
  for (let pass = 0; pass <= chain.length; pass++) {
    const plan = escalationPlan(chain, incident.round_started_at, notices.map(stateOf), now);
    if (!plan.due) break;
    const link = chain[plan.due.linkIndex];
    if (!link) break;
    const who = await resolveRecipients(trx, ref, incident.lead_unit_id, link.target, now);
    const ackDueAt = ackDeadline(link, plan.due.dueAt, who.userIds.length > 0);
    const inserted = await trx
      .insertInto('incident_notices')
      .values({
        incident_id: incident.id,
        round,
        link_index: plan.due.linkIndex,
        target: link.target,
        unit_id: who.unitId,
        recipient_user_ids: who.userIds,
        via: who.via,
        drill: incident.drill,
        due_at: plan.due.dueAt,
        notified_at: now,
        ack_due_at: ackDueAt,
      })
      .onConflict((oc) => oc.columns(['incident_id', 'round', 'link_index']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) {
      const decision = decideIncident(
        {
          status: incident.status as IncidentStatus,
          level: incident.level as IncidentLevel,
          leadUnitId: incident.lead_unit_id,
          drill: incident.drill,
        },
        { action: 'notify', round, linkIndex: plan.due.linkIndex },
        SYSTEM_INCIDENT_ACTOR,
      );
      incident = await recordIncidentEvent(trx, incident, {
        event: decision.event,
        actor: SYSTEM_INCIDENT_ACTOR,
        now,
        data: {
          target: link.target,
          unitId: who.unitId,
          userIds: who.userIds,
          via: who.via,
          dueAt: plan.due.dueAt.toISOString(),
          ackDueAt: ackDueAt.toISOString(),
        },
        update: { notified_user_ids: unionIds(incident.notified_user_ids, who.userIds) },
      });
      if (who.userIds.length > 0) {
        messages.push(
          ...noticeMessages(ref, incident, {
            round,
            linkIndex: plan.due.linkIndex,
            target: link.target,
            userIds: who.userIds,
            ackDueAt,
          }),
        );
        step.notified++;
      } else {
        messages.push(
          unfilledAlert(ref, incident, {
            round,
            linkIndex: plan.due.linkIndex,
            target: link.target,
            unitId: who.unitId,
          }),
        );
        step.unfilled++;
      }
    }
    notices = await noticesOf(trx, incident.id, round);
  }
  const recorded = incident.chain_exhausted_round === round;
  let plan = escalationPlan(chain, incident.round_started_at, notices.map(stateOf), now, recorded);
  if (plan.exhausted && !recorded) {
    const decision = decideIncident(
      {
        status: incident.status as IncidentStatus,
        level: incident.level as IncidentLevel,
        leadUnitId: incident.lead_unit_id,
        drill: incident.drill,
      },
      { action: 'chain_exhausted', round },
      SYSTEM_INCIDENT_ACTOR,
    );
    incident = await recordIncidentEvent(trx, incident, {
      event: decision.event,
      actor: SYSTEM_INCIDENT_ACTOR,
      now,
      update: { chain_exhausted_round: round },
    });
    messages.push(...exhaustedAlerts(ref, incident, round));
    step.exhausted = true;
    plan = escalationPlan(chain, incident.round_started_at, notices.map(stateOf), now, true);
  }
  incident = await setNext(trx, incident, plan.nextAt);
  step.wroteOutbox = (await enqueue(trx, messages)) > 0;
  return { ...step, incident };
}

async function setNext(trx: Trx, incident: IncidentRow, next: Date | null): Promise<IncidentRow> {
  if ((incident.next_escalation_at?.getTime() ?? null) === (next?.getTime() ?? null)) return incident;
  return trx
    .updateTable('incidents')
    .set({ next_escalation_at: next })
    .where('id', '=', incident.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
