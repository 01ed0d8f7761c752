import { describe, expect, it } from 'vitest';
import { SessionCache, type SessionRecord } from '../../src/services/auth/session-cache.js';

const record: SessionRecord = {
  sessionId: 's',
  csrf_token: 'c',
  expires_at: new Date('2030-01-01T00:00:00Z'),
  revoked_at: null,
  last_seen_at: new Date('2029-12-31T00:00:00Z'),
  userId: 1,
  username: 'u',
  display_name: 'U',
  role: 'agent',
  unit_id: null,
  active: true,
};

describe('SessionCache', () => {
  it('returns what was put, until the TTL passes', () => {
    const c = new SessionCache(true, 1000);
    c.put('k', record, c.ticket(), 0);
    expect(c.get('k', 999)).toBe(record);
    expect(c.get('k', 1001)).toBeUndefined();
  });

  it('does not store a lookup that began before a clear', () => {
    const c = new SessionCache(true);
    const ticket = c.ticket();
    c.clear();
    c.put('k', record, ticket, 0);
    expect(c.get('k', 0)).toBeUndefined();
  });

  it('stores and serves nothing while disabled, and forgets everything when switched', () => {
    const c = new SessionCache(false);
    c.put('k', record, c.ticket(), 0);
    expect(c.get('k', 0)).toBeUndefined();
    c.setEnabled(true);
    c.put('k', record, c.ticket(), 0);
    expect(c.get('k', 0)).toBe(record);
    c.setEnabled(false);
    c.setEnabled(true);
    expect(c.get('k', 0)).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    const c = new SessionCache(true, 60_000, 2);
    for (const k of ['a', 'b', 'c']) c.put(k, record, c.ticket(), 0);
    expect(c.get('a', 0)).toBeUndefined();
    expect(c.get('b', 0)).toBe(record);
    expect(c.get('c', 0)).toBe(record);
    expect(c.size).toBe(2);
  });

  it('distrusts an entry stored in the future of a clock moved back', () => {
    const c = new SessionCache(true);
    c.put('k', record, c.ticket(), 5000);
    expect(c.get('k', 1000)).toBeUndefined();
  });
});
