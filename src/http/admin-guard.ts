/** The one check in front of every admin route: a signed-in user with role admin. */
import type { FastifyRequest } from 'fastify';
import type { AdminActor } from '../services/admin/admin-change.js';
import { requireRole } from './plugins/auth.js';

export function requireAdmin(req: FastifyRequest): AdminActor {
  const p = requireRole(req, ['admin']);
  return { userId: p.userId, role: p.role, ip: req.ip };
}
