import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar.js';
import { cardFor } from '../../src/domain/deadlines.js';
import { CN_HOLIDAYS } from '../../src/domain/holidays-cn.js';
import {
  currentCard,
  dueChecks,
  issuedKey,
  nextCheckAt,
  redInstant,
  SUPERVISION_KEY,
  type SweepRules,
  superviseInstant,
  type TicketClocks,
  yellowInstant,
} from '../../src/domain/sweep.js';
import { TICKET_STATES } from '../../src/domain/vocabulary.js';

const bj = (local: string): Date => new Date(`${local}+08:00`);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const cal = buildCalendar(CN_HOLIDAYS);
const calendarRules: SweepRules = {
  mode: 'calendar',
  yellowAt: 0.75,
  calendar: cal,
  superviseAfterOverdueHours: 24,
};
const workingRules: SweepRules = { ...calendarRules, mode: 'working' };
const at = (base: Date, ms: number): Date => new Date(base.getTime() + ms);

/** A general-policy ticket dispatched at `t0`: sign 2 h, response 24 h, reply 7 days. */
function dispatched(t0: Date, extra: Partial<TicketClocks> = {}): TicketClocks {
  return {
    state: 'dispatched',
    dispatchedAt: t0,
    signDueAt: at(t0, 2 * HOUR),
    signedAt: null,
    responseDueAt: at(t0, 24 * HOUR),
    firstContactAt: null,
    replyDueAt: at(t0, 7 * DAY),
    repliedAt: null,
    callbackDueAt: null,
    callbackAt: null,
    supervised: false,
    card: 'none',
    ...extra,
  };
}

const T0 = bj('2024-11-26T10:00:00');
const none = new Set<string>();
const keys = (...k: string[]) => new Set(k);

