/**
 * Reading one value of an import row, whether it came from JSON (typed) or
 * from a CSV cell (always text): instants, booleans, numbers, lists and JSON
 * objects. Each reader returns the value or pushes an issue and returns
 * undefined, so one pass over a row collects every problem it has.
 */
import type { RowIssue } from './format.js';

export class Issues {
  readonly list: RowIssue[] = [];

  add(field: string, code: string, zh: string, en: string): undefined {
    this.list.push({ field, code, zh, en });
    return undefined;
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** null, undefined and blank text all mean "absent". */
export function absent(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

export function text(issues: Issues, field: string, v: unknown): string | undefined {
  if (absent(v)) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return issues.add(field, 'not_text', `${field} 应为文本`, `${field} must be text`);
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const BEIJING_MS = 8 * 3_600_000;

/**
 * An instant: ISO 8601 with an offset, or `YYYY-MM-DD HH:mm[:ss]` without one,
 * read as Beijing time (what legacy systems in China write). Fractions are
 * kept to the millisecond. Impossible dates (02-30, 25:00) are rejected, not
 * rolled over.
 */
export function parseInstant(value: string): Date | null {
  const m = INSTANT.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (new Date(local).getUTCDate() !== d) return null;
  const zone = m[8];
  let offset = BEIJING_MS;
  if (zone === 'Z') offset = 0;
  else if (zone !== undefined) {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 14 || om > 59) return null;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  return new Date(local - offset);
}

export function instant(issues: Issues, field: string, v: unknown): Date | undefined {
  const raw = text(issues, field, v);
  if (raw === undefined) return undefined;
  const at = parseInstant(raw);
  if (at === null) {
    return issues.add(
      field,
      'bad_date',
      `${field} 不是有效的时间：“${raw}”（应为 2024-11-26T09:30:00+08:00 或 2024-11-26 09:30:00）`,
      `${field} is not a valid time: "${raw}" (use 2024-11-26T09:30:00+08:00 or 2024-11-26 09:30:00)`,
    );
  }
  return at;
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是', 't']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', 'f']);

export function bool(issues: Issues, field: string, v: unknown): boolean | undefined {
  if (absent(v)) return undefined;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return issues.add(field, 'not_boolean', `${field} 应为 true 或 false`, `${field} must be true or false`);
}

export function num(issues: Issues, field: string, v: unknown): number | undefined {
  if (absent(v)) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : Number.NaN;
  if (!Number.isFinite(n))
    return issues.add(field, 'not_number', `${field} 应为数字`, `${field} must be a number`);
  return n;
}

/** A list: a JSON array, or (in CSV) JSON array text or names separated by ; | 、 */
export function list(issues: Issues, field: string, v: unknown): string[] | undefined {
  if (absent(v)) return undefined;
  let value = v;
  if (typeof value === 'string') {
    const s = value.trim();
    if (!s.startsWith('['))
      return s
        .split(/[;|、；]/)
        .map((x) => x.trim())
        .filter((x) => x !== '');
    try {
      value = JSON.parse(s) as unknown;
    } catch {
      return issues.add(
        field,
        'bad_json',
        `${field} 不是有效的 JSON 数组`,
        `${field} is not a valid JSON array`,
      );
    }
  }
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) {
    return issues.add(field, 'not_list', `${field} 应为文本数组`, `${field} must be an array of text`);
  }
  return value as string[];
}

/** A JSON value that may arrive as JSON text in a CSV cell. */
export function json(issues: Issues, field: string, v: unknown): unknown {
  if (absent(v)) return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return issues.add(field, 'bad_json', `${field} 不是有效的 JSON`, `${field} is not valid JSON`);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
