/**
 * Request schemas of the emergency API. Incident types and levels are plain
 * strings here on purpose: the domain answers an unknown one with its own
 * error code (INCIDENT_TYPE_UNKNOWN, INCIDENT_LEVEL_UNKNOWN) that lists the
 * valid values, which says more than a generic validation failure.
 */
import { z } from 'zod';
import { FACT_KEYS } from '../../domain/emergency/severity.js';
import { DUTY_POSTS, INCIDENT_STATUSES } from '../../domain/emergency/vocabulary.js';
import { areaCode, expectedVersion, id, isoDateTime, requiredText, text } from './common.js';

const count = z.number().int().min(0).max(100_000_000);
export const incidentFacts = z
  .object(
    Object.fromEntries(FACT_KEYS.map((k) => [k, count.optional()])) as Record<
      (typeof FACT_KEYS)[number],
      z.ZodOptional<typeof count>
    >,
  )
  .strict();

const incidentKind = z.string().max(40);
const lang = z.enum(['zh', 'en']).optional();

export const createIncidentBody = z
  .object({
    type: incidentKind,
    level: incidentKind.optional(),
    title: requiredText(200),
    description: text(5000).optional(),
    facts: incidentFacts.optional(),
    areaCode: areaCode.optional(),
    address: text(300).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    leadUnitId: id.optional(),
    drill: z.boolean().default(false),
    /** tickets to link at once (many callers, one incident) */
    ticketIds: z.array(id).max(200).optional(),
  })
  .strict();

export const escalateTicketBody = z
  .object({
    type: incidentKind.optional(),
    level: incidentKind.optional(),
    title: text(200).optional(),
    description: text(5000).optional(),
    facts: incidentFacts.optional(),
    leadUnitId: id.optional(),
  })
  .strict();

export const linkTicketsBody = z
  .object({ ticketIds: z.array(id).min(1).max(200), reason: text(500).optional() })
  .strict();

export const severityBody = z
  .object({ level: incidentKind, reason: text(1000).optional(), expectedVersion })
  .strict();

export const statusBody = z.object({ reason: text(2000).optional(), expectedVersion }).strict();

export const acknowledgeBody = z.object({ note: text(500).optional() }).strict();

export const incidentIdParams = z.object({ id }).strict();

export const incidentListQuery = z
  .object({
    status: z.enum([...INCIDENT_STATUSES, 'open']).optional(),
    drill: z.enum(['exclude', 'only', 'include']).default('exclude'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    lang,
  })
  .strict();

export const boardQuery = z
  .object({
    drill: z.enum(['exclude', 'only', 'include']).default('exclude'),
    /** also show incidents closed within the last this many hours */
    closedHours: z.coerce.number().int().min(0).max(168).default(0),
    lang,
  })
  .strict();

export const periodQuery = z
  .object({ from: isoDateTime.optional(), to: isoDateTime.optional(), lang })
  .strict();

export const dutyNowQuery = z
  .object({ unit: z.string().min(1).max(60), at: isoDateTime.optional(), lang })
  .strict();

export const rosterQuery = z
  .object({
    unit: z.string().min(1).max(60).optional(),
    from: isoDateTime,
    to: isoDateTime,
    lang,
  })
  .strict();

export const shiftBody = z
  .object({
    unitId: id,
    post: z.enum(DUTY_POSTS),
    userId: id,
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    note: text(300).optional(),
  })
  .strict();

export const importBody = z
  .object({ csv: z.string().min(1).max(5_000_000), dryRun: z.boolean().default(false) })
  .strict();

export const chainBody = z
  .object({
    links: z.array(z.object({ target: z.string().max(40), ackMinutes: z.number() }).strict()).max(20),
  })
  .strict();

export const levelParams = z.object({ level: z.string().max(10) }).strict();
export const shiftIdParams = z.object({ id }).strict();
