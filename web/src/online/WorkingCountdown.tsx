/**
 * Working days left to an application's deadline (or past it), counted on
 * the shared working calendar — holidays and adjusted working weekends from
 * /api/reference/calendar — with the domain's own arithmetic, so the desk
 * and the sweep that raises the cards agree on what "2 working days" is.
 */
import { buildCalendar, type WorkingCalendar, workingMinutesBetween } from '@domain/calendar';
import { api } from '../api/client';
import { useLoad } from '../api/hooks';
import type { Card } from '../api/services-types';
import { useI18n } from '../i18n';
import { useNow } from '../staff/Countdown';

interface CalendarAnswer {
  periods: { startMinute: number; endMinute: number }[];
  days: { date: string; kind: 'holiday' | 'workday' }[];
}

let calendarPromise: Promise<WorkingCalendar> | null = null;

/** This year's and next year's calendar, loaded once per page load (deadlines run at most a few weeks). */
function loadCalendar(): Promise<WorkingCalendar> {
  if (!calendarPromise) {
    const year = new Date().getFullYear();
    calendarPromise = Promise.all(
      [year, year + 1].map((y) => api<CalendarAnswer>('/api/reference/calendar', { query: { year: y } })),
    ).then(
      ([a, b]) =>
        buildCalendar(
          [...(a?.days ?? []), ...(b?.days ?? [])],
          (a?.periods ?? []).map((p) => [p.startMinute, p.endMinute] as const),
        ),
      (e: unknown) => {
        calendarPromise = null;
        throw e;
      },
    );
  }
  return calendarPromise;
}

export function useWorkingCalendar(): WorkingCalendar | null {
  return useLoad(() => loadCalendar(), []).data;
}

/** Working days between now and `due`: positive ahead of it, negative past it, to one decimal. */
export function workingDaysLeft(cal: WorkingCalendar, due: Date, now: Date): number {
  const perDay = cal.periods.reduce((s, [a, b]) => s + (b - a), 0) || 1;
  const minutes =
    due.getTime() >= now.getTime()
      ? workingMinutesBetween(cal, now, due)
      : -workingMinutesBetween(cal, due, now);
  return Math.round((minutes / perDay) * 10) / 10;
}

export function WorkingCountdown({ due, card }: { due: string | null; card?: Card | null }) {
  const { t } = useI18n();
  const cal = useWorkingCalendar();
  const now = useNow();
  if (!due) return <span className="countdown">—</span>;
  const left = cal ? workingDaysLeft(cal, new Date(due), new Date(now)) : null;
  const overdue = new Date(due).getTime() < now;
  const level = overdue || card === 'red' ? 'red' : card === 'yellow' ? 'yellow' : 'ok';
  return (
    <span className={`countdown countdown-${level}`} data-card={level} data-testid="working-countdown">
      {level !== 'ok' ? (
        <span className={`card-chip card-${level}`}>{t(level === 'red' ? 'card.red' : 'card.yellow')}</span>
      ) : null}
      {left === null
        ? '…'
        : overdue
          ? t('svc.overdueDays', { n: Math.abs(left) })
          : t('svc.daysLeft', { n: left })}
    </span>
  );
}
