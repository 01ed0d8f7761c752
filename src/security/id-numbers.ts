/**
 * 居民身份证号码 Resident ID numbers (GB 11643-1999): 18 characters — a
 * six-digit area code, the birth date, a sequence and a check character —
 * or the old 15-digit form. Like phone numbers they are sealed at rest
 * (AES-GCM), found by a keyed hash, and shown masked (110105********002X).
 *
 * Online services (全程网办 applications and village-agent authorisations)
 * store them through `sealIdNumber`; nothing else should write one.
 */
import type { PersonalDataCipher } from './personal-data.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Full-width digits and a lower-case x are how people type them; spaces and dashes are noise. */
export function normaliseIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** The check character of the first 17 digits. */
export function idNumberCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

function plausibleDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** True for an 18-character number with a right check character and a real date, or a 15-digit one. */
export function isValidIdNumber(raw: string): boolean {
  const id = normaliseIdNumber(raw);
  if (/^\d{17}[\dX]$/.test(id)) {
    return plausibleDate(id.slice(6, 14)) && idNumberCheck(id.slice(0, 17)) === id[17];
  }
  if (/^\d{15}$/.test(id)) return plausibleDate(`19${id.slice(6, 12)}`);
  return false;
}

/** 110105********002X: the issuing area and the last four stay readable, the birth date does not. */
export function maskIdNumber(raw: string): string {
  const chars = [...normaliseIdNumber(raw)];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const head = chars.length >= 15 ? 6 : chars.length > 8 ? 2 : 0;
  return `${chars.slice(0, head).join('')}${'*'.repeat(chars.length - head - 4)}${chars.slice(-4).join('')}`;
}

export interface SealedIdNumber {
  /** AES-GCM ciphertext of the normalised number */
  enc: string;
  /** keyed hash of the normalised number, for "every application of this person" */
  hash: string;
  masked: string;
}

/** Seals an ID number for storage: ciphertext, lookup hash and masked form, all of the normalised value. */
export function sealIdNumber(cipher: PersonalDataCipher, raw: string): SealedIdNumber {
  const id = normaliseIdNumber(raw);
  return { enc: cipher.encrypt(id), hash: hashIdNumber(cipher, id), masked: maskIdNumber(id) };
}

export function hashIdNumber(cipher: PersonalDataCipher, raw: string): string {
  return cipher.hashLookup('id_number', normaliseIdNumber(raw));
}
