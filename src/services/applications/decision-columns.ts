/**
 * The facts a decision records for the metrics: when, how many working days
 * it took against its clock, and whether it came in time.
 */
import type { ApplicationRow } from '../../db/schema-services.js';
import { workingDaysBetween } from '../../domain/application-clocks.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import type { ApplicationUpdate } from './run-application-action.js';

/** Not accepted: measured from submission against the acceptance clock. Decided after review: from acceptance. */
export function decisionColumns(
  app: ApplicationRow,
  now: Date,
  cal: WorkingCalendar,
  reason: string | null,
): ApplicationUpdate {
  const reviewed = app.accepted_at !== null && app.status === 'in_review';
  const start = reviewed ? app.accepted_at : app.submitted_at;
  const due = reviewed ? app.decision_due_at : app.accept_due_at;
  return {
    decided_at: now,
    decision_reason: reason,
    working_days_used: start ? workingDaysBetween(cal, start, now) : 0,
    on_time: due ? now.getTime() <= due.getTime() : true,
  };
}

export function versionPayload(
  app: Pick<ApplicationRow, 'number'>,
  version: { row: { name: string; name_en: string } },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { number: app.number, matter: version.row.name, matterEn: version.row.name_en, ...extra };
}
