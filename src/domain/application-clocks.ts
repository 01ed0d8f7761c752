/**
 * 办件时限 The clocks of an application, in working days on the shared
 * working calendar: acceptance (受理) from submission, the decision from
 * acceptance within the promised limit (承诺时限, with the legal limit
 * 法定时限 beside it), and the certificate within a working day of approval.
 * While the applicant corrects (补正) no clock runs; a resubmission starts a
 * new acceptance clock. Like the ticket sweep (./sweep.ts): yellow at 75% of
 * the time used, red once overdue, each at most once per submission round,
 * and the next instant a warning falls due. Pure.
 */

import type { ApplicationStatus } from './applications.js';
import { addDuration, type WorkingCalendar, workingMinutesBetween } from './calendar.js';
import { redInstant, type SweepRules, yellowInstant } from './sweep.js';

export const APPLICATION_CLOCKS = ['accept', 'decision', 'certificate'] as const;
export type ApplicationClock = (typeof APPLICATION_CLOCKS)[number];
export type WarningColour = 'yellow' | 'red';
export type WarningKey = `${ApplicationClock}:${WarningColour}`;

/** Certificates 出证 are due the working day after approval. */
export const CERTIFICATE_DAYS = 1;
export const DEFAULT_YELLOW_AT = 0.75;

export interface ApplicationClockFacts {
  status: ApplicationStatus;
  submittedAt: Date | null;
  acceptDueAt: Date | null;
  acceptedAt: Date | null;
  decisionDueAt: Date | null;
  decidedAt: Date | null;
  certificateDueAt: Date | null;
}

export interface RunningClock {
  clock: ApplicationClock;
  start: Date;
  due: Date;
}

const day = (amount: number) => ({ amount, unit: 'day' as const });

/** Close of business of the `days`-th working day after `from` (the day itself does not count). */
export function workingDaysAfter(from: Date, days: number, cal: WorkingCalendar): Date {
  return addDuration(from, day(days), 'working', cal);
}

/** The one clock running in this status, if any. */
export function runningClock(f: ApplicationClockFacts): RunningClock | null {
  if (f.status === 'submitted' && f.submittedAt && f.acceptDueAt)
    return { clock: 'accept', start: f.submittedAt, due: f.acceptDueAt };
  if (f.status === 'in_review' && f.acceptedAt && f.decisionDueAt)
    return { clock: 'decision', start: f.acceptedAt, due: f.decisionDueAt };
  if (f.status === 'approved' && f.decidedAt && f.certificateDueAt)
    return { clock: 'certificate', start: f.decidedAt, due: f.certificateDueAt };
  return null;
}

function rulesOf(cal: WorkingCalendar, yellowAt: number): SweepRules {
  return { mode: 'working', yellowAt, calendar: cal, superviseAfterOverdueHours: 0 };
}

/** Warnings due at `now` that were not issued yet, yellow before red. */
export function dueWarnings(
  f: ApplicationClockFacts,
  issued: ReadonlySet<string>,
  cal: WorkingCalendar,
  now: Date,
  yellowAt = DEFAULT_YELLOW_AT,
): { clock: ApplicationClock; colour: WarningColour; due: Date }[] {
  const running = runningClock(f);
  if (!running) return [];
  const out: { clock: ApplicationClock; colour: WarningColour; due: Date }[] = [];
  const yellow = yellowInstant(running.start, running.due, rulesOf(cal, yellowAt));
  const red = redInstant(running.due);
  const has = (c: WarningColour) => issued.has(`${running.clock}:${c}`);
  if (now.getTime() >= yellow.getTime() && !has('yellow'))
    out.push({ clock: running.clock, colour: 'yellow', due: running.due });
  if (now.getTime() >= red.getTime() && !has('red'))
    out.push({ clock: running.clock, colour: 'red', due: running.due });
  return out;
}

/** The card the application shows at `now`: the colour of its running clock. */
export function applicationCard(
  f: ApplicationClockFacts,
  cal: WorkingCalendar,
  now: Date,
  yellowAt = DEFAULT_YELLOW_AT,
): 'none' | WarningColour {
  const running = runningClock(f);
  if (!running) return 'none';
  if (now.getTime() >= redInstant(running.due).getTime()) return 'red';
  return now.getTime() >= yellowInstant(running.start, running.due, rulesOf(cal, yellowAt)).getTime()
    ? 'yellow'
    : 'none';
}

/** When the sweep must look next: the first warning of the running clock not issued yet. */
export function nextApplicationCheck(
  f: ApplicationClockFacts,
  issued: ReadonlySet<string>,
  cal: WorkingCalendar,
  yellowAt = DEFAULT_YELLOW_AT,
): Date | null {
  const running = runningClock(f);
  if (!running) return null;
  if (!issued.has(`${running.clock}:yellow`))
    return yellowInstant(running.start, running.due, rulesOf(cal, yellowAt));
  if (!issued.has(`${running.clock}:red`)) return redInstant(running.due);
  return null;
}

/** Working days between two instants, to two decimals (a working day is the calendar's office hours). */
export function workingDaysBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const perDay = cal.periods.reduce((s, [a, b]) => s + (b - a), 0);
  if (perDay <= 0) return 0;
  return Math.round((workingMinutesBetween(cal, from, to) / perDay) * 100) / 100;
}
