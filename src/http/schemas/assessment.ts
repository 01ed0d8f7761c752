/**
 * Query schemas of the assessment, analytics and open-data routes. Periods
 * are taken as plain strings and checked by the domain (domain/assessment-
 * period.ts), which answers with specific codes: PERIOD_INVALID,
 * DATE_RANGE_INVALID, PERIOD_IN_FUTURE, DATE_RANGE_TOO_LONG.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { beijingDay, type Period, parsePeriod } from '../../domain/assessment-period.js';
import { AppError } from '../../domain/errors.js';
import { type AssessmentReach, assessmentReach } from '../../domain/policies/assessment-policy.js';
import type { ServiceContext } from '../../services/context.js';
import { requireUser } from '../plugins/auth.js';
import { EXPORT_FORMATS } from '../presenters/table-export.js';

const periodText = z.string().max(24);

export const periodFields = {
  /** `YYYY-MM` or `YYYY` */
  period: periodText.optional(),
  /** `YYYY-MM-DD`, both days included */
  from: periodText.optional(),
  to: periodText.optional(),
};

export const formatField = { format: z.enum(EXPORT_FORMATS).default('json') };
export const langField = { lang: z.enum(['zh', 'en']).optional() };

export const peerGroup = z.enum(['township', 'department', 'utility']);

export function periodOf(ctx: ServiceContext, q: { period?: string; from?: string; to?: string }): Period {
  return parsePeriod(q, beijingDay(ctx.clock()));
}

/** The signed-in caller's reach; roles that see no assessment get 403. */
export function reachOf(req: FastifyRequest): AssessmentReach {
  const p = requireUser(req);
  const reach = assessmentReach(p);
  if (!reach) throw new AppError('FORBIDDEN');
  return reach;
}
