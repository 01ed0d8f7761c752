/**
 * The formats of form fields beyond JSON Schema's own: dates, e-mail,
 * Chinese mobile numbers, resident ID numbers (GB 11643 check digit),
 * unified social credit codes (GB 32100 check character) and passports.
 * Messages are in both languages, for the field they are shown beside.
 */
import type { FieldFormat } from './form-schema.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证号码 GB 11643-1999: 17 digits, a birth date, an ISO 7064 MOD 11-2 check character. */
export function isResidentId(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  if (!isDate(`${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 GB 32100-2015: 18 characters, the last a MOD 31 check character. */
export function isCreditCode(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  const sum = USCC_WEIGHTS.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(value[i] ?? ''), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === value[17];
}

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export const FORMAT_CHECKS: Record<FieldFormat, { test: (v: string) => boolean; message: string }> = {
  date: { test: isDate, message: '日期格式为 YYYY-MM-DD / a date as YYYY-MM-DD' },
  email: {
    test: (v) => /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(v),
    message: '电子邮箱格式不正确 / not an e-mail address',
  },
  'cn-mobile': {
    test: (v) => /^1[3-9]\d{9}$/.test(v),
    message: '手机号码应为 11 位 / an 11-digit mobile number',
  },
  'cn-resident-id': {
    test: isResidentId,
    message: '身份证号码不正确（校验位不符）/ not a valid resident ID number (check digit)',
  },
  'cn-uscc': {
    test: isCreditCode,
    message: '统一社会信用代码不正确 / not a valid unified social credit code',
  },
  passport: {
    test: (v) => /^[A-Z0-9]{5,20}$/.test(v),
    message: '护照号码为 5–20 位大写字母或数字 / 5–20 capital letters or digits',
  },
};
