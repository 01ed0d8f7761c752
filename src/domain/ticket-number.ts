/**
 * Ticket numbers 工单编号 a person can read over the phone: district prefix,
 * the Beijing date of intake as YYMMDD, and a daily sequence of at least five
 * digits, e.g. HR24112600123. Letters are only in the prefix.
 */
import { localDate } from './calendar.js';

export function formatTicketNumber(prefix: string, receivedAt: Date, sequence: number): string {
  const day = localDate(receivedAt).replaceAll('-', '').slice(2);
  return `${prefix}${day}${String(sequence).padStart(5, '0')}`;
}

const PATTERN = /^([A-Z]{1,4})(\d{6})(\d{5,})$/;

export function parseTicketNumber(value: string): { prefix: string; day: string; sequence: number } | null {
  const m = PATTERN.exec(value.trim().toUpperCase());
  if (!m) return null;
  return { prefix: m[1] ?? '', day: m[2] ?? '', sequence: Number(m[3]) };
}

export function isTicketNumber(value: string): boolean {
  return PATTERN.test(value.trim().toUpperCase());
}
