/** The on-duty roster, pure: who is on duty at an instant, gaps and overlaps, roster file rows. */
import { describe, expect, it } from 'vitest';
import { rosterReport, type Shift, shiftAt, whoIsOnDuty } from '../../src/domain/emergency/roster.js';
import { rosterHeader, rosterRow } from '../../src/domain/emergency/roster-rows.js';

const bj = (local: string) => new Date(`${local}+08:00`);
let nextId = 1;
function shift(post: Shift['post'], userId: number, from: string, to: string, unitId = 1): Shift {
  return { id: nextId++, unitId, post, userId, startsAt: bj(from), endsAt: bj(to) };
}

describe('who is on duty', () => {
  const day = shift('primary', 10, '2024-11-26T08:00:00', '2024-11-26T20:00:00');
  const night = shift('primary', 11, '2024-11-26T20:00:00', '2024-11-27T08:00:00');
  const deputy = shift('deputy', 12, '2024-11-26T00:00:00', '2024-11-27T00:00:00');
  const leader = shift('leader', 13, '2024-11-26T08:00:00', '2024-11-27T08:00:00');
  const other = shift('primary', 99, '2024-11-26T00:00:00', '2024-11-28T00:00:00', 2);
  const all = [day, night, deputy, leader, other];

  it('takes the shift covering the instant, half-open at hand-over', () => {
    expect(whoIsOnDuty(all, 1, bj('2024-11-26T12:00:00')).onDuty?.userId).toBe(10);
    expect(whoIsOnDuty(all, 1, bj('2024-11-26T19:59:59')).onDuty?.userId).toBe(10);
    expect(whoIsOnDuty(all, 1, bj('2024-11-26T20:00:00')).onDuty?.userId).toBe(11);
    expect(whoIsOnDuty(all, 1, bj('2024-11-27T07:59:00')).leader?.userId).toBe(13);
  });

  it('falls to the deputy in a gap of the officer post, and to nobody after that', () => {
    const early = whoIsOnDuty(all, 1, bj('2024-11-26T06:00:00'));
    expect(early).toMatchObject({ via: 'deputy', primary: null });
    expect(early.onDuty?.userId).toBe(12);
    const none = whoIsOnDuty(all, 1, bj('2024-11-25T06:00:00'));
    expect(none).toMatchObject({ via: 'none', onDuty: null, leader: null });
  });

  it('never mixes units', () => {
    expect(whoIsOnDuty(all, 2, bj('2024-11-26T12:00:00')).onDuty?.userId).toBe(99);
    expect(whoIsOnDuty(all, 3, bj('2024-11-26T12:00:00')).via).toBe('none');
  });

  it('with overlapping shifts the later hand-over wins, stably', () => {
    const a = shift('primary', 1, '2024-11-26T08:00:00', '2024-11-26T20:00:00', 5);
    const b = shift('primary', 2, '2024-11-26T12:00:00', '2024-11-26T22:00:00', 5);
    expect(shiftAt([a, b], 5, 'primary', bj('2024-11-26T13:00:00'))?.userId).toBe(2);
    expect(shiftAt([b, a], 5, 'primary', bj('2024-11-26T13:00:00'))?.userId).toBe(2);
    expect(shiftAt([a, b], 5, 'primary', bj('2024-11-26T09:00:00'))?.userId).toBe(1);
  });
});

