import { describe, expect, it } from 'vitest';
import { eventHash, type NewEvent } from '../../src/db/repositories/ticket-events.js';
import { importEventHash } from '../../src/import/event-hash.js';

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

describe('importEventHash', () => {
  it('equals eventHash for events with every kind of value', () => {
    const events: NewEvent[] = [
      base,
      { ...base, fromState: null, reason: null, actorUnitId: null, actorUserId: 5, data: {}, public: false },
      { ...base, seq: 1, action: 'intake', data: { nested: { deeper: [1, 2.5, -0, 'x'] }, skip: undefined } },
      { ...base, reason: undefined as unknown as string | null },
    ];
    let previous: string | null = null;
    for (const e of events) {
      expect(importEventHash(previous, e)).toBe(eventHash(previous, e));
      previous = eventHash(previous, e);
    }
  });
});
