/**
 * Mounts the reference-data routes (read by all), the admin routes (role
 * admin) and the own-password route, so the server registers one module.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { adminAuditRoutes } from './admin-audit.js';
import { adminCategoryRoutes } from './admin-categories.js';
import { adminRoutingRoutes } from './admin-routing.js';
import { adminSettingRoutes } from './admin-settings.js';
import { adminUnitRoutes } from './admin-units.js';
import { adminUserRoutes } from './admin-users.js';
import { authPasswordRoutes } from './auth-password.js';
import { referenceRoutes } from './reference.js';

export function adminRoutes(ctx: ServiceContext) {
  return async (app: FastifyInstance) => {
    await app.register(referenceRoutes(ctx));
    await app.register(authPasswordRoutes(ctx));
    await app.register(adminUnitRoutes(ctx));
    await app.register(adminCategoryRoutes(ctx));
    await app.register(adminRoutingRoutes(ctx));
    await app.register(adminSettingRoutes(ctx));
    await app.register(adminUserRoutes(ctx));
    await app.register(adminAuditRoutes(ctx));
  };
}
