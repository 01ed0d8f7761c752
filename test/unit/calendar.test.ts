import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addDuration,
  buildCalendar,
  type CalendarEntry,
  DEFAULT_WORKING_PERIODS,
  type DurationSpec,
  elapsedShare,
  formatDuration,
  instantAt,
  isWorkingDay,
  localDate,
  localMinutes,
  parseDuration,
  type WorkingCalendar,
  workingMinutesBetween,
} from '../../src/domain/calendar.js';
import { AppError } from '../../src/domain/errors.js';
import { CN_HOLIDAYS } from '../../src/domain/holidays-cn.js';

/** A Beijing wall-clock time, e.g. bj('2024-06-14T17:30'). */
const bj = (local: string): Date => new Date(`${local}+08:00`);
const cal = buildCalendar(CN_HOLIDAYS);
const plain = buildCalendar([]);
const m = (amount: number): DurationSpec => ({ amount, unit: 'minute' });
const h = (amount: number): DurationSpec => ({ amount, unit: 'hour' });
const d = (amount: number): DurationSpec => ({ amount, unit: 'day' });

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

/** Every Mon–Fri of [from, from + days) declared a holiday: no working day at all. */
function allHolidays(from: string, days: number): WorkingCalendar {
  const entries: CalendarEntry[] = [];
  for (let i = 0; i < days; i++) entries.push({ date: addDays(from, i), kind: 'holiday' });
  return buildCalendar(entries);
}

describe('Beijing local time (fixed +08:00)', () => {
  it.each([
    ['2024-01-31T15:59:59Z', '2024-01-31', 1439],
    ['2024-01-31T16:00:00Z', '2024-02-01', 0],
    ['2024-12-31T16:30:00Z', '2025-01-01', 30],
    ['2024-06-14T01:30:45Z', '2024-06-14', 570],
  ])('%s is %s at minute %i', (utc, date, minutes) => {
    expect(localDate(new Date(utc))).toBe(date);
    expect(localMinutes(new Date(utc))).toBe(minutes);
  });

  it('instantAt is the inverse of localDate/localMinutes', () => {
    expect(instantAt('2024-06-14', 540)).toEqual(new Date('2024-06-14T01:00:00Z'));
    expect(instantAt('2024-03-01', 0)).toEqual(new Date('2024-02-29T16:00:00Z'));
    expect(instantAt('2024-12-31', 1440)).toEqual(bj('2025-01-01T00:00'));
  });

  it('round-trips any whole-minute instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 366 * 10 }), (minute) => {
        const t = new Date(Date.UTC(2019, 0, 1) + minute * 60_000);
        expect(instantAt(localDate(t), localMinutes(t))).toEqual(t);
      }),
    );
  });

  it.each([
    ['2024-02-30', 0],
    ['2024-2-3', 0],
    ['20240203', 0],
    ['2024-06-14', -1],
    ['2024-06-14', 1441],
    ['2024-06-14', Number.NaN],
  ])('instantAt(%s, %d) is rejected', (date, minutes) => {
    expect(thrown(() => instantAt(date, minutes)).code).toBe('VALIDATION_FAILED');
  });

  it('rejects an invalid Date instead of producing NaN', () => {
    expect(thrown(() => localDate(new Date('nope'))).code).toBe('VALIDATION_FAILED');
    expect(thrown(() => localMinutes(new Date(Number.NaN))).code).toBe('VALIDATION_FAILED');
  });
});

describe('addDays', () => {
  it.each([
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-31', 30, '2024-03-01'],
    ['2024-06-14', 0, '2024-06-14'],
  ])('%s + %i = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('rejects a bad date or a fractional count', () => {
    expect(thrown(() => addDays('2024-13-01', 1)).code).toBe('VALIDATION_FAILED');
    expect(thrown(() => addDays('2024-06-14', 1.5)).code).toBe('VALIDATION_FAILED');
  });
});

