/**
 * 值班表 The on-duty roster, pure: who is on duty for a unit at an instant
 * (the officer on duty 值班员, else the deputy 副班 who covers a gap, and the
 * leader in charge 带班领导), and what is wrong with a roster over a period —
 * gaps (nobody on the officer's post) and overlaps (two people on one post
 * at once). Shifts are half-open [startsAt, endsAt): a shift ending at 08:00
 * and the next starting at 08:00 meet without gap or overlap.
 */
import type { DutyPost } from './vocabulary.js';

export interface Shift {
  id: number;
  unitId: number;
  post: DutyPost;
  userId: number;
  startsAt: Date;
  endsAt: Date;
}

function covers(s: Shift, t: Date): boolean {
  return s.startsAt.getTime() <= t.getTime() && t.getTime() < s.endsAt.getTime();
}

/**
 * The shift of `post` covering `t`. Should overlapping shifts ever exist
 * (writes refuse them, but two admins may race), the one that started last
 * wins: it is the hand-over that happened, and the answer stays stable.
 */
export function shiftAt(shifts: readonly Shift[], unitId: number, post: DutyPost, t: Date): Shift | null {
  let best: Shift | null = null;
  for (const s of shifts) {
    if (s.unitId !== unitId || s.post !== post || !covers(s, t)) continue;
    if (
      best === null ||
      s.startsAt.getTime() > best.startsAt.getTime() ||
      (s.startsAt.getTime() === best.startsAt.getTime() && s.id < best.id)
    ) {
      best = s;
    }
  }
  return best;
}

export interface DutyAnswer {
  unitId: number;
  at: Date;
  primary: Shift | null;
  deputy: Shift | null;
  leader: Shift | null;
  /** who takes a notice now: the officer on duty, else the deputy */
  onDuty: Shift | null;
  via: 'primary' | 'deputy' | 'none';
}

export function whoIsOnDuty(shifts: readonly Shift[], unitId: number, at: Date): DutyAnswer {
  const primary = shiftAt(shifts, unitId, 'primary', at);
  const deputy = shiftAt(shifts, unitId, 'deputy', at);
  const leader = shiftAt(shifts, unitId, 'leader', at);
  const onDuty = primary ?? deputy;
  return {
    unitId,
    at,
    primary,
    deputy,
    leader,
    onDuty,
    via: primary ? 'primary' : deputy ? 'deputy' : 'none',
  };
}

export interface RosterGap {
  unitId: number;
  post: DutyPost;
  from: Date;
  to: Date;
  /** who a notice reaches during the gap: the deputy throughout, partly, or only the next link */
  fallback: 'deputy' | 'deputy_partly' | 'next_link';
}

export interface RosterOverlap {
  unitId: number;
  post: DutyPost;
  shiftIds: [number, number];
  from: Date;
  to: Date;
}

export interface RosterReport {
  gaps: RosterGap[];
  overlaps: RosterOverlap[];
}

export interface ReportWindow {
  from: Date;
  to: Date;
}

function group(shifts: readonly Shift[]): Map<string, Shift[]> {
  const groups = new Map<string, Shift[]>();
  for (const s of shifts) {
    const key = `${s.unitId}:${s.post}`;
    const list = groups.get(key) ?? [];
    list.push(s);
    groups.set(key, list);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
  }
  return groups;
}

/** The parts of [from, to) that no shift of the list covers; the list is sorted by start. */
function uncovered(sorted: readonly Shift[], from: number, to: number): [number, number][] {
  const holes: [number, number][] = [];
  let cursor = from;
  for (const s of sorted) {
    const start = s.startsAt.getTime();
    const end = s.endsAt.getTime();
    if (end <= cursor) continue;
    if (start >= to) break;
    if (start > cursor) holes.push([cursor, Math.min(start, to)]);
    cursor = Math.max(cursor, end);
    if (cursor >= to) break;
  }
  if (cursor < to) holes.push([cursor, to]);
  return holes;
}

function overlapsOf(sorted: readonly Shift[]): RosterOverlap[] {
  const found: RosterOverlap[] = [];
  let reach: Shift | null = null;
  for (const s of sorted) {
    if (reach !== null && s.startsAt.getTime() < reach.endsAt.getTime()) {
      const end = Math.min(reach.endsAt.getTime(), s.endsAt.getTime());
      found.push({
        unitId: s.unitId,
        post: s.post,
        shiftIds: [reach.id, s.id],
        from: s.startsAt,
        to: new Date(end),
      });
    }
    if (reach === null || s.endsAt.getTime() > reach.endsAt.getTime()) reach = s;
  }
  return found;
}

/**
 * Gaps in the officer's post (and in the leader's post of units that keep
 * one) for each of `unitIds` over the window, and overlaps on any post.
 * A unit with no shift at all in the window is one gap from end to end.
 */
export function rosterReport(
  shifts: readonly Shift[],
  unitIds: readonly number[],
  window: ReportWindow,
): RosterReport {
  const groups = group(shifts);
  const from = window.from.getTime();
  const to = window.to.getTime();
  const gaps: RosterGap[] = [];
  const overlaps: RosterOverlap[] = [];
  for (const unitId of [...new Set(unitIds)].sort((a, b) => a - b)) {
    const primary = groups.get(`${unitId}:primary`) ?? [];
    const deputy = groups.get(`${unitId}:deputy`) ?? [];
    for (const [a, b] of uncovered(primary, from, to)) {
      const deputyHoles = uncovered(deputy, a, b);
      const fallback =
        deputyHoles.length === 0
          ? 'deputy'
          : deputyHoles.length === 1 && deputyHoles[0]?.[0] === a && deputyHoles[0]?.[1] === b
            ? 'next_link'
            : 'deputy_partly';
      gaps.push({ unitId, post: 'primary', from: new Date(a), to: new Date(b), fallback });
    }
    const leader = groups.get(`${unitId}:leader`) ?? [];
    if (leader.length > 0) {
      for (const [a, b] of uncovered(leader, from, to)) {
        gaps.push({ unitId, post: 'leader', from: new Date(a), to: new Date(b), fallback: 'next_link' });
      }
    }
  }
  for (const list of groups.values()) overlaps.push(...overlapsOf(list));
  overlaps.sort((x, y) => x.unitId - y.unitId || x.from.getTime() - y.from.getTime());
  return { gaps, overlaps };
}
