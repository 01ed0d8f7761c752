/** Request shapes of the admin API. Domain rules (existence, cycles, policy order) live in the use cases. */
import { z } from 'zod';
import { PEER_GROUPS } from '../../domain/vocabulary.js';
import { ATTRIBUTE_DATATYPES } from '../../services/admin/add-category-attribute.js';
import { areaCode, id, requiredText, text } from './common.js';

export const idParams = z.object({ id }).strict();
export const name = requiredText(200);
export const code = z.string().min(1).max(64);
export const keywords = z.array(requiredText(50)).max(200);

export const unitCreate = z
  .object({
    code,
    name,
    nameEn: name,
    shortName: text(100).optional(),
    peerGroup: z.enum(PEER_GROUPS),
    parentId: id.nullable(),
    phone: text(40).nullable().optional(),
    areaCodes: z.array(areaCode).max(500).optional(),
  })
  .strict();

export const unitUpdate = z
  .object({
    name: name.optional(),
    nameEn: name.optional(),
    shortName: requiredText(100).optional(),
    peerGroup: z.enum(PEER_GROUPS).optional(),
    phone: text(40).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const categoryCreate = z
  .object({
    code,
    name,
    nameEn: name,
    parentId: id.nullable(),
    description: text(2000).optional(),
    keywords: keywords.optional(),
    policyCode: code.nullable().optional(),
    utilityOutage: z.boolean().optional(),
    sort: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

export const categoryUpdate = categoryCreate
  .omit({ parentId: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();

const attributeValue = z.object({ key: requiredText(100), name: requiredText(200) }).strict();

export const attributeCreate = z
  .object({
    code,
    datatype: z.enum(ATTRIBUTE_DATATYPES),
    required: z.boolean().optional(),
    variable: z.boolean().optional(),
    description: requiredText(500),
    descriptionEn: text(500).optional(),
    datatypeDescription: text(500).nullable().optional(),
    order: z.number().int().min(1).max(1000).optional(),
    values: z.array(attributeValue).max(200).optional(),
  })
  .strict();

export const attributeUpdate = attributeCreate.omit({ code: true }).partial().strict();
export const attributeParams = z.object({ id, attributeId: id }).strict();

export const routingRuleCreate = z
  .object({
    categoryId: id.nullable(),
    areaCode: areaCode.nullable(),
    unitId: id.nullable().optional(),
    toTownship: z.boolean().optional(),
    priority: z.number().int().min(0).max(1000).optional(),
    note: text(500).nullable().optional(),
  })
  .strict();

export const routingRuleUpdate = routingRuleCreate.partial().strict();

/** A duration as text: '30m', '2h', '7d' (also '2小时'); checked by parseDuration in the use case. */
const duration = z.string().min(1).max(20);

export const policyUpdate = z
  .object({
    name: name.optional(),
    nameEn: name.optional(),
    mode: z.enum(['calendar', 'working']).optional(),
    sign: duration.optional(),
    response: duration.optional(),
    reply: duration.optional(),
    replyComplex: duration.nullable().optional(),
    returnWindow: duration.optional(),
    callback: duration.optional(),
    // The range is checked by validatePolicy, so that 1.5 gets the domain's own message.
    yellowAt: z.number().optional(),
  })
  .strict();

export const policyCreate = z
  .object({
    code,
    name,
    nameEn: name,
    mode: z.enum(['calendar', 'working']),
    sign: duration,
    response: duration,
    reply: duration,
    replyComplex: duration.nullable().optional(),
    returnWindow: duration,
    callback: duration,
    yellowAt: z.number().optional(),
  })
  .strict();

export const dateParams = z.object({ date: z.string().max(10) }).strict();
export const calendarDay = z
  .object({ kind: z.enum(['holiday', 'workday']), name: text(100).optional() })
  .strict();
export const workingPeriods = z
  .object({
    periods: z
      .array(z.tuple([z.number().int(), z.number().int()]))
      .min(1)
      .max(12),
  })
  .strict();

export const password = z.string().min(1).max(200);

export const userCreate = z
  .object({
    username: z.string().min(1).max(64),
    password,
    role: z.string().max(40),
    unitId: id.nullable().optional(),
    displayName: text(100).optional(),
    email: z.email().max(200).nullable().optional(),
  })
  .strict();

export const userUpdate = z
  .object({
    role: z.string().max(40).optional(),
    unitId: id.nullable().optional(),
    displayName: text(100).optional(),
    email: z.email().max(200).nullable().optional(),
  })
  .strict();

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const userListQuery = z
  .object({
    role: z.string().max(40).optional(),
    unitId: id.optional(),
    active: flag,
    locked: flag,
    q: text(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    lang: z.string().max(10).optional(),
  })
  .strict();

export const apiKeyCreate = z
  .object({ name: requiredText(100), scopes: z.array(z.string().max(40)).min(1).max(20) })
  .strict();
export const apiKeyListQuery = z
  .object({ includeRevoked: flag, lang: z.string().max(10).optional() })
  .strict();
