/**
 * 工作日历 Mark a date as a holiday (放假) or an adjusted working day (调休上班),
 * replacing any entry it had. Working-time clocks dispatched afterwards
 * count with it.
 */
import { buildCalendar } from '../../domain/calendar.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';

export interface SetCalendarDayOptions {
  actor: AdminActor;
  date: string;
  kind: 'holiday' | 'workday';
  name?: string;
}

export interface CalendarDay {
  date: string;
  kind: string;
  name: string;
}

export async function setCalendarDay(ctx: ServiceContext, o: SetCalendarDayOptions): Promise<CalendarDay> {
  // The domain's own check: a real YYYY-MM-DD date and a known kind.
  buildCalendar([{ date: o.date, kind: o.kind }]);
  const name = o.name?.trim() ?? '';
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    const before = await trx
      .selectFrom('calendar_days')
      .selectAll()
      .where('date', '=', o.date)
      .executeTakeFirst();
    const row = await trx
      .insertInto('calendar_days')
      .values({ date: o.date, kind: o.kind, name })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: o.kind, name }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'calendar.set_day',
      subjectType: 'calendar_day',
      subjectId: o.date,
      before: before ? { kind: before.kind, name: before.name } : null,
      after: { kind: row.kind, name: row.name },
    });
    return row;
  });
}
