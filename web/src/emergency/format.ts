/**
 * How the board draws an incident: the level's colour (I red, II orange,
 * III yellow, IV blue, as docs/emergency.md and the national plans use) and
 * the time since report in words.
 */
import type { IncidentLevel } from '../api/emergency-types';
import type { useI18n } from '../i18n';

export const LEVEL_COLOURS: Record<IncidentLevel, string> = {
  I: '#c0392b',
  II: '#e67e22',
  III: '#f1c40f',
  IV: '#2e6fb7',
};

export function levelColour(level: string): string {
  return LEVEL_COLOURS[level as IncidentLevel] ?? '#777777';
}

export function sinceReport(t: ReturnType<typeof useI18n>['t'], minutes: number): string {
  if (minutes < 60) return t('em.minutes', { n: minutes });
  return t('em.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}