describe('thresholds', () => {
  it('calendar yellow is at 75% of the time, red just after the due instant', () => {
    expect(yellowInstant(T0, at(T0, 2 * HOUR), calendarRules)).toEqual(bj('2024-11-26T11:30:00'));
    expect(yellowInstant(T0, at(T0, 24 * HOUR), calendarRules)).toEqual(bj('2024-11-27T04:00:00'));
    expect(yellowInstant(T0, at(T0, 7 * DAY), calendarRules)).toEqual(bj('2024-12-01T16:00:00'));
    expect(redInstant(at(T0, 2 * HOUR)).getTime()).toBe(T0.getTime() + 2 * HOUR + 1);
  });

  it('working yellow counts office hours: Friday 17:00 + 2 h sign is due Monday 10:00, yellow Monday 09:30', () => {
    const start = bj('2024-11-29T17:00:00');
    const due = bj('2024-12-02T10:00:00');
    expect(yellowInstant(start, due, workingRules)).toEqual(bj('2024-12-02T09:30:00'));
  });

  it('working yellow skips the National Day holiday', () => {
    // Monday 30 September 17:00; 1–7 October are days off; back on Tuesday 8 October.
    const start = bj('2024-09-30T17:00:00');
    const due = bj('2024-10-08T10:00:00');
    expect(yellowInstant(start, due, workingRules)).toEqual(bj('2024-10-08T09:30:00'));
  });

  it('a clock with no time at all is yellow at due and red after it', () => {
    expect(yellowInstant(T0, T0, calendarRules)).toEqual(T0);
    expect(yellowInstant(T0, at(T0, -HOUR), calendarRules)).toEqual(at(T0, -HOUR));
  });

  it('yellow never lies after due, even for a clock shorter than a working minute', () => {
    const start = bj('2024-11-26T10:00:00');
    const due = bj('2024-11-26T10:00:30');
    expect(yellowInstant(start, due, workingRules).getTime()).toBeLessThanOrEqual(due.getTime());
  });

  it('supervision comes the configured hours after the reply is due, and at least just after it', () => {
    const due = at(T0, 7 * DAY);
    expect(superviseInstant(due, calendarRules)).toEqual(at(due, 24 * HOUR));
    expect(superviseInstant(due, { ...calendarRules, superviseAfterOverdueHours: 0 })).toEqual(at(due, 1));
    expect(superviseInstant(due, { ...calendarRules, superviseAfterOverdueHours: 0.5 })).toEqual(
      at(due, 30 * MIN),
    );
  });

  it('agrees with cardFor exactly in calendar mode', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 * DAY }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0, max: 1.3, noNaN: true }),
        (length, yellowAt, share) => {
          const due = at(T0, length);
          const now = at(T0, Math.floor(share * length));
          const rules = { ...calendarRules, yellowAt };
          const expected = cardFor({ start: T0, due, doneAt: null, now, mode: 'calendar', yellowAt, cal });
          const y = yellowInstant(T0, due, rules).getTime();
          const got =
            now.getTime() >= redInstant(due).getTime() ? 'red' : now.getTime() >= y ? 'yellow' : 'none';
          expect(got).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with cardFor to within a minute in working mode', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 30 }),
        fc.integer({ min: 30, max: 60 * 24 * 20 }),
        fc.integer({ min: 0, max: 60 * 24 * 25 }),
        (startMin, lengthMin, nowMin) => {
          const start = at(bj('2024-09-20T00:00:00'), startMin * MIN);
          const due = at(start, lengthMin * MIN);
          const now = at(start, nowMin * MIN);
          const y = yellowInstant(start, due, workingRules);
          const card = (when: Date) =>
            cardFor({ start, due, doneAt: null, now: when, mode: 'working', yellowAt: 0.75, cal });
          if (now.getTime() >= y.getTime()) expect(card(now)).not.toBe('none');
          if (card(now) !== 'none') expect(at(now, MIN).getTime()).toBeGreaterThanOrEqual(y.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('dueChecks', () => {
  it('a ticket that was never dispatched has nothing due and no next check', () => {
    const t = dispatched(T0, {
      state: 'received',
      dispatchedAt: null,
      signDueAt: null,
      responseDueAt: null,
      replyDueAt: null,
    });
    expect(dueChecks(t, none, calendarRules, at(T0, 30 * DAY))).toEqual({
      cards: [],
      supervise: false,
      callbackReminders: [],
      card: 'none',
    });
    expect(nextCheckAt(t, none, calendarRules)).toBeNull();
  });

  it('nothing before 75% of the sign time; a yellow sign card at 1 h 30', () => {
    const t = dispatched(T0);
    expect(dueChecks(t, none, calendarRules, at(T0, 90 * MIN - 1)).cards).toEqual([]);
    const checks = dueChecks(t, none, calendarRules, at(T0, 90 * MIN));
    expect(checks.cards).toEqual([{ clock: 'sign', colour: 'yellow' }]);
    expect(checks.card).toBe('yellow');
  });

  it('exactly at due the clock is still yellow; a millisecond later it is red', () => {
    const t = dispatched(T0, { card: 'yellow' });
    const issued = keys(issuedKey('sign', 'yellow'));
    expect(dueChecks(t, issued, calendarRules, at(T0, 2 * HOUR)).cards).toEqual([]);
    expect(dueChecks(t, issued, calendarRules, at(T0, 2 * HOUR + 1)).cards).toEqual([
      { clock: 'sign', colour: 'red' },
    ]);
  });

  it('a red card whose yellow was skipped brings both, yellow first', () => {
    const checks = dueChecks(dispatched(T0), none, calendarRules, at(T0, 3 * HOUR));
    expect(checks.cards).toEqual([
      { clock: 'sign', colour: 'yellow' },
      { clock: 'sign', colour: 'red' },
    ]);
    expect(checks.card).toBe('red');
  });

  it('every clock in order once all are overdue', () => {
    const checks = dueChecks(dispatched(T0), none, calendarRules, at(T0, 8 * DAY));
    expect(checks.cards.map((c) => `${c.clock}:${c.colour}`)).toEqual([
      'sign:yellow',
      'sign:red',
      'response:yellow',
      'response:red',
      'reply:yellow',
      'reply:red',
    ]);
    expect(checks.supervise).toBe(true);
  });

  it('issued cards are not issued again', () => {
    const issued = keys('sign:yellow', 'sign:red', 'response:yellow');
    const checks = dueChecks(dispatched(T0), issued, calendarRules, at(T0, 25 * HOUR));
    expect(checks.cards).toEqual([{ clock: 'response', colour: 'red' }]);
  });

  it('a clock that was done stops: no card for it, even overdue', () => {
    const t = dispatched(T0, { state: 'accepted', signedAt: at(T0, HOUR) });
    const checks = dueChecks(t, none, calendarRules, at(T0, 20 * HOUR));
    expect(checks.cards).toEqual([{ clock: 'response', colour: 'yellow' }]);
  });

  it('a clock done late shows red but issues nothing', () => {
    const t = dispatched(T0, { state: 'accepted', signedAt: at(T0, 3 * HOUR) });
    const checks = dueChecks(t, keys('sign:yellow'), calendarRules, at(T0, 4 * HOUR));
    expect(checks.cards).toEqual([]);
    expect(checks.card).toBe('red');
    expect(currentCard(t, calendarRules, at(T0, 4 * HOUR))).toBe('red');
  });

  it('a clock done in time shows nothing', () => {
    const t = dispatched(T0, { state: 'accepted', signedAt: at(T0, 100 * MIN) });
    expect(currentCard(t, calendarRules, at(T0, 3 * HOUR))).toBe('none');
  });

  it.each(TICKET_STATES.filter((s) => ['closed', 'merged', 'invalid'].includes(s)))(
    'a %s ticket has nothing due and no next check',
    (state) => {
      const t = dispatched(T0, { state });
      expect(dueChecks(t, none, calendarRules, at(T0, 30 * DAY)).cards).toEqual([]);
      expect(dueChecks(t, none, calendarRules, at(T0, 30 * DAY)).supervise).toBe(false);
      expect(nextCheckAt(t, none, calendarRules)).toBeNull();
    },
  );

  it('clocks keep running while a return is being reviewed', () => {
    const t = dispatched(T0, { state: 'return_requested' });
    expect(dueChecks(t, none, calendarRules, at(T0, 90 * MIN)).cards).toEqual([
      { clock: 'sign', colour: 'yellow' },
    ]);
  });

  describe('supervision', () => {
    const inProgress = (extra: Partial<TicketClocks> = {}) =>
      dispatched(T0, {
        state: 'in_progress',
        signedAt: at(T0, HOUR),
        firstContactAt: at(T0, 2 * HOUR),
        ...extra,
      });
    const issued = keys('reply:yellow', 'reply:red');

    it('is raised once the reply has been overdue for the configured hours', () => {
      const due = 7 * DAY;
      expect(dueChecks(inProgress(), issued, calendarRules, at(T0, due + 24 * HOUR - 1)).supervise).toBe(
        false,
      );
      expect(dueChecks(inProgress(), issued, calendarRules, at(T0, due + 24 * HOUR)).supervise).toBe(true);
    });

    it('follows the setting', () => {
      const rules = { ...calendarRules, superviseAfterOverdueHours: 2 };
      expect(dueChecks(inProgress(), issued, rules, at(T0, 7 * DAY + 2 * HOUR)).supervise).toBe(true);
    });

    it('not for a supervised ticket, nor twice in a round, nor once the reply is in', () => {
      const late = at(T0, 9 * DAY);
      expect(dueChecks(inProgress({ supervised: true }), issued, calendarRules, late).supervise).toBe(false);
      expect(dueChecks(inProgress(), keys(SUPERVISION_KEY), calendarRules, late).supervise).toBe(false);
      const replied = inProgress({
        state: 'replied',
        repliedAt: at(T0, 8 * DAY),
        callbackDueAt: at(T0, 11 * DAY),
      });
      expect(dueChecks(replied, issued, calendarRules, late).supervise).toBe(false);
    });

    it('is the next check once the reply cards are out', () => {
      expect(nextCheckAt(inProgress({ card: 'red' }), issued, calendarRules)).toEqual(at(T0, 8 * DAY));
      expect(nextCheckAt(inProgress({ card: 'red', supervised: true }), issued, calendarRules)).toBeNull();
    });
  });

  describe('callback reminders', () => {
    const repliedAt = at(T0, 2 * DAY);
    const replied = (extra: Partial<TicketClocks> = {}) =>
      dispatched(T0, {
        state: 'replied',
        signedAt: at(T0, HOUR),
        firstContactAt: at(T0, 2 * HOUR),
        repliedAt,
        callbackDueAt: at(repliedAt, 3 * DAY),
        ...extra,
      });

    it('remind the centre at 75% of the callback time and again when it is overdue', () => {
      expect(
        dueChecks(replied(), none, calendarRules, at(repliedAt, 54 * HOUR - 1)).callbackReminders,
      ).toEqual([]);
      expect(dueChecks(replied(), none, calendarRules, at(repliedAt, 54 * HOUR)).callbackReminders).toEqual([
        'yellow',
      ]);
      expect(
        dueChecks(replied(), keys('callback:yellow'), calendarRules, at(repliedAt, 3 * DAY + 1))
          .callbackReminders,
      ).toEqual(['red']);
      expect(dueChecks(replied(), none, calendarRules, at(repliedAt, 4 * DAY)).callbackReminders).toEqual([
        'yellow',
        'red',
      ]);
    });

    it('never colour the unit card', () => {
      expect(dueChecks(replied(), none, calendarRules, at(repliedAt, 4 * DAY)).card).toBe('none');
    });

    it('stop once the callback is recorded', () => {
      const closed = replied({ state: 'closed', callbackAt: at(repliedAt, DAY) });
      expect(dueChecks(closed, none, calendarRules, at(repliedAt, 4 * DAY)).callbackReminders).toEqual([]);
    });

    it('are the next checks of a replied ticket', () => {
      expect(nextCheckAt(replied(), none, calendarRules)).toEqual(at(repliedAt, 54 * HOUR));
      expect(nextCheckAt(replied(), keys('callback:yellow'), calendarRules)).toEqual(
        at(repliedAt, 3 * DAY + 1),
      );
      expect(nextCheckAt(replied(), keys('callback:yellow', 'callback:red'), calendarRules)).toBeNull();
    });
  });
});

describe('nextCheckAt', () => {
  it('a fresh dispatch is next looked at when the sign clock turns yellow', () => {
    expect(nextCheckAt(dispatched(T0), none, calendarRules)).toEqual(at(T0, 90 * MIN));
  });

  it('then when it turns red, then at the response yellow', () => {
    expect(nextCheckAt(dispatched(T0, { card: 'yellow' }), keys('sign:yellow'), calendarRules)).toEqual(
      at(T0, 2 * HOUR + 1),
    );
    expect(
      nextCheckAt(dispatched(T0, { card: 'red' }), keys('sign:yellow', 'sign:red'), calendarRules),
    ).toEqual(at(T0, 18 * HOUR));
  });

  it('may lie in the past when something due has not been applied yet', () => {
    expect(nextCheckAt(dispatched(T0), none, calendarRules)?.getTime()).toBeLessThan(
      at(T0, 3 * HOUR).getTime(),
    );
  });

  it('after an extension the card is refreshed when the new deadline nears, without a second card', () => {
    // Reply due at 7 days, red issued; at day 8 the deadline moves to day 12 and the card shows none.
    const t = dispatched(T0, {
      state: 'in_progress',
      signedAt: at(T0, HOUR),
      firstContactAt: at(T0, 2 * HOUR),
      replyDueAt: at(T0, 12 * DAY),
      supervised: true,
    });
    const issued = keys('reply:yellow', 'reply:red');
    expect(currentCard(t, calendarRules, at(T0, 8 * DAY))).toBe('none');
    expect(nextCheckAt(t, issued, calendarRules)).toEqual(at(T0, 9 * DAY));
    const checks = dueChecks(t, issued, calendarRules, at(T0, 9 * DAY));
    expect(checks.cards).toEqual([]);
    expect(checks.card).toBe('yellow');
    expect(nextCheckAt({ ...t, card: 'yellow' }, issued, calendarRules)).toEqual(at(T0, 12 * DAY + 1));
  });

  it('working mode: a Friday-evening dispatch is next looked at on Monday morning', () => {
    const start = bj('2024-11-29T17:00:00');
    const t = dispatched(start, {
      signDueAt: bj('2024-12-02T10:00:00'),
      responseDueAt: bj('2024-12-05T17:00:00'),
      replyDueAt: bj('2024-12-20T18:00:00'),
    });
    expect(nextCheckAt(t, none, workingRules)).toEqual(bj('2024-12-02T09:30:00'));
    expect(dueChecks(t, none, workingRules, bj('2024-12-01T23:59:00')).cards).toEqual([]);
  });

  it('once everything due is applied, the next check is in the future (or there is none)', () => {
    const instant = fc.integer({ min: 0, max: 20 * DAY });
    const maybe = fc.option(instant, { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          sign: instant,
          response: instant,
          reply: instant,
          signed: maybe,
          contacted: maybe,
          replied: maybe,
          callbackAfter: instant,
          now: fc.integer({ min: 0, max: 40 * DAY }),
          supervised: fc.boolean(),
          working: fc.boolean(),
        }),
        (r) => {
          const rules = r.working ? workingRules : calendarRules;
          const repliedAt = r.replied === null ? null : at(T0, r.replied);
          const t = dispatched(T0, {
            state: repliedAt ? 'replied' : 'in_progress',
            signDueAt: at(T0, r.sign),
            responseDueAt: at(T0, r.response),
            replyDueAt: at(T0, r.reply),
            signedAt: r.signed === null ? null : at(T0, r.signed),
            firstContactAt: r.contacted === null ? null : at(T0, r.contacted),
            repliedAt,
            callbackDueAt: repliedAt ? at(repliedAt, r.callbackAfter) : null,
            supervised: r.supervised,
          });
          const now = at(T0, r.now);
          const checks = dueChecks(t, none, rules, now);
          const issued = new Set<string>([
            ...checks.cards.map((c) => issuedKey(c.clock, c.colour)),
            ...checks.callbackReminders.map((c) => issuedKey('callback', c)),
            ...(checks.supervise ? [SUPERVISION_KEY] : []),
          ]);
          const after = { ...t, card: checks.card, supervised: t.supervised || checks.supervise };
          const next = nextCheckAt(after, issued, rules);
          if (next !== null) expect(next.getTime()).toBeGreaterThan(now.getTime());
          expect(dueChecks(after, issued, rules, now)).toMatchObject({
            cards: [],
            supervise: false,
            callbackReminders: [],
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});
