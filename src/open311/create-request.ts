/**
 * POST requests 提交诉求: an Open311 form becomes a ticket on the `open311`
 * channel through the same intake use case as every other channel, so it is
 * numbered, routed (intake records the suggested unit) and dispatched by the
 * centre like any other. What has no ticket column — the client's key, the
 * batch token, account and device ids, an e-mail address (encrypted) — goes
 * to `open311_requests`.
 */
import { randomBytes } from 'node:crypto';
import type { TicketRow } from '../db/schema.js';
import type { Principal } from '../services/auth/principal.js';
import type { ServiceContext } from '../services/context.js';
import type { IdempotencyClaim } from '../services/idempotency.js';
import type { ReferenceData } from '../services/reference-cache.js';
import { intakeTicket } from '../services/tickets/intake-ticket.js';
import { type AttributeAnswers, checkAttributes, describeAnswers } from './attributes.js';
import { type Problem, problem, throwIfAny } from './errors.js';
import { attributeInputs, type Fields, hasControlChars, single } from './form.js';
import { findService, loadAttributes, type Service } from './services.js';

const HTML = /<\s*\/?\s*[A-Za-z!?][^>]*>/;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
const PHONE = /^[+\d][\d\s-]{4,30}$/;
const SERVICE_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const AREA_CODE = /^110116(\d{3}(\d{3})?)?$/;

export interface NewRequest {
  service: Service;
  description: string;
  address: string | null;
  areaCode: string | null;
  lat: number | null;
  lng: number | null;
  mediaUrl: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  accountId: string | null;
  deviceId: string | null;
  answers: AttributeAnswers;
}

function length(s: string): number {
  return [...s].length;
}

/** A bounded single-line text parameter; null when absent. */
function textParam(
  fields: Fields,
  name: string,
  max: number,
  problems: Problem[],
  multiline = false,
): string | null {
  const { value, repeated } = single(fields, name);
  if (repeated) problems.push(problem(400, 'repeated', { field: name }));
  if (value === null) return null;
  if (length(value) > max) problems.push(problem(400, 'too_long', { field: name, max }));
  else if (hasControlChars(value)) problems.push(problem(400, 'control_chars', { field: name }));
  else if (!multiline && /[\r\n]/.test(value)) problems.push(problem(400, 'line_breaks', { field: name }));
  else return multiline ? value : value.trim();
  return null;
}

function coordinate(fields: Fields, name: 'lat' | 'long', limit: number, problems: Problem[]): number | null {
  const { value, repeated } = single(fields, name);
  if (repeated) problems.push(problem(400, 'repeated', { field: name }));
  if (value === null) return null;
  const n = Number(value.trim());
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim()) || !Number.isFinite(n)) {
    problems.push(problem(400, 'not_number', { field: name }));
    return null;
  }
  if (n < -limit || n > limit) {
    problems.push(problem(400, 'out_of_range', { field: name, min: -limit, max: limit }));
    return null;
  }
  return n;
}

