/**
 * 脱敏 Masking personal data that turns up inside free text: a caller's
 * number in a description, an ID number in a query string, an address in an
 * error message. Logs, exports for the public and anonymised tickets pass
 * their text through here; the structured fields have their own masks.
 */
import { maskIdNumber } from './id-numbers.js';
import { maskPhone } from './personal-data.js';

/** 18-character resident ID numbers with a real-looking birth date (the check character is not verified: a typo still is personal). */
const ID_18 =
  /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
/** Mainland mobile numbers, with or without +86 and the usual separators. */
const MOBILE = /(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
/** Landlines with an area code: 010-69641234, (010)69641234, 0106964 1234. */
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3}-)\s?\d{3,4}[\s-]?\d{4}(?!\d)/g;
/** Any other run of 15 or more digits: old ID numbers, bank cards. */
const LONG_DIGITS = /(?<![0-9A-Za-z*])\d{15,}(?![0-9A-Za-z])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

function keepLastFour(digits: string): string {
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

function maskLandline(text: string): string {
  const digits = text.replace(/\D/g, '');
  const area = /^\(?(0\d{2,3})/.exec(text)?.[1] ?? '';
  return `${area}-${keepLastFour(digits.slice(area.length))}`;
}

function maskEmail(address: string): string {
  const at = address.indexOf('@');
  return `${address[0] ?? ''}***${address.slice(at)}`;
}

/** The text with ID numbers, phone numbers, long digit runs and e-mail addresses masked. */
export function redactPersonalText(text: string): string {
  return text
    .replace(ID_18, (id) => maskIdNumber(id))
    .replace(MOBILE, (phone) => maskPhone(phone))
    .replace(LANDLINE, maskLandline)
    .replace(LONG_DIGITS, keepLastFour)
    .replace(EMAIL, maskEmail);
}

/** Whether the text holds anything `redactPersonalText` would mask. */
export function containsPersonalData(text: string): boolean {
  return redactPersonalText(text) !== text;
}

/**
 * A URL as it may be logged: the query string decoded, masked and encoded
 * again only when it held something personal, so ordinary URLs log as sent.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url.slice(q + 1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    decoded = query;
  }
  const masked = redactPersonalText(decoded);
  if (masked === decoded) return url;
  return `${url.slice(0, q)}?${encodeURI(masked)}`;
}
