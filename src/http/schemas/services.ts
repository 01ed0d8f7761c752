/**
 * Request schemas of the 全程网办 online-services API. Structure is checked
 * here (and documented in OpenAPI); the rules that tie fields together (the
 * guide's limits, the form schema, the form's values) are the domain's, so
 * the web app applies exactly the same ones.
 */
import { z } from 'zod';
import { APPLICATION_STATUSES } from '../../domain/applications.js';
import { FILE_FORMATS } from '../../domain/file-sniff.js';
import type { FormSchema } from '../../domain/form-schema.js';
import { RATING_LEVELS } from '../../domain/ratings.js';
import {
  APPLICANT_KINDS,
  MATERIAL_CODE,
  MATTER_CODE,
  MATTER_TYPES,
  MAX_FILE_KB,
  MAX_LEGAL_DAYS,
  type MatterGuide,
} from '../../domain/service-matters.js';
import { CONSENT_KINDS } from '../../services/authorisations/create-authorisation.js';
import { areaCode, expectedVersion, id, isoDateTime, list, phone, requiredText, text } from './common.js';

export const bilingual = (max = 500) => z.object({ zh: requiredText(max), en: requiredText(max) }).strict();
const days = z.number().int().min(1).max(MAX_LEGAL_DAYS);

export const matterCode = z
  .string()
  .regex(MATTER_CODE, 'lowercase letters, digits and - / 小写字母、数字和连字符');
export const matterCodeParams = z.object({ code: matterCode }).strict();

const materialSpec = z
  .object({
    code: z.string().regex(MATERIAL_CODE),
    name: bilingual(200),
    required: z.boolean(),
    formats: z.array(z.enum(FILE_FORMATS)).min(1).max(3),
    maxSizeKb: z.number().int().min(1).max(MAX_FILE_KB),
    maxCount: z.number().int().min(1).max(20),
    copies: z.number().int().min(1).max(10),
    original: z.boolean(),
    note: bilingual(500).optional(),
  })
  .strict();

/** 办事指南 A whole guide: the body of a new matter or a new version. */
export const guideBody = z
  .object({
    name: bilingual(200),
    type: z.enum(MATTER_TYPES),
    departmentCode: z.string().min(2).max(40),
    applicantKind: z.enum(APPLICANT_KINDS),
    summary: bilingual(2000),
    conditions: z.array(bilingual(1000)).max(20),
    materials: z.array(materialSpec).max(30),
    legalDays: days,
    promisedDays: days,
    acceptDays: z.number().int().min(1).max(20),
    fee: z.object({ yuan: z.number().min(0).max(1_000_000), note: bilingual(500).optional() }).strict(),
    steps: z.array(bilingual(200)).max(20),
    reviewSteps: z.array(bilingual(200)).min(1).max(6),
    visits: z.number().int().min(0).max(5),
    legalBasis: z.array(bilingual(500)).max(20),
    result: z.object({ name: bilingual(200), validity: bilingual(200).optional() }).strict(),
    tags: z
      .array(z.string().regex(/^[a-z0-9-]{1,30}$/))
      .max(10)
      .default([]),
    /** JSON Schema subset, checked by the domain (see docs/online-services.md) */
    form: z.record(z.string(), z.unknown()),
  })
  .strict();

export const createMatterBody = z
  .object({ code: matterCode, guide: guideBody, note: text(500).optional() })
  .strict();
export const newVersionBody = z
  .object({ guide: guideBody, basedOn: z.number().int().positive().optional(), note: text(500).optional() })
  .strict();

export const catalogueQuery = z
  .object({
    q: text(100).optional(),
    department: z.string().max(40).optional(),
    type: z.enum(MATTER_TYPES).optional(),
    tag: z.string().max(30).optional(),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict();

export const matterQuery = z
  .object({ version: z.coerce.number().int().positive().optional(), lang: z.enum(['zh', 'en']).optional() })
  .strict();

export const applicantBody = z
  .object({
    kind: z.enum(['person', 'organisation']),
    name: requiredText(100),
    idNumber: text(30).nullable().optional(),
    phone: phone.nullable().optional(),
  })
  .strict();

const formValues = z.record(z.string(), z.unknown());

export const createApplicationBody = z
  .object({
    matterCode,
    applicant: applicantBody.optional(),
    authorisationId: id.optional(),
    form: formValues.optional(),
  })
  .strict();

export const applicationParams = z.object({ id }).strict();
export const fileParams = z.object({ id, fileId: id }).strict();

export const applicationListQuery = z
  .object({
    status: list(APPLICATION_STATUSES).optional(),
    matter: matterCode.optional(),
    card: z.enum(['yellow', 'red']).optional(),
    before: id.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict();

export const formBody = z.object({ form: formValues, expectedVersion }).strict();
export const optionalReasonBody = z.object({ reason: text(2000).optional(), expectedVersion }).strict();
export const reasonBody = z.object({ reason: requiredText(2000), expectedVersion }).strict();
export const correctionBody = z
  .object({
    reason: requiredText(2000),
    items: z
      .array(
        z
          .object({
            field: z.string().max(40).optional(),
            material: z.string().max(40).optional(),
            note: requiredText(500),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    expectedVersion,
  })
  .strict();

export const uploadQuery = z
  .object({
    material: z.string().regex(MATERIAL_CODE),
    name: z.string().min(1).max(255),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict();

export const ratingBody = z.object({ level: z.enum(RATING_LEVELS), comment: text(1000).optional() }).strict();
export const trackingRatingBody = z
  .object({
    number: z.string().min(5).max(30),
    phoneLast4: z.string().regex(/^\d{4}$/),
    level: z.enum(RATING_LEVELS),
    comment: text(1000).optional(),
  })
  .strict();

export const linkToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).strict();
export const phoneDigitsBody = z.object({ phoneLast4: z.string().regex(/^\d{4}$/) }).strict();
export const withdrawByLinkBody = z
  .object({ phoneLast4: z.string().regex(/^\d{4}$/), reason: text(500).optional() })
  .strict();
export const claimBody = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/), phoneLast4: z.string().regex(/^\d{4}$/) })
  .strict();

export const authorisationBody = z
  .object({
    matterCode,
    villager: z.object({ name: requiredText(50), phone, idNumber: text(30).nullable().optional() }).strict(),
    areaCode: areaCode.nullable().optional(),
    consent: z.enum(CONSENT_KINDS),
    note: text(500).optional(),
    validUntil: isoDateTime,
  })
  .strict();

export const certificateCodeParams = z.object({ code: z.string().min(1).max(40) }).strict();

export const metricsQuery = z
  .object({
    period: z.string().max(24).optional(),
    from: z.string().max(24).optional(),
    to: z.string().max(24).optional(),
    department: z.string().max(40).optional(),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict();

/** The guide as the domain takes it; its form is checked there (checkGuide), not trusted here. */
export function guideFromBody(g: z.infer<typeof guideBody>): MatterGuide {
  return { ...g, form: g.form as unknown as FormSchema };
}
