/**
 * Loading an incident for a caller: whatever the policy does not let the
 * caller see is reported exactly like an incident that does not exist (404).
 */
import type { FastifyRequest } from 'fastify';
import { findIncident, linkedTickets } from '../../db/repositories/incidents.js';
import type { IncidentRow } from '../../db/schema-emergency.js';
import { AppError } from '../../domain/errors.js';
import { canViewIncident } from '../../domain/policies/incident-policy.js';
import type { ServiceContext } from '../../services/context.js';
import { accessFactsOf, centreUnitId } from '../../services/emergency/incident-actors.js';
import { loadExtras } from '../../services/emergency/incident-views.js';
import { requireUser } from '../plugins/auth.js';
import { presentIncident } from '../presenters/incident.js';

export async function loadVisibleIncident(
  ctx: ServiceContext,
  req: FastifyRequest,
  id: number,
): Promise<IncidentRow> {
  const p = requireUser(req);
  const incident = await findIncident(ctx.db, id);
  const ref = await ctx.reference.get();
  if (!incident || !canViewIncident(p, accessFactsOf(incident), centreUnitId(ref))) {
    throw new AppError('INCIDENT_NOT_FOUND', { incident: id });
  }
  return incident;
}

export async function presentIncidentFor(ctx: ServiceContext, req: FastifyRequest, incident: IncidentRow) {
  const ref = await ctx.reference.get();
  const extras = await loadExtras(ctx.db, [incident]);
  const linked = await linkedTickets(ctx.db, incident.id);
  return presentIncident(incident, { ref, viewer: req.principal, extras, now: ctx.clock() }, linked);
}
