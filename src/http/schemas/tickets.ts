import { z } from 'zod';
import { CHANNELS, REQUEST_TYPES, TICKET_STATES } from '../../domain/vocabulary.js';
import {
  areaCode,
  channel,
  expectedVersion,
  id,
  isoDateTime,
  list,
  phone,
  requestType,
  requiredText,
  satisfaction,
  text,
  urgency,
} from './common.js';

const attributes = z.record(
  z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  z.union([text(1000), z.array(text(200)).max(50)]),
);

export const intakeBody = z
  .object({
    channel: channel.default('phone'),
    type: requestType,
    title: text(200).optional(),
    description: requiredText(10_000),
    categoryId: id.nullable().optional(),
    areaCode: areaCode.nullable().optional(),
    address: text(500).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    citizen: z
      .object({ name: text(100).nullable().optional(), phone: phone.nullable().optional() })
      .strict()
      .optional(),
    anonymous: z.boolean().optional(),
    urgency: urgency.optional(),
    complex: z.boolean().optional(),
    attributes: attributes.optional(),
    mediaUrls: z.array(z.url().max(1000)).max(10).optional(),
  })
  .strict();

export const listQuery = z
  .object({
    state: list(TICKET_STATES).optional(),
    unitId: id.optional(),
    area: areaCode.optional(),
    categoryId: id.optional(),
    type: list(REQUEST_TYPES).optional(),
    channel: list(CHANNELS).optional(),
    deadline: z.enum(['yellow', 'red', 'overdue', 'due_24h', 'extension_pending', 'supervised']).optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    q: text(200).optional(),
    exempt: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    sort: z.enum(['received_desc', 'deadline_asc', 'updated_desc', 'relevance']).optional(),
    mine: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict();

const reason = requiredText(4000);
const optionalReason = text(4000).optional();

/** One body schema per action route: POST /api/tickets/:id/<path>. */
export const ACTION_BODIES = {
  answer: z.object({ answer: requiredText(4000), knowledgeId: id.optional(), expectedVersion }).strict(),
  dispatch: z
    .object({
      mainUnitId: id,
      coUnitIds: z.array(id).max(10).optional(),
      reason: optionalReason,
      categoryId: id.optional(),
      areaCode: areaCode.optional(),
      urgency: urgency.optional(),
      complex: z.boolean().optional(),
      expectedVersion,
    })
    .strict(),
  sign: z.object({ expectedVersion }).strict(),
  return: z.object({ reason, suggestedUnitId: id.optional(), expectedVersion }).strict(),
  'approve-return': z.object({ reason: optionalReason, expectedVersion }).strict(),
  'reject-return': z.object({ reason, expectedVersion }).strict(),
  contact: z.object({ note: optionalReason, expectedVersion }).strict(),
  note: z.object({ note: reason, expectedVersion }).strict(),
  'request-extension': z.object({ until: isoDateTime, reason, expectedVersion }).strict(),
  'approve-extension': z
    .object({ until: isoDateTime.optional(), reason: optionalReason, expectedVersion })
    .strict(),
  'reject-extension': z.object({ reason, expectedVersion }).strict(),
  'request-co-unit': z.object({ reason, unitIds: z.array(id).max(10).optional(), expectedVersion }).strict(),
  'add-co-unit': z
    .object({ unitIds: z.array(id).min(1).max(10), reason: optionalReason, expectedVersion })
    .strict(),
  'co-reply': z.object({ reply: requiredText(4000), expectedVersion }).strict(),
  reply: z.object({ reply: requiredText(4000), expectedVersion }).strict(),
  callback: z
    .object({
      reached: z.boolean(),
      resolved: z.boolean().optional(),
      satisfaction: satisfaction.optional(),
      comment: optionalReason,
      expectedVersion,
    })
    .strict(),
  reopen: z.object({ reason, expectedVersion }).strict(),
  merge: z
    .object({
      targetId: id.optional(),
      targetNumber: z.string().max(30).optional(),
      reason: optionalReason,
      expectedVersion,
    })
    .strict()
    .refine((b) => b.targetId !== undefined || b.targetNumber !== undefined, {
      message: 'targetId or targetNumber / 需指定目标工单',
    }),
  invalidate: z.object({ reason, expectedVersion }).strict(),
  supervise: z.object({ reason, expectedVersion }).strict(),
  unsupervise: z.object({ reason, expectedVersion }).strict(),
  exempt: z.object({ reason, expectedVersion }).strict(),
  unexempt: z.object({ reason, expectedVersion }).strict(),
} as const;

export type ActionPath = keyof typeof ACTION_BODIES;
export type ActionBody<P extends ActionPath> = z.output<(typeof ACTION_BODIES)[P]>;
