/**
 * 全程网办 All online-service routes, mounted with one line in ../server.ts:
 * catalogue, admin editing, applications and their files, review and
 * certificates, authorisations, ratings, metrics and public verification.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { serviceAdminRoutes } from './services-admin.js';
import { serviceFileRoutes } from './services-application-files.js';
import { serviceApplicationRoutes } from './services-applications.js';
import { serviceAuthorisationRoutes } from './services-authorisations.js';
import { serviceCatalogueRoutes } from './services-catalogue.js';
import { serviceCertificateRoutes } from './services-certificates.js';
import { serviceMetricsRoutes } from './services-metrics.js';
import { serviceRatingRoutes } from './services-ratings.js';
import { serviceReviewRoutes } from './services-review.js';

export function onlineServiceRoutes(ctx: ServiceContext) {
  return async (app: FastifyInstance) => {
    await app.register(serviceCatalogueRoutes(ctx));
    await app.register(serviceAdminRoutes(ctx));
    await app.register(serviceApplicationRoutes(ctx));
    await app.register(serviceFileRoutes(ctx));
    await app.register(serviceReviewRoutes(ctx));
    await app.register(serviceAuthorisationRoutes(ctx));
    await app.register(serviceRatingRoutes(ctx));
    await app.register(serviceMetricsRoutes(ctx));
    await app.register(serviceCertificateRoutes(ctx));
  };
}
