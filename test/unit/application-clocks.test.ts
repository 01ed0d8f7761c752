/** The clocks of an application in working days, and when the sweep warns. */
import { describe, expect, it } from 'vitest';
import {
  type ApplicationClockFacts,
  applicationCard,
  dueWarnings,
  nextApplicationCheck,
  runningClock,
  workingDaysAfter,
  workingDaysBetween,
} from '../../src/domain/application-clocks.js';
import { buildCalendar } from '../../src/domain/calendar.js';
import { CN_HOLIDAYS } from '../../src/domain/holidays-cn.js';
import { isPoorRating, needsRectification, RATING_LEVELS } from '../../src/domain/ratings.js';
import { serviceRates, ZERO_COUNTS } from '../../src/domain/service-metrics.js';

const cal = buildCalendar(CN_HOLIDAYS);
const at = (s: string) => new Date(s);

function facts(o: Partial<ApplicationClockFacts>): ApplicationClockFacts {
  return {
    status: 'submitted',
    submittedAt: null,
    acceptDueAt: null,
    acceptedAt: null,
    decisionDueAt: null,
    decidedAt: null,
    certificateDueAt: null,
    ...o,
  };
}

describe('application clocks', () => {
  it('count working days on the shared calendar, holidays included', () => {
    // Mon 30 Sep 2024 + 3 working days: the National Day holiday runs 1–7 Oct; 29 Sep (Sun) was worked.
    expect(workingDaysAfter(at('2024-09-30T10:00:00+08:00'), 3, cal).toISOString()).toBe(
      '2024-10-10T10:00:00.000Z',
    );
    expect(workingDaysBetween(cal, at('2024-11-26T10:00:00+08:00'), at('2024-11-26T12:00:00+08:00'))).toBe(
      0.25,
    );
    expect(workingDaysBetween(cal, at('2024-11-29T18:00:00+08:00'), at('2024-12-02T09:00:00+08:00'))).toBe(0);
  });

  it('run one clock per status, none while the applicant corrects', () => {
    const f = facts({
      submittedAt: at('2024-12-04T09:00:00+08:00'),
      acceptDueAt: at('2024-12-06T18:00:00+08:00'),
      acceptedAt: at('2024-12-09T09:00:00+08:00'),
      decisionDueAt: at('2024-12-16T18:00:00+08:00'),
      decidedAt: at('2024-12-10T09:00:00+08:00'),
      certificateDueAt: at('2024-12-11T18:00:00+08:00'),
    });
    expect(runningClock({ ...f, status: 'submitted' })?.clock).toBe('accept');
    expect(runningClock({ ...f, status: 'in_review' })?.clock).toBe('decision');
    expect(runningClock({ ...f, status: 'approved' })?.clock).toBe('certificate');
    for (const status of [
      'draft',
      'correction_requested',
      'certified',
      'refused',
      'not_accepted',
      'withdrawn',
    ] as const) {
      expect(runningClock({ ...f, status }), status).toBeNull();
      expect(nextApplicationCheck({ ...f, status }, new Set(), cal)).toBeNull();
    }
  });

  it('warn yellow at 75% of the working time, red once overdue, each once', () => {
    const f = facts({
      submittedAt: at('2024-12-04T09:00:00+08:00'),
      acceptDueAt: at('2024-12-06T18:00:00+08:00'),
    });
    const yellowAt = at('2024-12-06T11:00:00+08:00');
    expect(nextApplicationCheck(f, new Set(), cal)?.toISOString()).toBe(yellowAt.toISOString());
    expect(dueWarnings(f, new Set(), cal, at('2024-12-06T10:59:00+08:00'))).toEqual([]);
    expect(dueWarnings(f, new Set(), cal, yellowAt).map((w) => w.colour)).toEqual(['yellow']);
    expect(applicationCard(f, cal, yellowAt)).toBe('yellow');
    const late = at('2024-12-07T09:00:00+08:00');
    expect(dueWarnings(f, new Set(), cal, late).map((w) => w.colour)).toEqual(['yellow', 'red']);
    expect(dueWarnings(f, new Set(['accept:yellow']), cal, late).map((w) => w.colour)).toEqual(['red']);
    expect(dueWarnings(f, new Set(['accept:yellow', 'accept:red']), cal, late)).toEqual([]);
    expect(nextApplicationCheck(f, new Set(['accept:yellow']), cal)?.getTime()).toBe(
      at('2024-12-06T18:00:00+08:00').getTime() + 1,
    );
    expect(nextApplicationCheck(f, new Set(['accept:yellow', 'accept:red']), cal)).toBeNull();
    expect(applicationCard(f, cal, late)).toBe('red');
  });
});

describe('ratings and rates', () => {
  it('call the bottom two levels poor, and never open a rectification for a rectification', () => {
    expect(RATING_LEVELS.filter(isPoorRating)).toEqual(['unsatisfied', 'very_unsatisfied']);
    expect(needsRectification('very_unsatisfied', false)).toBe(true);
    expect(needsRectification('very_unsatisfied', true)).toBe(false);
    expect(needsRectification('satisfied', false)).toBe(false);
  });

  it('give null, not zero, for a rate over nothing', () => {
    expect(serviceRates(ZERO_COUNTS)).toEqual({
      onlineShare: null,
      onTimeRate: null,
      averageDays: null,
      averagePromisedDays: null,
      timeRatio: null,
      goodRatingRate: null,
    });
  });
});
