/**
 * Open311 GeoReport v2 wire formats: XML (required by the spec) and JSON
 * (the "Spark convention" mirror of the XML). A list root such as
 * `<services><service>…` becomes a bare JSON array; a single-object root such
 * as `<service_definition>` or `<discovery>` becomes a JSON object whose
 * nested lists (`attributes`, `values`, `endpoints`, `formats`) are arrays.
 *
 * The XML is written here rather than by a generic builder so that every
 * byte is under control: the declaration the spec asks for, empty elements
 * for nulls (`<account_id></account_id>`), carriage returns kept as `&#13;`
 * so a description with CRLF survives the round trip, and characters XML 1.0
 * cannot carry dropped instead of producing a document no client can parse.
 */
import type { FastifyReply } from 'fastify';

export type Format = 'xml' | 'json';

export const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A value in a response tree: scalars, objects (elements), and lists of repeated child elements. */
export type Node = string | number | boolean | null | NodeObject | NodeList;
export interface NodeObject {
  [key: string]: Node;
}
/** A list is written as repeated `<item>` children inside its parent element, and as a JSON array. */
export interface NodeList {
  item: string;
  items: Node[];
}

export function list(item: string, items: Node[]): NodeList {
  return { item, items };
}

function isList(n: Node): n is NodeList {
  return typeof n === 'object' && n !== null && !Array.isArray(n) && 'items' in n && 'item' in n;
}

// XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#13;');
}

function scalarText(v: string | number | boolean | null): string {
  if (v === null) return '';
  return escapeXml(String(v));
}

function writeElement(name: string, value: Node, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  if (isList(value)) {
    if (value.items.length === 0) {
      out.push(`${pad}<${name}></${name}>`);
      return;
    }
    out.push(`${pad}<${name}>`);
    for (const item of value.items) writeElement(value.item, item, depth + 1, out);
    out.push(`${pad}</${name}>`);
    return;
  }
  if (value !== null && typeof value === 'object') {
    out.push(`${pad}<${name}>`);
    for (const [key, child] of Object.entries(value)) writeElement(key, child, depth + 1, out);
    out.push(`${pad}</${name}>`);
    return;
  }
  out.push(`${pad}<${name}>${scalarText(value)}</${name}>`);
}

/** The XML document for `root`; a NodeList root writes `<root><item>…</item>…</root>`. */
export function toXml(root: string, value: Node): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  writeElement(root, value, 0, out);
  return `${out.join('\n')}\n`;
}

/** The Spark-convention JSON value: lists become arrays, the root element name disappears. */
export function toJsonValue(value: Node): unknown {
  if (isList(value)) return value.items.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = toJsonValue(child);
    return out;
  }
  return value;
}

export function render(format: Format, root: string, value: Node): string {
  return format === 'xml' ? toXml(root, value) : JSON.stringify(toJsonValue(value));
}

export function send(
  reply: FastifyReply,
  format: Format,
  root: string,
  value: Node,
  status = 200,
): FastifyReply {
  return reply
    .code(status)
    .type(CONTENT_TYPES[format])
    .send(render(format, root, value));
}

/** `services.json` → { name: 'services', format: 'json' }; null when the suffix is not a format we serve. */
export function splitFormat(resource: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(xml|json)$/i.exec(resource);
  if (!m?.[1] || !m[2]) return null;
  return { name: m[1], format: m[2].toLowerCase() === 'json' ? 'json' : 'xml' };
}

/** The format a URL asks for, defaulting to XML (the spec's required format) for errors on odd URLs. */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return /\.json$/i.test(path) ? 'json' : 'xml';
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** W3C date-time in Beijing time with its offset, e.g. 2026-11-26T09:30:00+08:00 (China has no DST). */
export function w3cDateTime(instant: Date | null | undefined): string | null {
  if (!instant) return null;
  const shifted = new Date(instant.getTime() + BEIJING_OFFSET_MS);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

const W3C_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export interface ParsedDateTime {
  instant: Date;
  /** only a calendar date was given */
  dateOnly: boolean;
}

/**
 * Reads a W3C/ISO 8601 date or date-time. Without an offset the time is
 * Beijing time: the district's clients mean local time when they leave it
 * out, and guessing UTC would shift every such value by eight hours.
 */
export function parseDateTime(text: string): ParsedDateTime | null {
  // `…T00:00:00+08:00` written unencoded in a query string arrives as `…T00:00:00 08:00` ('+' is a
  // space in form encoding): a space then a bare offset after a time can only have been a plus.
  const repaired = text
    .trim()
    .replace(/([T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$/, '$1+$2');
  const m = W3C_PATTERN.exec(repaired);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  let offsetMinutes = 8 * 60;
  if (zone && zone.toUpperCase() !== 'Z') {
    const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!zm) return null;
    const zh = Number(zm[2]);
    const zmin = Number(zm[3] ?? '0');
    if (zh > 14 || zmin > 59) return null;
    offsetMinutes = (zm[1] === '-' ? -1 : 1) * (zh * 60 + zmin);
  } else if (zone) {
    offsetMinutes = 0;
  }
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return { instant: new Date(utc), dateOnly: h === undefined };
}

/** Field order of the answers a POST can replay (the spec's order), then any other key. */
const FIELD_ORDER = ['service_request_id', 'token', 'service_notice', 'account_id', 'code', 'description'];

function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (value === null || typeof value !== 'object') return value;
  const rank = (k: string) => (FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => rank(a) - rank(b));
  return Object.fromEntries(entries.map(([k, v]) => [k, reorder(v)]));
}

/** A JSON answer with its keys back in the spec's order; anything unparsable is left as it is. */
export function reorderJson(payload: string): string {
  try {
    return JSON.stringify(reorder(JSON.parse(payload)));
  } catch {
    return payload;
  }
}
