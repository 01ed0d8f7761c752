import { describe, expect, it } from 'vitest';
import { takeReserved } from '../../src/db/repositories/block-reservations.js';

describe('values reserved in blocks', () => {
  it('deals one block to concurrent callers with a single reservation, then reserves the next', async () => {
    const owner = {};
    let calls = 0;
    const reserve = async () => {
      calls += 1;
      const start = (calls - 1) * 3 + 1;
      return [start, start + 1, start + 2];
    };
    const got = await Promise.all(Array.from({ length: 7 }, () => takeReserved(owner, 'k', reserve)));
    expect([...got].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(calls).toBe(3);
  });

  it('fails the waiters of a failed reservation and lets the next caller retry', async () => {
    const owner = {};
    let fail = true;
    const reserve = async () => {
      if (fail) throw new Error('database down');
      return [10];
    };
    await expect(
      Promise.all([takeReserved(owner, 'k', reserve), takeReserved(owner, 'k', reserve)]),
    ).rejects.toThrow('database down');
    fail = false;
    expect(await takeReserved(owner, 'k', reserve)).toBe(10);
  });

  it('keeps owners and keys apart, and a new key of a family retires the idle old ones', async () => {
    const a = {};
    const b = {};
    let n = 0;
    const reserve = async () => [++n * 100, n * 100 + 1];
    expect(await takeReserved(a, 'day:1', reserve, 'day:')).toBe(100);
    expect(await takeReserved(b, 'day:1', reserve, 'day:')).toBe(200);
    expect(await takeReserved(a, 'day:2', reserve, 'day:')).toBe(300);
    // day:1's leftover (101) was retired with its day
    expect(await takeReserved(a, 'day:1', reserve, 'day:')).toBe(400);
    expect(await takeReserved(a, 'other', reserve)).toBe(500);
    expect(await takeReserved(a, 'day:1', reserve, 'day:')).toBe(401);
  });
});
