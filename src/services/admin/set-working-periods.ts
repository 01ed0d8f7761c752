/**
 * 工作时间 Set the working periods of a working day, in minutes since local
 * midnight ([[540, 720], [780, 1080]] is 09:00–12:00 and 13:00–18:00).
 * Stored in settings `working_periods`, which the reference cache reads.
 */
import { buildCalendar } from '../../domain/calendar.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';

export interface SetWorkingPeriodsOptions {
  actor: AdminActor;
  periods: [number, number][];
}

export async function setWorkingPeriods(
  ctx: ServiceContext,
  o: SetWorkingPeriodsOptions,
): Promise<[number, number][]> {
  // buildCalendar refuses empty, out-of-range and overlapping periods, and sorts them.
  const sorted = buildCalendar([], o.periods).periods.map(([s, e]) => [s, e] as [number, number]);
  return adminTransaction(ctx, o.actor, async (trx, audit) => {
    const before = await trx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'working_periods')
      .executeTakeFirst();
    await trx
      .insertInto('settings')
      .values({ key: 'working_periods', value: JSON.stringify(sorted) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify(sorted), updated_at: ctx.clock() }),
      )
      .execute();
    await audit({
      action: 'calendar.set_periods',
      subjectType: 'setting',
      subjectId: 'working_periods',
      before: before?.value ?? null,
      after: sorted,
    });
    return sorted;
  });
}
