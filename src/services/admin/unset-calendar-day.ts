/** 工作日历 Remove a date's holiday/workday entry: the date follows the normal week again. */
import { buildCalendar } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';

export interface UnsetCalendarDayOptions {
  actor: AdminActor;
  date: string;
}

export async function unsetCalendarDay(ctx: ServiceContext, o: UnsetCalendarDayOptions): Promise<void> {
  buildCalendar([{ date: o.date, kind: 'holiday' }]);
  await adminTransaction(ctx, o.actor, async (trx, audit) => {
    const row = await trx
      .deleteFrom('calendar_days')
      .where('date', '=', o.date)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('CALENDAR_DAY_NOT_SET', { date: o.date });
    await audit({
      action: 'calendar.unset_day',
      subjectType: 'calendar_day',
      subjectId: o.date,
      before: { kind: row.kind, name: row.name },
    });
  });
}
