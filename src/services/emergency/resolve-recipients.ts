/**
 * 值班查询 Who a link of the chain reaches at an instant: the roster says
 * who is on duty for the lead unit or the command centre (the deputy 副班
 * when the officer's post has a gap or the officer is inactive); the unit
 * lead link takes the unit's leader in charge 带班领导, else its unit leads;
 * the district leader link takes the centre's leader in charge, else the
 * district's supervisors 区领导. Nobody found is a gap: the chain moves on.
 */
import type { Executor } from '../../db/database.js';
import { shiftsBetween } from '../../db/repositories/incidents.js';
import { type Shift, whoIsOnDuty } from '../../domain/emergency/roster.js';
import type { DutyPost, LinkTarget } from '../../domain/emergency/vocabulary.js';
import type { ReferenceData } from '../reference-cache.js';
import { centreUnitId } from './incident-actors.js';

export type RecipientVia = DutyPost | 'unit_lead' | 'supervisor' | 'none';

export interface Recipients {
  /** whose duty the link is: the lead unit, or the centre */
  unitId: number | null;
  userIds: number[];
  via: RecipientVia;
}

/** More than this many unit leads or supervisors is a mistake in the user list, not a duty. */
const MAX_BROADCAST = 10;

export function shiftOf(row: {
  id: number;
  unit_id: number;
  post: string;
  user_id: number;
  starts_at: Date;
  ends_at: Date;
}): Shift {
  return {
    id: row.id,
    unitId: row.unit_id,
    post: row.post as DutyPost,
    userId: row.user_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  };
}

async function activeUserIds(db: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', ids)
    .where('active', '=', true)
    .execute();
  return new Set(rows.map((r) => r.id));
}

async function rosterAt(db: Executor, unitId: number, at: Date) {
  const rows = await shiftsBetween(db, [unitId], at, new Date(at.getTime() + 1));
  const duty = whoIsOnDuty(rows.map(shiftOf), unitId, at);
  const active = await activeUserIds(
    db,
    [duty.primary, duty.deputy, duty.leader].flatMap((s) => (s ? [s.userId] : [])),
  );
  const pick = (s: Shift | null) => (s && active.has(s.userId) ? s.userId : null);
  return { primary: pick(duty.primary), deputy: pick(duty.deputy), leader: pick(duty.leader) };
}

async function onDuty(db: Executor, unitId: number | null, at: Date): Promise<Recipients> {
  if (unitId === null) return { unitId, userIds: [], via: 'none' };
  const r = await rosterAt(db, unitId, at);
  if (r.primary !== null) return { unitId, userIds: [r.primary], via: 'primary' };
  if (r.deputy !== null) return { unitId, userIds: [r.deputy], via: 'deputy' };
  return { unitId, userIds: [], via: 'none' };
}

async function usersWithRole(db: Executor, role: string, unitId: number | null): Promise<number[]> {
  let q = db.selectFrom('users').select('id').where('role', '=', role).where('active', '=', true);
  if (unitId !== null) q = q.where('unit_id', '=', unitId);
  const rows = await q.orderBy('id').limit(MAX_BROADCAST).execute();
  return rows.map((r) => r.id);
}

export async function resolveRecipients(
  db: Executor,
  ref: ReferenceData,
  leadUnitId: number | null,
  target: LinkTarget,
  at: Date,
): Promise<Recipients> {
  const centre = centreUnitId(ref);
  switch (target) {
    case 'unit_duty':
      return onDuty(db, leadUnitId, at);
    case 'centre_duty':
      return onDuty(db, centre, at);
    case 'unit_lead': {
      if (leadUnitId === null) return { unitId: null, userIds: [], via: 'none' };
      const r = await rosterAt(db, leadUnitId, at);
      if (r.leader !== null) return { unitId: leadUnitId, userIds: [r.leader], via: 'leader' };
      const leads = await usersWithRole(db, 'unit_lead', leadUnitId);
      return { unitId: leadUnitId, userIds: leads, via: leads.length > 0 ? 'unit_lead' : 'none' };
    }
    case 'district_leader': {
      if (centre !== null) {
        const r = await rosterAt(db, centre, at);
        if (r.leader !== null) return { unitId: centre, userIds: [r.leader], via: 'leader' };
      }
      const leaders = await usersWithRole(db, 'supervisor', null);
      return { unitId: centre, userIds: leaders, via: leaders.length > 0 ? 'supervisor' : 'none' };
    }
  }
}