describe('roster report', () => {
  const window = { from: bj('2024-11-26T00:00:00'), to: bj('2024-11-27T00:00:00') };

  it('a full day has no gap; the edges of the window count', () => {
    const s = [
      shift('primary', 1, '2024-11-25T20:00:00', '2024-11-26T08:00:00'),
      shift('primary', 2, '2024-11-26T08:00:00', '2024-11-27T08:00:00'),
    ];
    expect(rosterReport(s, [1], window)).toEqual({ gaps: [], overlaps: [] });
  });

  it('reports gaps with who covers them', () => {
    const s = [
      shift('primary', 1, '2024-11-26T08:00:00', '2024-11-26T12:00:00'),
      shift('primary', 2, '2024-11-26T14:00:00', '2024-11-26T20:00:00'),
      shift('deputy', 3, '2024-11-26T12:00:00', '2024-11-26T14:00:00'),
      shift('deputy', 3, '2024-11-26T20:00:00', '2024-11-26T22:00:00'),
    ];
    const r = rosterReport(s, [1], window);
    expect(r.overlaps).toEqual([]);
    expect(r.gaps.map((g) => [g.from.toISOString(), g.to.toISOString(), g.fallback])).toEqual([
      [bj('2024-11-26T00:00:00').toISOString(), bj('2024-11-26T08:00:00').toISOString(), 'next_link'],
      [bj('2024-11-26T12:00:00').toISOString(), bj('2024-11-26T14:00:00').toISOString(), 'deputy'],
      [bj('2024-11-26T20:00:00').toISOString(), bj('2024-11-27T00:00:00').toISOString(), 'deputy_partly'],
    ]);
  });

  it('a unit with no shift is one gap; leader gaps only for units that keep a leader roster', () => {
    const r = rosterReport([], [4], window);
    expect(r.gaps).toHaveLength(1);
    expect(r.gaps[0]).toMatchObject({ unitId: 4, post: 'primary', fallback: 'next_link' });
    const withLeader = rosterReport(
      [
        shift('primary', 1, '2024-11-26T00:00:00', '2024-11-27T00:00:00', 6),
        shift('leader', 2, '2024-11-26T08:00:00', '2024-11-26T18:00:00', 6),
      ],
      [6],
      window,
    );
    expect(withLeader.gaps.map((g) => g.post)).toEqual(['leader', 'leader']);
  });

  it('reports overlaps on one post, not across posts or units', () => {
    const a = shift('primary', 1, '2024-11-26T08:00:00', '2024-11-26T20:00:00', 7);
    const b = shift('primary', 2, '2024-11-26T19:00:00', '2024-11-27T08:00:00', 7);
    const c = shift('deputy', 3, '2024-11-26T08:00:00', '2024-11-26T20:00:00', 7);
    const d = shift('primary', 4, '2024-11-26T08:00:00', '2024-11-26T20:00:00', 8);
    const r = rosterReport([a, b, c, d], [], window);
    expect(r.overlaps).toEqual([
      { unitId: 7, post: 'primary', shiftIds: [a.id, b.id], from: b.startsAt, to: a.endsAt },
    ]);
    expect(r.gaps).toEqual([]);
  });

  it('a shift inside a longer one is an overlap too', () => {
    const long = shift('primary', 1, '2024-11-26T00:00:00', '2024-11-27T00:00:00', 9);
    const inner = shift('primary', 2, '2024-11-26T10:00:00', '2024-11-26T11:00:00', 9);
    const after = shift('primary', 3, '2024-11-26T12:00:00', '2024-11-26T13:00:00', 9);
    expect(rosterReport([long, inner, after], [9], window).overlaps.map((o) => o.shiftIds)).toEqual([
      [long.id, inner.id],
      [long.id, after.id],
    ]);
  });
});

describe('roster file rows', () => {
  const header = rosterHeader(['unit', 'post', 'date', 'start', 'end', 'user', 'note']);
  if (!(header instanceof Map)) throw new Error('header');

  it('reads English and Chinese headers and refuses unknown, repeated or missing columns', () => {
    expect(rosterHeader(['单位', '岗位', '日期', '开始', '结束', '人员']) instanceof Map).toBe(true);
    expect(rosterHeader(['\uFEFFunit', 'post', 'date', 'start', 'end', 'user']) instanceof Map).toBe(true);
    expect(rosterHeader(['unit', 'post', 'date', 'start', 'end', 'user', 'shoe'])).toMatchObject({
      field: 'shoe',
    });
    expect(rosterHeader(['unit', 'unit', 'date', 'start', 'end', 'user'])).toMatchObject({ field: 'unit' });
    expect(rosterHeader(['unit', 'post', 'date'])).toMatchObject({ field: 'start,end,user' });
  });

  it('turns a row into Beijing instants; a night shift ends the next day', () => {
    const day = rosterRow(['centre', 'primary', '2024-11-26', '08:00', '20:00', 'zhang', ''], header, 2);
    expect(day).toMatchObject({
      unitCode: 'centre',
      post: 'primary',
      username: 'zhang',
      note: null,
      line: 2,
    });
    if (Array.isArray(day)) throw new Error('row');
    expect(day.startsAt).toEqual(bj('2024-11-26T08:00:00'));
    const night = rosterRow(['centre', '副班', '2024-11-26', '20:00', '08:00', 'li', '夜班'], header, 3);
    if (Array.isArray(night)) throw new Error('row');
    expect(night.post).toBe('deputy');
    expect(night.endsAt).toEqual(bj('2024-11-27T08:00:00'));
    const whole = rosterRow(['centre', '带班领导', '2024-11-26', '00:00', '24:00', 'wang', ''], header, 4);
    if (Array.isArray(whole)) throw new Error('row');
    expect(whole.endsAt).toEqual(bj('2024-11-27T00:00:00'));
  });

  it('names every problem of a bad row', () => {
    const bad = rosterRow(['', 'boss', '2024-13-40', '8am', '25:00', '', ''], header, 5);
    expect(Array.isArray(bad)).toBe(true);
    expect((bad as { field: string }[]).map((p) => p.field)).toEqual([
      'unit',
      'post',
      'user',
      'start',
      'end',
    ]);
    const badDate = rosterRow(['centre', 'primary', '2024-13-40', '08:00', '09:00', 'z', ''], header, 6);
    expect((badDate as { field: string }[]).map((p) => p.field)).toEqual(['date']);
  });
});
