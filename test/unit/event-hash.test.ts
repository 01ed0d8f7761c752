import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, type NewEvent } from '../../src/db/repositories/ticket-events.js';

const base: NewEvent = {
  ticketId: 42,
  seq: 3,
  action: 'reply',
  fromState: 'in_progress',
  toState: 'replied',
  actorUserId: null,
  actorRole: 'unit_staff',
  actorUnitId: 7,
  at: new Date('2024-11-20T08:00:00.123Z'),
  reason: '已督促物业清理楼道杂物。"引号" \\ 反斜杠\n换行',
  data: { z: 1, a: { y: [3, { b: null, a: '中文' }], x: true }, m: 'é' },
  public: true,
};

/** The hash's definition: canonicalJson of the event's fields, chained to the previous hash. */
function byDefinition(previous: string | null, e: NewEvent): string {
  const body = canonicalJson({
    ticket: e.ticketId,
    seq: e.seq,
    action: e.action,
    from: e.fromState,
    to: e.toState,
    user: e.actorUserId,
    role: e.actorRole,
    unit: e.actorUnitId,
    at: e.at.toISOString(),
    reason: e.reason,
    data: e.data,
    public: e.public,
  });
  return createHash('sha256')
    .update(previous ?? '')
    .update('\n')
    .update(body)
    .digest('hex');
}

describe('eventHash', () => {
  it('equals its definition for events with every kind of value', () => {
    const events: NewEvent[] = [
      base,
      { ...base, fromState: null, reason: null, actorUnitId: null, actorUserId: 5, data: {}, public: false },
      { ...base, seq: 1, action: 'intake', data: { nested: { deeper: [1, 2.5, -0, 'x'] }, skip: undefined } },
      { ...base, reason: undefined as unknown as string | null },
    ];
    let previous: string | null = null;
    for (const e of events) {
      expect(eventHash(previous, e)).toBe(byDefinition(previous, e));
      previous = eventHash(previous, e);
    }
  });
});

/** canonicalJson as first written (entries, filter, sort, map, join): the chains in every database hash by it. */
function canonicalByEntries(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalByEntries).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalByEntries(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('writes what the first version wrote, key order, undefined members and all', () => {
    const values: unknown[] = [
      null,
      undefined,
      0,
      -0,
      1.5e-7,
      'a"b\\c\n中文',
      true,
      [],
      {},
      [undefined, null, { b: undefined }, [1, [2, {}]]],
      { b: 1, a: undefined, 中: 2, Z: 3, _: 4, aa: 5, 'a b': 6, é: 7, '😀': 8, '\uffff': 9 },
      { only: undefined },
      { first: undefined, second: 2 },
      base.data,
      { nested: { deeper: [1, 2.5, -0, 'x'], at: new Date(0) }, units: [3, 1, 2], reason: '中文 "q"' },
    ];
    for (const v of values) expect(canonicalJson(v)).toBe(canonicalByEntries(v));
  });
});
