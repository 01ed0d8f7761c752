/**
 * Emergency response 应急: incidents, their actions, the on-duty roster and
 * escalation chains, the situation board, reports and figures. One register
 * line in ../server.ts mounts them all; see docs/emergency.md.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { incidentActionRoutes } from './emergency-actions.js';
import { boardRoutes } from './emergency-board.js';
import { dutyRoutes } from './emergency-duty.js';
import { incidentRoutes } from './emergency-incidents.js';

export function emergencyRoutes(ctx: ServiceContext) {
  return async (app: FastifyInstance) => {
    await app.register(incidentRoutes(ctx));
    await app.register(incidentActionRoutes(ctx));
    await app.register(dutyRoutes(ctx));
    await app.register(boardRoutes(ctx));
  };
}
