/**
 * What a ticket looks like through Open311 GET: a public view. No name,
 * phone, e-mail, account or device id is ever written; free text (the
 * description and the reply) has phone numbers, ID numbers and e-mail
 * addresses a citizen typed into it masked, because GET needs no api_key and
 * its answers are as public as open data.
 */
import type { TicketRow } from '../db/schema.js';
import { STATE_LABELS, TERMINAL_STATES, type TicketState } from '../domain/vocabulary.js';
import { maskPhone } from '../security/personal-data.js';
import type { ReferenceData } from '../services/reference-cache.js';
import { type NodeObject, w3cDateTime } from './format.js';
import { serviceNotice } from './services.js';

const DESCRIPTION_MAX = 4000;

const ID_NUMBER =
  /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![\d.])(?:(?:\+|00)?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?![\d.])/g;
const LANDLINE = /(?<![\d.])0\d{2,3}[-\s]?\d{7,8}(?![\d.])/g;
// Beijing fixed lines without the area code (Huairou numbers start 6 or 8).
const LOCAL_LINE = /(?<![\d.])[68]\d{7}(?![\d.])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Masks personal data a citizen may have typed into free text. */
export function redact(text: string): string {
  return text
    .replace(ID_NUMBER, (id) => `${id.slice(0, 6)}********${id.slice(-4)}`)
    .replace(MOBILE, (p) => maskPhone(p))
    .replace(LANDLINE, (p) => maskPhone(p))
    .replace(LOCAL_LINE, (p) => maskPhone(p))
    .replace(EMAIL, (e) => `${e.slice(0, 1)}***@${e.split('@')[1] ?? ''}`);
}

/** The JSON schema caps descriptions at 4,000 characters (code points); longer phone-channel texts are cut. */
export function clip(text: string, max = DESCRIPTION_MAX): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function open311Status(state: string): 'open' | 'closed' {
  return (TERMINAL_STATES as readonly string[]).includes(state) ? 'closed' : 'open';
}

function stateLabel(state: string): string {
  return STATE_LABELS[state as TicketState]?.zh ?? state;
}

/** 状态说明: the public reply once there is one, else a short label of where the ticket stands. */
export function statusNotes(t: TicketRow, mergedIntoNumber: string | null): string {
  if ((t.state === 'replied' || t.state === 'closed') && t.reply_text?.trim()) {
    return clip(redact(t.reply_text.trim()));
  }
  if (t.state === 'merged' && mergedIntoNumber) return `${stateLabel('merged')}至诉求 ${mergedIntoNumber}`;
  return stateLabel(t.state);
}

/** Most specific to most general, as the spec asks: the division's name, its township, the district. */
export function divisionAddress(ref: ReferenceData, code: string | null): string | null {
  if (!code) return null;
  const names: string[] = [];
  let current = ref.areas.get(code);
  for (let guard = 0; current && guard < 5; guard++) {
    names.push(current.name);
    current = current.parent_code ? ref.areas.get(current.parent_code) : undefined;
  }
  return names.length ? `${names.join('，')}，北京市` : null;
}

export function requestNode(ref: ReferenceData, t: TicketRow, mergedIntoNumber: string | null): NodeObject {
  const category = t.category_id === null ? undefined : ref.categories.get(t.category_id);
  const unit = t.main_unit_id === null ? undefined : ref.units.get(t.main_unit_id);
  const status = open311Status(t.state);
  const updated = status === 'closed' && t.closed_at ? t.closed_at : t.updated_at;
  return {
    service_request_id: t.number,
    status,
    status_notes: statusNotes(t, mergedIntoNumber),
    service_name: category?.name ?? null,
    service_code: category?.code ?? '',
    description: clip(redact(t.description)),
    agency_responsible: unit?.name ?? null,
    service_notice: serviceNotice(ref, category),
    requested_datetime: w3cDateTime(t.received_at),
    updated_datetime: w3cDateTime(updated),
    expected_datetime: w3cDateTime(t.reply_due_at),
    address: t.address ? redact(t.address) : divisionAddress(ref, t.area_code),
    address_id: t.area_code,
    // Postal codes are not kept per ticket, and one guessed for the whole district would be wrong for many towns.
    zipcode: null,
    lat: t.lat,
    long: t.lng,
    media_url: t.media_urls[0] ?? null,
  };
}

/** mySociety's update statuses (upper case), from the state the event moved the ticket to. */
export function updateStatus(action: string, toState: string, data: Record<string, unknown>): string {
  switch (toState) {
    case 'received':
      return 'OPEN';
    case 'merged':
      return 'DUPLICATE';
    case 'invalid':
      return 'CLOSED';
    case 'closed':
      return action === 'answer' || data.resolved === true ? 'FIXED' : 'CLOSED';
    default:
      return 'IN_PROGRESS';
  }
}

export interface PublicEvent {
  id: number;
  action: string;
  to_state: string;
  at: Date;
  reason: string | null;
  data: Record<string, unknown>;
  number: string;
}

/** One `request_update`: the new state in words, with the reply text for reply and direct answers. */
export function updateNode(e: PublicEvent): NodeObject {
  const label = stateLabel(e.to_state);
  const text = (e.action === 'reply' || e.action === 'answer') && e.reason?.trim() ? e.reason.trim() : null;
  return {
    update_id: String(e.id),
    service_request_id: e.number,
    status: updateStatus(e.action, e.to_state, e.data),
    updated_datetime: w3cDateTime(e.at),
    description: text ? clip(`${label}：${redact(text)}`) : label,
    media_url: null,
  };
}