describe('isWorkingDay with the State Council calendar', () => {
  it.each([
    ['2024-06-14', true, 'an ordinary Friday'],
    ['2024-06-15', false, 'an ordinary Saturday'],
    ['2024-06-16', false, 'an ordinary Sunday'],
    ['2024-06-10', false, 'Dragon Boat Festival Monday'],
    ['2024-09-29', true, 'Sunday worked before National Day'],
    ['2024-09-30', true, 'Monday before National Day'],
    ['2024-10-01', false, 'National Day'],
    ['2024-10-04', false, 'National Day week, Friday'],
    ['2024-10-07', false, 'last day of National Day week'],
    ['2024-10-08', true, 'back to work after National Day'],
    ['2024-10-12', true, 'Saturday worked after National Day'],
    ['2024-02-04', true, 'Sunday worked before Spring Festival 2024'],
    ['2024-02-09', true, 'New Year’s Eve 2024 was a working Friday'],
    ['2024-02-12', false, 'Spring Festival 2024'],
    ['2024-02-16', false, 'Spring Festival 2024, Friday'],
    ['2024-02-18', true, 'Sunday worked after Spring Festival 2024'],
    ['2025-01-26', true, 'Sunday worked before Spring Festival 2025'],
    ['2025-02-04', false, 'Spring Festival 2025, Tuesday'],
    ['2025-02-08', true, 'Saturday worked after Spring Festival 2025'],
    ['2025-10-08', false, 'National Day 2025 runs to the 8th'],
    ['2025-10-11', true, 'Saturday worked after National Day 2025'],
    ['2026-01-02', false, 'New Year 2026, Friday'],
    ['2026-01-04', true, 'Sunday worked after New Year 2026'],
    ['2026-02-23', false, 'Spring Festival 2026 runs to Monday the 23rd'],
    ['2026-02-28', true, 'Saturday worked after Spring Festival 2026'],
    ['2026-09-20', true, 'Sunday worked before Mid-Autumn 2026'],
    ['2018-12-29', true, 'Saturday worked for New Year 2019'],
    ['2018-12-31', false, 'New Year 2019 bridge Monday'],
    ['2020-01-31', false, 'Spring Festival 2020, extended'],
    ['2020-02-01', false, 'Saturday 2020-02-01: its working day was cancelled by the extension'],
    ['2020-02-03', true, 'first working day after the 2020 extension'],
    ['2023-01-02', false, 'New Year 2023 Monday'],
    ['2023-10-07', true, 'Saturday worked after National Day 2023'],
    ['2022-04-02', true, 'Saturday worked before Qingming 2022'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it('without holiday data only the weekend is off', () => {
    expect(isWorkingDay(plain, '2024-10-01')).toBe(true);
    expect(isWorkingDay(plain, '2024-10-12')).toBe(false);
  });
});

describe('CN_HOLIDAYS data', () => {
  const dow = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

  it('lists only weekday holidays and weekend workdays, once each, with names', () => {
    const seen = new Set<string>();
    for (const e of CN_HOLIDAYS) {
      expect(seen.has(e.date)).toBe(false);
      seen.add(e.date);
      expect(e.name).toBeTruthy();
      const weekend = dow(e.date) === 0 || dow(e.date) === 6;
      expect(weekend).toBe(e.kind === 'workday');
    }
  });

  it.each([
    [2019, 11],
    [2020, 13], // the 2020-01-27 notice extended Spring Festival by two days
    [2021, 11],
    [2022, 11],
    [2023, 11],
    [2024, 11],
    [2025, 13], // two statutory days added from 2025
    [2026, 13],
  ])('%i: weekday holidays minus weekend workdays = %i statutory days', (year, days) => {
    // The 2019 New Year block began in December 2018.
    const inYear = CN_HOLIDAYS.filter(
      (e) => e.date.startsWith(String(year)) || (year === 2019 && e.date.startsWith('2018')),
    );
    const net =
      inYear.filter((e) => e.kind === 'holiday').length - inYear.filter((e) => e.kind === 'workday').length;
    expect(net).toBe(days);
  });
});

describe('buildCalendar', () => {
  const MORNING = [540, 720] as const;
  const AFTERNOON = [780, 1080] as const;

  it('uses the default office hours and keeps only real exceptions', () => {
    const c = buildCalendar([
      { date: '2024-10-01', kind: 'holiday' },
      { date: '2024-10-05', kind: 'holiday' }, // a Saturday: off anyway
      { date: '2024-10-12', kind: 'workday' },
      { date: '2024-10-14', kind: 'workday' }, // a Monday: worked anyway
    ]);
    expect(c.periods).toEqual([MORNING, AFTERNOON]);
    expect(DEFAULT_WORKING_PERIODS).toEqual(c.periods);
    expect([...c.holidays]).toEqual(['2024-10-01']);
    expect([...c.workdays]).toEqual(['2024-10-12']);
  });

  it('sorts periods given out of order', () => {
    expect(buildCalendar([], [AFTERNOON, MORNING]).periods).toEqual([MORNING, AFTERNOON]);
  });

  const twice: CalendarEntry[] = [
    { date: '2024-10-12', kind: 'workday' },
    { date: '2024-10-12', kind: 'holiday' },
  ];
  it.each<[string, CalendarEntry[], string, string]>([
    ['an impossible date', [{ date: '2024-02-30', kind: 'holiday' }], 'entries.0.date', 'invalid_date'],
    ['a malformed date', [{ date: '2024/10/01', kind: 'holiday' }], 'entries.0.date', 'invalid_date'],
    ['an unknown kind', [{ date: '2024-10-01', kind: 'off' as 'holiday' }], 'entries.0.kind', 'invalid_kind'],
    ['a date both holiday and workday', twice, 'entries.1.kind', 'conflict'],
  ])('rejects %s', (_label, entries, path, code) => {
    const err = thrown(() => buildCalendar(entries));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields).toContainEqual(expect.objectContaining({ path, code }));
  });

  it.each<[string, Array<readonly [number, number]>, string, string]>([
    ['a period past midnight', [[1000, 1500]], 'periods.0', 'out_of_range'],
    ['a negative period start', [[-10, 60]], 'periods.0', 'out_of_range'],
    ['an empty period', [[600, 600]], 'periods.0', 'out_of_range'],
    ['a fractional minute', [[540.5, 600]], 'periods.0', 'out_of_range'],
    ['overlapping periods', [MORNING, [700, 800]], 'periods.1', 'overlap'],
    ['no periods at all', [], 'periods', 'empty'],
  ])('rejects %s', (_label, periods, path, code) => {
    const err = thrown(() => buildCalendar([], periods));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports every problem at once', () => {
    const err = thrown(() => buildCalendar([{ date: 'x', kind: 'holiday' }], [[900, 800]]));
    expect(err.fields.map((f) => f.path)).toEqual(['entries.0.date', 'periods.0']);
  });
});

describe('parseDuration / formatDuration', () => {
  it.each([
    ['30m', 30, 'minute'],
    ['30min', 30, 'minute'],
    ['30 mins', 30, 'minute'],
    ['2h', 2, 'hour'],
    ['2 h', 2, 'hour'],
    ['2 hours', 2, 'hour'],
    ['2H', 2, 'hour'],
    ['24h', 24, 'hour'],
    ['7d', 7, 'day'],
    ['15d', 15, 'day'],
    [' 3 days ', 3, 'day'],
    ['30分钟', 30, 'minute'],
    ['2小时', 2, 'hour'],
    ['7天', 7, 'day'],
  ])('%j reads as %i %s', (text, amount, unit) => {
    expect(parseDuration(text)).toEqual({ amount, unit });
  });

  const malformed = ['', '   ', 'h', '2', '2w', '2h30m', 'two hours', '2constructor', '2toString'];
  const notPositiveIntegers = ['0m', '-2h', '1.5h', '99999999999999999999d'];
  it.each([...malformed, ...notPositiveIntegers])('%j is rejected', (text) => {
    const err = thrown(() => parseDuration(text));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields[0]?.path).toBe('duration');
  });

  it.each([
    ['30m', m(30)],
    ['2h', h(2)],
    ['7d', d(7)],
  ])('formats %s canonically and reads it back', (text, spec) => {
    expect(formatDuration(spec)).toBe(text);
    expect(parseDuration(formatDuration(spec))).toEqual(spec);
  });

  it.each([m(0), h(1.5), d(-1), { amount: 2, unit: 'week' } as unknown as DurationSpec])(
    'formatDuration rejects %j',
    (spec) => {
      expect(thrown(() => formatDuration(spec)).code).toBe('VALIDATION_FAILED');
    },
  );
});

describe('addDuration, calendar mode', () => {
  it.each([
    ['2024-01-31T23:30', h(2), '2024-02-01T01:30'],
    ['2024-01-31T23:45', m(30), '2024-02-01T00:15'],
    ['2024-02-28T22:00', d(1), '2024-02-29T22:00'],
    ['2023-02-28T22:00', d(1), '2023-03-01T22:00'],
    ['2024-12-31T23:00', h(2), '2025-01-01T01:00'],
    ['2024-09-30T10:00', d(7), '2024-10-07T10:00'], // holidays do not stop wall time
    ['2024-06-15T03:00', h(24), '2024-06-16T03:00'],
  ])('%s + %j = %s', (start, spec, due) => {
    expect(addDuration(bj(start), spec, 'calendar', cal)).toEqual(bj(due));
  });

  it('refuses an absurd amount', () => {
    const err = thrown(() => addDuration(bj('2024-06-14T10:00'), d(100_000), 'calendar', cal));
    expect(err.code).toBe('DEADLINE_UNCOMPUTABLE');
    expect(err.params.reason).toBeTruthy();
  });
});

describe('addDuration, working mode, minutes and hours', () => {
  it.each([
    ['Fri 17:30 + 2h rolls to Monday', '2024-06-14T17:30', h(2), '2024-06-17T10:30'],
    ['ending exactly at close stays on Friday', '2024-06-14T17:30', m(30), '2024-06-14T18:00'],
    ['one minute more goes to Monday', '2024-06-14T17:30', m(31), '2024-06-17T09:01'],
    ['before 09:00 starts at 09:00', '2024-06-13T07:00', h(2), '2024-06-13T11:00'],
    ['in the lunch break starts at 13:00', '2024-06-13T12:30', h(2), '2024-06-13T15:00'],
    ['spanning lunch skips it', '2024-06-13T11:30', h(1), '2024-06-13T13:30'],
    ['at 12:00 the morning is used up', '2024-06-13T12:00', m(1), '2024-06-13T13:01'],
    ['after 18:00 starts next morning', '2024-06-13T19:00', m(30), '2024-06-14T09:30'],
    ['on a Sunday starts Monday', '2024-06-16T10:00', h(2), '2024-06-17T11:00'],
    ['a full day from 09:00', '2024-06-13T09:00', h(8), '2024-06-13T18:00'],
    ['24 working hours are three office days', '2024-06-17T09:00', h(24), '2024-06-19T18:00'],
    ['skips National Day week', '2024-09-30T17:00', h(2), '2024-10-08T10:00'],
    ['uses the Saturday worked after National Day', '2024-10-11T17:00', h(2), '2024-10-12T10:00'],
    ['uses the Sunday worked before National Day', '2024-09-28T10:00', h(1), '2024-09-29T10:00'],
    ['year end skips New Year’s Day', '2024-12-31T17:00', h(2), '2025-01-02T10:00'],
    ['skips Spring Festival 2025', '2025-01-27T17:00', h(2), '2025-02-05T10:00'],
    ['Dragon Boat Monday', '2024-06-07T17:30', h(1), '2024-06-11T09:30'],
    ['keeps seconds', '2024-06-14T17:59:30', m(1), '2024-06-17T09:00:30'],
  ])('%s', (_label, start, spec, due) => {
    expect(addDuration(bj(start), spec, 'working', cal)).toEqual(bj(due));
  });

  it('honours custom periods', () => {
    const shifts = buildCalendar(CN_HOLIDAYS, [[480, 1020]]);
    expect(addDuration(bj('2024-06-14T16:00'), h(2), 'working', shifts)).toEqual(bj('2024-06-17T09:00'));
  });

  it('uses exactly the working minutes it adds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 365 * 6 }),
        fc.integer({ min: 1, max: 6000 }),
        (offset, minutes) => {
          const start = new Date(Date.UTC(2019, 0, 1) + offset * 60_000);
          const due = addDuration(start, m(minutes), 'working', cal);
          expect(workingMinutesBetween(cal, start, due)).toBe(minutes);
          expect(isWorkingDay(cal, localDate(due))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('addDuration, working days (受理之日起 N 个工作日)', () => {
  it.each([
    ['the receipt day does not count', '2024-06-14T10:00', 1, '2024-06-17T18:00'],
    ['late on Friday is the same', '2024-06-14T20:00', 1, '2024-06-17T18:00'],
    ['received on Sunday', '2024-06-16T10:00', 1, '2024-06-17T18:00'],
    ['received on Thursday', '2024-06-13T08:00', 1, '2024-06-14T18:00'],
    ['counts the Sunday worked before National Day', '2024-09-27T10:00', 3, '2024-10-08T18:00'],
    ['seven days across National Day', '2024-09-30T10:00', 7, '2024-10-15T18:00'],
    ['across Spring Festival 2025', '2025-01-27T10:00', 1, '2025-02-05T18:00'],
    ['15 days over New Year', '2024-12-31T10:00', 15, '2025-01-22T18:00'],
    ['received on a holiday', '2024-10-03T10:00', 1, '2024-10-08T18:00'],
  ])('%s', (_label, start, days, due) => {
    expect(addDuration(bj(start), d(days), 'working', cal)).toEqual(bj(due));
  });

  it('closes at the end of the last period', () => {
    const early = buildCalendar([], [[480, 1020]]);
    expect(addDuration(bj('2024-06-14T10:00'), d(1), 'working', early)).toEqual(bj('2024-06-17T17:00'));
  });
});

describe('addDuration refuses what it cannot compute', () => {
  const never = allHolidays('2024-01-01', 4 * 366);

  it.each([m(30), h(2), d(1)])('no working day for years: %j', (spec) => {
    const err = thrown(() => addDuration(bj('2024-01-02T10:00'), spec, 'working', never));
    expect(err.code).toBe('DEADLINE_UNCOMPUTABLE');
    expect(String(err.params.reason)).toContain('3 years');
  });

  it.each([h(10_000_000), d(5000)])('an absurd working amount: %j', (spec) => {
    expect(thrown(() => addDuration(bj('2024-06-14T10:00'), spec, 'working', cal)).code).toBe(
      'DEADLINE_UNCOMPUTABLE',
    );
  });

  it.each([m(0), h(-1), d(1.5), m(Number.NaN)])('a non-positive or fractional amount: %j', (spec) => {
    expect(thrown(() => addDuration(bj('2024-06-14T10:00'), spec, 'working', cal)).code).toBe(
      'VALIDATION_FAILED',
    );
    expect(thrown(() => addDuration(bj('2024-06-14T10:00'), spec, 'calendar', cal)).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('an invalid start', () => {
    expect(thrown(() => addDuration(new Date('x'), h(1), 'calendar', cal)).code).toBe('VALIDATION_FAILED');
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['reversed interval', '2024-06-14T12:00', '2024-06-14T10:00', 0],
    ['empty interval', '2024-06-14T10:00', '2024-06-14T10:00', 0],
    ['inside one period', '2024-06-14T09:00', '2024-06-14T10:30', 90],
    ['over lunch', '2024-06-14T11:00', '2024-06-14T14:00', 120],
    ['a whole day', '2024-06-13T00:00', '2024-06-14T00:00', 480],
    ['over a weekend', '2024-06-14T17:00', '2024-06-17T10:00', 120],
    ['over National Day week', '2024-09-30T17:00', '2024-10-08T10:00', 120],
    ['inside a weekend', '2024-06-15T08:00', '2024-06-16T20:00', 0],
    ['half a minute', '2024-06-14T09:00:00', '2024-06-14T09:00:30', 0.5],
  ])('%s', (_label, from, to, minutes) => {
    expect(workingMinutesBetween(cal, bj(from), bj(to))).toBe(minutes);
  });
});

describe('elapsedShare', () => {
  const start = bj('2024-06-17T09:00');
  const due = bj('2024-06-17T13:00');

  it.each([
    ['2024-06-17T08:00', 0],
    ['2024-06-17T09:00', 0],
    ['2024-06-17T10:00', 0.25],
    ['2024-06-17T12:00', 0.75],
    ['2024-06-17T13:00', 1],
    ['2024-06-17T15:00', 1.5],
  ])('calendar mode at %s is %d', (now, share) => {
    expect(elapsedShare(start, due, bj(now), 'calendar', cal)).toBe(share);
  });

  // Fri 17:00 + 3 working hours = Mon 11:00: 60 minutes on Friday, 120 on Monday.
  const wStart = bj('2024-06-14T17:00');
  const wDue = addDuration(wStart, h(3), 'working', cal);

  it('working clock ends on Monday', () => {
    expect(wDue).toEqual(bj('2024-06-17T11:00'));
  });

  it.each([
    ['2024-06-14T17:30', 1 / 6],
    ['2024-06-15T12:00', 1 / 3],
    ['2024-06-16T23:59', 1 / 3],
    ['2024-06-17T10:00', 2 / 3],
    ['2024-06-17T10:15', 0.75],
    ['2024-06-17T11:00', 1],
    ['2024-06-17T12:00', 4 / 3],
    ['2024-06-17T12:30', 4 / 3], // lunch: the working clock stands still
    ['2024-06-17T14:00', 5 / 3],
  ])('working mode at %s is %d', (now, share) => {
    expect(elapsedShare(wStart, wDue, bj(now), 'working', cal)).toBeCloseTo(share, 10);
  });

  it('a zero-length clock is 0 before and 1 from its due time', () => {
    expect(elapsedShare(start, start, bj('2024-06-17T08:00'), 'calendar', cal)).toBe(0);
    expect(elapsedShare(start, start, start, 'calendar', cal)).toBe(1);
  });

  it('a working clock with no working time in it falls back to wall time', () => {
    const s = bj('2024-06-15T10:00');
    expect(elapsedShare(s, bj('2024-06-15T12:00'), bj('2024-06-15T11:00'), 'working', cal)).toBe(0.5);
  });
});
