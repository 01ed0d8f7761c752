/** Client-side checks that mirror the server's schemas, so most mistakes are caught before sending. */
import type { MessageKey, Params } from '../../i18n';

type T = (key: MessageKey, params?: Params) => string;

export const PHONE_RE = /^[+\d][\d\s-]{4,30}$/;

export function requiredText(t: T, field: string, value: string, min = 1, max = 10_000): string | undefined {
  const n = [...value.trim()].length;
  if (n === 0) return t('v.required', { field });
  if (n < min) return t('v.minLength', { field, n: min });
  if (n > max) return t('v.maxLength', { field, n: max });
  return undefined;
}

export function phone(t: T, value: string, required: boolean): string | undefined {
  const v = value.trim();
  if (!v) return required ? t('v.phoneOrAnonymous') : undefined;
  return PHONE_RE.test(v) && v.replace(/\D/g, '').length >= 5 ? undefined : t('v.phone');
}

export function hasErrors(errors: Record<string, string | undefined>): boolean {
  return Object.values(errors).some(Boolean);
}
