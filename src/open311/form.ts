/**
 * Reading `application/x-www-form-urlencoded` bodies and query strings the
 * way Open311 clients write them. Parameter names arrive both raw
 * (`attribute[floor]=3`, as in the spec's own example) and percent-encoded
 * (`attribute%5Bfloor%5D=3`, as browsers and most HTTP libraries send them);
 * values are percent-encoded UTF-8 (Chinese text). The body is decoded here,
 * byte by byte, so that invalid UTF-8 is refused rather than silently turned
 * into U+FFFD, which would change what the citizen wrote.
 */
import { isUtf8 } from 'node:buffer';
import { fail } from './errors.js';

/** Every parameter with all of its values, in the order sent. Null prototype: names are client data. */
export type Fields = Record<string, string[]>;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return -1;
}

/** Percent-decodes one name or value; `+` is a space. Null when the escapes or the UTF-8 are invalid. */
export function decodeComponent(raw: Buffer): string | null {
  const out = Buffer.alloc(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i] ?? 0;
    if (b === 0x2b) {
      out[n++] = 0x20;
    } else if (b === 0x25) {
      const hi = hexValue(raw[i + 1] ?? -1);
      const lo = hexValue(raw[i + 2] ?? -1);
      if (hi < 0 || lo < 0) return null;
      out[n++] = hi * 16 + lo;
      i += 2;
    } else {
      out[n++] = b;
    }
  }
  const bytes = out.subarray(0, n);
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}

export function parseForm(body: Buffer): Fields {
  const fields: Fields = Object.create(null) as Fields;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(0x26, start); // '&'
    if (end < 0) end = body.length;
    const pair = body.subarray(start, end);
    start = end + 1;
    if (pair.length === 0) continue;
    const eq = pair.indexOf(0x3d); // '='
    const name = decodeComponent(eq < 0 ? pair : pair.subarray(0, eq));
    const value = eq < 0 ? '' : decodeComponent(pair.subarray(eq + 1));
    if (name === null || value === null) fail(400, 'body_encoding');
    if (name === '') continue;
    const existing = fields[name];
    if (existing) existing.push(value);
    else fields[name] = [value];
  }
  return fields;
}

/** Query parameters as parsed by Fastify (a string, or an array when repeated) in the same shape. */
export function fieldsOfQuery(query: unknown): Fields {
  const fields: Fields = Object.create(null) as Fields;
  if (query === null || typeof query !== 'object') return fields;
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (values.length > 0) fields[name] = values;
  }
  return fields;
}

/** Body fields, with query parameters filling in names the body lacks (some clients put api_key in the URL). */
export function mergeFields(body: Fields, query: Fields): Fields {
  const merged: Fields = Object.create(null) as Fields;
  for (const [k, v] of Object.entries(query)) merged[k] = [...v];
  for (const [k, v] of Object.entries(body)) merged[k] = [...v];
  return merged;
}

/**
 * The one value of an optional scalar parameter. Empty counts as absent (the
 * spec: "a null parameter should be treated as equivalent to a non-declared
 * parameter"); several non-empty values are an error the caller reports.
 */
export function single(fields: Fields, name: string): { value: string | null; repeated: boolean } {
  const values = (fields[name] ?? []).filter((v) => v.trim() !== '');
  return { value: values[0] ?? null, repeated: new Set(values).size > 1 };
}

export interface AttributeInput {
  code: string;
  values: string[];
  /** sent as `attribute[code][]`: the client meant a list */
  asList: boolean;
}

const ATTRIBUTE_NAME = /^attribute\[([^\]]*)\]((?:\[\d*\])?)$/;

/** `attribute[code]=v` and `attribute[code][]=v1&attribute[code][]=v2` (also `[0]`, `[1]` as some libraries write). */
export function attributeInputs(fields: Fields): AttributeInput[] {
  const byCode = new Map<string, AttributeInput>();
  for (const [name, values] of Object.entries(fields)) {
    const m = ATTRIBUTE_NAME.exec(name);
    if (!m) continue;
    const code = m[1] ?? '';
    const entry = byCode.get(code) ?? { code, values: [], asList: false };
    entry.values.push(...values.filter((v) => v.trim() !== ''));
    if (m[2]) entry.asList = true;
    byCode.set(code, entry);
  }
  return [...byCode.values()];
}

/**
 * C0 controls other than tab, LF and CR, and DEL: never typed by a person,
 * and PostgreSQL text cannot hold NUL. (A loop, not a regex: the linter
 * rightly distrusts control characters in patterns.)
 */
export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}
