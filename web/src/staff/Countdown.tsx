/** Time left to a deadline (or past it), refreshed every half minute, with the ticket's card colour. */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';

export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function duration(ms: number, t: ReturnType<typeof useI18n>['t']): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${t('time.d', { n: d })}${h ? ` ${t('time.h', { n: h })}` : ''}`;
  if (h > 0) return `${t('time.h', { n: h })}${m ? ` ${t('time.m', { n: m })}` : ''}`;
  return t('time.m', { n: m });
}

export function Countdown({ due, card }: { due: string | null; card: string | null }) {
  const { t } = useI18n();
  const now = useNow();
  if (!due) return <span className="countdown">{t('unit.noDeadline')}</span>;
  const left = new Date(due).getTime() - now;
  const overdue = left < 0;
  const level = overdue || card === 'red' ? 'red' : card === 'yellow' ? 'yellow' : 'ok';
  return (
    <span className={`countdown countdown-${level}`} data-card={level}>
      {level !== 'ok' ? (
        <span className={`card-chip card-${level}`}>{t(level === 'red' ? 'card.red' : 'card.yellow')}</span>
      ) : null}
      {overdue ? t('unit.overdue', { t: duration(left, t) }) : t('unit.due', { t: duration(left, t) })}
    </span>
  );
}
