/**
 * 验证码 Verification codes printed on electronic certificates: 12 random
 * Crockford base32 symbols (60 bits) and Crockford's check symbol (the value
 * modulo 37), shown as `XXXX-XXXX-XXXX-C`. The check symbol catches every
 * single mistyped symbol and every swap of two neighbours, so a typo is told
 * apart from a code that was never issued. Reading forgives what people
 * confuse: case, hyphens and spaces, O for 0, I and L for 1.
 */

const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Crockford's five extra check symbols for the values 32–36. */
const CHECK_SYMBOLS = `${SYMBOLS}*~$=U`;
export const CODE_DATA_LENGTH = 12;

function checkSymbol(data: string): string {
  let mod = 0;
  for (const ch of data) mod = (mod * 32 + SYMBOLS.indexOf(ch)) % 37;
  return CHECK_SYMBOLS[mod] as string;
}

/** A code from `random` (at least 8 bytes), canonical form without hyphens. */
export function makeVerificationCode(random: Uint8Array): string {
  if (random.length < 8) throw new Error('a verification code needs at least 8 random bytes');
  let bits = 0n;
  for (const byte of random.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let data = '';
  for (let i = 0; i < CODE_DATA_LENGTH; i++) {
    data += SYMBOLS[Number(bits & 31n)];
    bits >>= 5n;
  }
  return `${data}${checkSymbol(data)}`;
}

/** `7K3M9QXD2T4B*` → `7K3M-9QXD-2T4B-*` */
export function formatVerificationCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}`;
}

export type ParsedCode =
  | { ok: true; code: string }
  /** format: not 13 symbols of the alphabet; check: a symbol is wrong or two are swapped */
  | { ok: false; reason: 'format' | 'check' };

export function parseVerificationCode(input: string): ParsedCode {
  const cleaned = input.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_DATA_LENGTH + 1) return { ok: false, reason: 'format' };
  const data = cleaned.slice(0, CODE_DATA_LENGTH);
  const check = cleaned.slice(CODE_DATA_LENGTH);
  if ([...data].some((ch) => !SYMBOLS.includes(ch)) || !CHECK_SYMBOLS.includes(check))
    return { ok: false, reason: 'format' };
  if (checkSymbol(data) !== check) return { ok: false, reason: 'check' };
  return { ok: true, code: cleaned };
}