/** Chinese order (family name first, no space) unless both parts are Latin. */
function fullName(first: string | null, last: string | null): string | null {
  const parts = [last, first].filter((p): p is string => !!p);
  if (parts.length === 0) return null;
  const latin = parts.every((p) => /^[\p{Script=Latin}\s'.-]+$/u.test(p));
  return latin ? [first, last].filter(Boolean).join(' ') : parts.join('');
}

/**
 * Reads and checks every field of the form. The api_key and jurisdiction
 * have been checked by then; an unknown service_code is a 404 on its own,
 * everything else is collected into one 400 answer.
 */
export async function readNewRequest(
  ctx: ServiceContext,
  ref: ReferenceData,
  fields: Fields,
): Promise<NewRequest> {
  const problems: Problem[] = [];
  const code = single(fields, 'service_code');
  let service: Service | null = null;
  if (code.repeated) problems.push(problem(400, 'repeated', { field: 'service_code' }));
  if (code.value === null) {
    problems.push(problem(400, 'required', { field: 'service_code' }));
  } else {
    const trimmed = code.value.trim();
    service = SERVICE_CODE.test(trimmed) ? findService(ref, trimmed) : null;
    if (!service) problems.push(problem(404, 'service_unknown', { value: trimmed }));
  }

  const lat = coordinate(fields, 'lat', 90, problems);
  const lng = coordinate(fields, 'long', 180, problems);
  const latGiven = single(fields, 'lat').value !== null;
  const lngGiven = single(fields, 'long').value !== null;
  if (latGiven !== lngGiven) {
    const [field, other] = latGiven ? ['long', 'lat'] : ['lat', 'long'];
    problems.push(problem(400, 'pair_required', { field: field ?? '', other: other ?? '' }));
  }
  const address = textParam(fields, 'address_string', 500, problems);
  const addressId = single(fields, 'address_id');
  if (addressId.repeated) problems.push(problem(400, 'repeated', { field: 'address_id' }));
  let areaCode: string | null = null;
  if (addressId.value !== null) {
    const v = addressId.value.trim();
    if (AREA_CODE.test(v) && ref.areas.has(v)) areaCode = v;
    else problems.push(problem(400, 'address_id_unknown', { value: v }));
  }
  if (!latGiven && !lngGiven && address === null && addressId.value === null) {
    problems.push(problem(400, 'location_required'));
  }

  const description = textParam(fields, 'description', 4000, problems, true);
  if (description !== null && HTML.test(description)) {
    problems.push(problem(400, 'no_html', { field: 'description' }));
  }
  const mediaUrl = textParam(fields, 'media_url', 1000, problems);
  if (mediaUrl !== null && !isHttpUrl(mediaUrl)) {
    problems.push(problem(400, 'bad_format', { field: 'media_url', hint: 'http(s) URL' }));
  }
  const email = textParam(fields, 'email', 254, problems);
  if (email !== null && !EMAIL.test(email)) {
    problems.push(problem(400, 'bad_format', { field: 'email', hint: 'name@example.com' }));
  }
  const phone = textParam(fields, 'phone', 32, problems);
  if (phone !== null && !PHONE.test(phone)) {
    problems.push(problem(400, 'bad_format', { field: 'phone', hint: '13800000000 / 010-69600000' }));
  }
  const first = textParam(fields, 'first_name', 50, problems);
  const last = textParam(fields, 'last_name', 50, problems);
  const accountId = textParam(fields, 'account_id', 200, problems);
  const deviceId = textParam(fields, 'device_id', 200, problems);

  let answers: AttributeAnswers = {};
  let summary = '';
  if (service) {
    const definition = await loadAttributes(ctx, service.category.id);
    const checked = checkAttributes(service.category.code, definition, attributeInputs(fields));
    problems.push(...checked.problems);
    answers = checked.answers;
    summary = describeAnswers(definition, answers);
  }
  throwIfAny(problems);
  if (!service) throw new Error('unreachable: a missing service was reported above');

  const text = description?.trim()
    ? description
    : `【${service.category.name}】${summary || '（通过 Open311 提交，未填写描述）'}`;
  return {
    service,
    description: text,
    address,
    areaCode,
    lat: latGiven && lngGiven ? lat : null,
    lng: latGiven && lngGiven ? lng : null,
    mediaUrl,
    name: fullName(first, last),
    phone,
    email,
    accountId,
    deviceId,
    answers,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export interface CreatedRequest {
  ticket: TicketRow;
  token: string | null;
  accountId: string | null;
}

/** The Open311 side row of a ticket, created when missing (also after a crash between intake and this insert). */
export async function ensureOpen311Row(
  ctx: ServiceContext,
  ticket: TicketRow,
  o: {
    apiKeyId: number | null;
    serviceCode: string;
    batch: boolean;
    accountId: string | null;
    deviceId: string | null;
    email: string | null;
  },
): Promise<{ token: string | null; accountId: string | null }> {
  await ctx.db
    .insertInto('open311_requests')
    .values({
      ticket_id: ticket.id,
      api_key_id: o.apiKeyId,
      token: o.batch ? randomBytes(12).toString('hex') : null,
      service_code: o.serviceCode,
      account_id: o.accountId,
      device_id: o.deviceId,
      email_enc: o.email ? ctx.cipher.encrypt(o.email) : null,
      created_at: ctx.clock(),
    })
    .onConflict((oc) => oc.column('ticket_id').doNothing())
    .execute();
  const row = await ctx.db
    .selectFrom('open311_requests')
    .select(['token', 'account_id'])
    .where('ticket_id', '=', ticket.id)
    .executeTakeFirstOrThrow();
  return { token: row.token, accountId: row.account_id };
}

export async function createRequest(
  ctx: ServiceContext,
  r: NewRequest,
  o: { principal: Principal; idempotency: IdempotencyClaim | null },
): Promise<CreatedRequest> {
  const ticket = await intakeTicket(ctx, {
    actor: { role: 'api_client', userId: null, unitIds: [] },
    channel: 'open311',
    // Open311 has no request type; a report of a problem to fix is what 12345 files as a complaint 投诉.
    type: 'complaint',
    description: r.description,
    categoryId: r.service.category.id,
    areaCode: r.areaCode,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    citizen: { name: r.name, phone: r.phone },
    attributes: r.answers,
    mediaUrls: r.mediaUrl ? [r.mediaUrl] : [],
    idempotency: o.idempotency,
  });
  const side = await ensureOpen311Row(ctx, ticket, {
    apiKeyId: o.principal.apiKeyId,
    serviceCode: r.service.category.code,
    batch: ctx.config.open311Mode === 'batch',
    accountId: r.accountId,
    deviceId: r.deviceId,
    email: r.email,
  });
  return { ticket, ...side };
}
