/** Certificate verification codes: every single mistyped symbol and every swap of neighbours is caught. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatVerificationCode,
  makeVerificationCode,
  parseVerificationCode,
} from '../../src/domain/verification-code.js';

const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('verification codes', () => {
  const codes = Array.from({ length: 50 }, () => makeVerificationCode(randomBytes(8)));

  it('are 12 Crockford symbols and a check symbol, and read back', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}[0-9ABCDEFGHJKMNPQRSTVWXYZ*~$=U]$/);
      expect(parseVerificationCode(code)).toEqual({ ok: true, code });
      expect(parseVerificationCode(formatVerificationCode(code).toLowerCase())).toEqual({ ok: true, code });
    }
  });

  it('forgive O for 0 and I or L for 1, spaces and hyphens', () => {
    const code = makeVerificationCode(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1]));
    expect(code.startsWith('1')).toBe(true);
    const typed = ` ${code.replace(/0/g, 'o').replace(/^1/, 'l').slice(0, 6)} - ${code.slice(6)} `;
    expect(parseVerificationCode(typed)).toEqual({ ok: true, code });
  });

  it('catch every single substitution and every adjacent transposition', () => {
    for (const code of codes.slice(0, 10)) {
      for (let i = 0; i < 12; i++) {
        for (const s of SYMBOLS) {
          if (s === code[i]) continue;
          const typo = `${code.slice(0, i)}${s}${code.slice(i + 1)}`;
          expect(parseVerificationCode(typo).ok, typo).toBe(false);
        }
        if (i < 11 && code[i] !== code[i + 1]) {
          const swapped = `${code.slice(0, i)}${code[i + 1]}${code[i]}${code.slice(i + 2)}`;
          expect(parseVerificationCode(swapped), swapped).toEqual({ ok: false, reason: 'check' });
        }
      }
    }
  });

  it('tell a malformed code from a mistyped one', () => {
    expect(parseVerificationCode('hello')).toEqual({ ok: false, reason: 'format' });
    expect(parseVerificationCode('ABCDEFGHJKMNU*')).toEqual({ ok: false, reason: 'format' });
    expect(parseVerificationCode('UUUUUUUUUUUU0')).toEqual({ ok: false, reason: 'format' });
  });
});
