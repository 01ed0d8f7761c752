/**
 * 调整级别 The level of an incident changes — always with a reason, which
 * the report prints. A new level brings its own chain: a new escalation
 * round starts and its first link is told at once, so somebody on duty
 * acknowledges the incident as it now stands.
 */
import { lockIncident } from '../../db/repositories/incidents.js';
import type { IncidentRow } from '../../db/schema-emergency.js';
import type { Actor } from '../../domain/decide.js';
import { decideIncident } from '../../domain/emergency/transitions.js';
import type { IncidentLevel, IncidentStatus } from '../../domain/emergency/vocabulary.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { enqueue } from '../outbox.js';
import { inTransaction } from '../transaction.js';
import { advanceEscalation } from './advance-escalation.js';
import { incidentActorOf } from './incident-actors.js';
import { statusMessages } from './incident-messages.js';
import { chainJson, loadChains } from './load-chains.js';
import { recordIncidentEvent } from './record-incident-event.js';

export interface ChangeSeverityOptions {
  actor: Actor;
  incidentId: number;
  level: string;
  reason?: string | null;
  expectedVersion?: number;
}

export async function changeSeverity(ctx: ServiceContext, o: ChangeSeverityOptions): Promise<IncidentRow> {
  const ref = await ctx.reference.get();
  const chains = await loadChains(ctx.db);
  const actor = incidentActorOf(o.actor, ref);
  const now = ctx.clock();
  let wroteOutbox = false;
  const incident = await inTransaction(ctx.db, async (trx) => {
    const row = await lockIncident(trx, o.incidentId);
    if (!row) throw new AppError('INCIDENT_NOT_FOUND', { incident: o.incidentId });
    if (o.expectedVersion !== undefined && o.expectedVersion !== row.event_count)
      throw new AppError('CONFLICT');
    const decision = decideIncident(
      {
        status: row.status as IncidentStatus,
        level: row.level as IncidentLevel,
        leadUnitId: row.lead_unit_id,
        drill: row.drill,
      },
      { action: 'change_level', level: o.level, reason: o.reason ?? '' },
      actor,
    );
    const level = o.level as IncidentLevel;
    const changed = await recordIncidentEvent(trx, row, {
      event: decision.event,
      actor: o.actor,
      now,
      data: { round: row.escalation_round + 1 },
      update: {
        level,
        escalation_round: row.escalation_round + 1,
        round_started_at: now,
        escalation_chain: chainJson(chains[level]),
        next_escalation_at: now,
      },
    });
    const step = await advanceEscalation(trx, ref, changed, now);
    const wrote = await enqueue(
      trx,
      statusMessages(ref, step.incident, { action: 'change_level', reason: decision.event.reason }),
    );
    wroteOutbox = step.wroteOutbox || wrote > 0;
    return step.incident;
  });
  if (wroteOutbox) ctx.afterCommit('outbox');
  return incident;
}
