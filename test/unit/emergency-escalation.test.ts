/** Escalation timing, pure: which link is due when, gaps, acknowledgement, exhaustion. */
import { describe, expect, it } from 'vitest';
import { chainOrDefault, DEFAULT_CHAINS, validateChain } from '../../src/domain/emergency/chains.js';
import {
  ackDeadline,
  currentLink,
  escalationPlan,
  type NoticeState,
} from '../../src/domain/emergency/escalation.js';
import { AppError } from '../../src/domain/errors.js';

const T0 = new Date('2024-11-26T10:00:00+08:00');
const min = (m: number) => new Date(T0.getTime() + m * 60_000);
const II = DEFAULT_CHAINS.II; // 10, 10, 10, 15

function notice(linkIndex: number, dueMin: number, filled = true, ackMin: number | null = null): NoticeState {
  return { linkIndex, dueAt: min(dueMin), filled, acknowledgedAt: ackMin === null ? null : min(ackMin) };
}

describe('escalation plan', () => {
  it('the first link is due at once when the round starts', () => {
    const plan = escalationPlan(II, T0, [], T0);
    expect(plan.due).toEqual({ linkIndex: 0, dueAt: T0 });
    expect(plan.nextAt).toEqual(T0);
  });

  it('a level-II incident climbs at 10, 20 and 30 minutes, exhausted at 45', () => {
    const n0 = [notice(0, 0)];
    expect(escalationPlan(II, T0, n0, min(9.99)).due).toBeNull();
    expect(escalationPlan(II, T0, n0, min(9.99)).nextAt).toEqual(min(10));
    expect(escalationPlan(II, T0, n0, min(10)).due).toEqual({ linkIndex: 1, dueAt: min(10) });
    const n1 = [...n0, notice(1, 10)];
    expect(escalationPlan(II, T0, n1, min(19)).nextAt).toEqual(min(20));
    expect(escalationPlan(II, T0, n1, min(20)).due).toEqual({ linkIndex: 2, dueAt: min(20) });
    const n2 = [...n1, notice(2, 20)];
    expect(escalationPlan(II, T0, n2, min(30)).due).toEqual({ linkIndex: 3, dueAt: min(30) });
    const n3 = [...n2, notice(3, 30)];
    const before = escalationPlan(II, T0, n3, min(44));
    expect(before).toMatchObject({ due: null, exhausted: false, nextAt: min(45) });
    const after = escalationPlan(II, T0, n3, min(45));
    expect(after).toMatchObject({ due: null, exhausted: true, nextAt: min(45) });
    expect(escalationPlan(II, T0, n3, min(45), true)).toMatchObject({ exhausted: true, nextAt: null });
  });

  it('counts from when a link was due, not from a late sweep', () => {
    // The sweep wrote link 1 three minutes late; link 2 is still due at 20.
    const plan = escalationPlan(II, T0, [notice(0, 0), notice(1, 10)], min(20));
    expect(plan.due).toEqual({ linkIndex: 2, dueAt: min(20) });
  });

  it('after an outage every overdue link is due, one after the other', () => {
    const plan = escalationPlan(II, T0, [notice(0, 0)], min(35));
    expect(plan.due?.linkIndex).toBe(1);
    const next = escalationPlan(II, T0, [notice(0, 0), notice(1, 10)], min(35));
    expect(next.due?.linkIndex).toBe(2);
  });

  it('a link nobody covers passes at once to the next', () => {
    const plan = escalationPlan(II, T0, [notice(0, 0, false)], T0);
    expect(plan.due).toEqual({ linkIndex: 1, dueAt: T0 });
    expect(ackDeadline({ target: 'unit_duty', ackMinutes: 10 }, T0, false)).toEqual(T0);
    expect(ackDeadline({ target: 'unit_duty', ackMinutes: 10 }, T0, true)).toEqual(min(10));
  });

  it('one acknowledgement stops the climb', () => {
    const plan = escalationPlan(II, T0, [notice(0, 0), notice(1, 10, true, 12)], min(60));
    expect(plan).toEqual({ due: null, acknowledged: true, exhausted: false, nextAt: null });
  });

  it('an empty chain never escalates', () => {
    expect(escalationPlan([], T0, [], min(100))).toMatchObject({ due: null, exhausted: false, nextAt: null });
  });

  it('the link waiting is the last one that reached somebody', () => {
    expect(currentLink([notice(0, 0), notice(1, 10, false)])?.linkIndex).toBe(0);
    expect(currentLink([notice(0, 0, false)])).toBeNull();
  });
});

describe('escalation chains', () => {
  it('defaults climb faster for graver levels and level IV stops at the centre', () => {
    expect(DEFAULT_CHAINS.I[0]?.ackMinutes).toBeLessThan(DEFAULT_CHAINS.IV[0]?.ackMinutes ?? 0);
    expect(DEFAULT_CHAINS.IV.map((l) => l.target)).not.toContain('district_leader');
    for (const chain of Object.values(DEFAULT_CHAINS)) expect(chain[0]?.target).toBe('unit_duty');
  });

  it('validates what an admin saves, naming each bad field', () => {
    expect(validateChain('II', [{ target: 'unit_duty', ackMinutes: 5 }])).toEqual([
      { target: 'unit_duty', ackMinutes: 5 },
    ]);
    try {
      validateChain('V', [
        { target: 'mayor', ackMinutes: 5 },
        { target: 'unit_duty', ackMinutes: 0 },
        { target: 'unit_lead', ackMinutes: 2.5 },
      ]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('ESCALATION_CHAIN_INVALID');
      expect(e.fields.map((f) => f.path)).toEqual([
        'level',
        'links.0.target',
        'links.1.ackMinutes',
        'links.2.ackMinutes',
      ]);
    }
    expect(() => validateChain('I', [])).toThrow(AppError);
  });

  it('falls back to the default for a malformed stored chain', () => {
    expect(chainOrDefault('III', 'nonsense')).toBe(DEFAULT_CHAINS.III);
    expect(chainOrDefault('III', [{ target: 'x', ackMinutes: 1 }])).toBe(DEFAULT_CHAINS.III);
    expect(chainOrDefault('III', [{ target: 'centre_duty', ackMinutes: 3 }])).toEqual([
      { target: 'centre_duty', ackMinutes: 3 },
    ]);
  });
});
