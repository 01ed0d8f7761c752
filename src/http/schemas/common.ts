import { z } from 'zod';
import { CHANNELS, REQUEST_TYPES, SATISFACTIONS, TICKET_STATES, URGENCIES } from '../../domain/vocabulary.js';

/** Free text: trimmed, bounded, no NUL (PostgreSQL text cannot hold it). */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), { message: 'contains NUL / 含有非法字符' })
    .transform((s) => s.trim());

export const requiredText = (max: number) =>
  text(max).refine((s) => s.length > 0, { message: 'required / 必填' });

export const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
export const ticketIdParams = z.object({ id }).strict();
export const expectedVersion = z.number().int().nonnegative().optional();

export const areaCode = z
  .string()
  .regex(/^110116(\d{3}(\d{3})?)?$/, 'a Huairou division code / 怀柔区划代码');
export const phone = z
  .string()
  .max(32)
  .regex(/^[+\d][\d\s-]{4,30}$/, 'a phone number / 电话号码');

export const ticketState = z.enum(TICKET_STATES);
export const requestType = z.enum(REQUEST_TYPES);
export const channel = z.enum(CHANNELS);
export const urgency = z.enum(URGENCIES);
export const satisfaction = z.enum(SATISFACTIONS);
export const isoDateTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** a comma list or repeated query parameter of enum values */
export function list<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));
}
