/**
 * What the board, the detail and the printed report read besides the
 * incident rows: notices, acknowledgements and the names of the people
 * involved, in one query each for any number of incidents.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { noticesOfMany } from '../../db/repositories/incidents.js';
import type { IncidentNoticeRow, IncidentRow } from '../../db/schema-emergency.js';
import { OPEN_INCIDENT_STATUSES } from '../../domain/emergency/vocabulary.js';

export interface AckView {
  noticeId: number;
  userId: number;
  at: Date;
  note: string | null;
}

export interface IncidentExtras {
  notices: Map<number, IncidentNoticeRow[]>;
  acks: Map<number, (AckView & { incidentId: number })[]>;
  users: Map<number, string>;
}

export async function loadExtras(db: Executor, incidents: readonly IncidentRow[]): Promise<IncidentExtras> {
  const ids = incidents.map((i) => i.id);
  const notices = await noticesOfMany(db, ids);
  const acks = ids.length
    ? await db
        .selectFrom('incident_acknowledgements')
        .select(['incident_id', 'notice_id', 'user_id', 'at', 'note'])
        .where('incident_id', 'in', ids)
        .orderBy('at')
        .orderBy('id')
        .execute()
    : [];
  const userIds = new Set<number>();
  for (const n of notices) for (const u of n.recipient_user_ids) userIds.add(u);
  for (const a of acks) userIds.add(a.user_id);
  for (const i of incidents) if (i.first_ack_user_id !== null) userIds.add(i.first_ack_user_id);
  const users = userIds.size
    ? await db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('id', 'in', [...userIds])
        .execute()
    : [];
  const byIncident = <T extends { incidentId: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const x of list) map.set(x.incidentId, [...(map.get(x.incidentId) ?? []), x]);
    return map;
  };
  const noticeMap = new Map<number, IncidentNoticeRow[]>();
  for (const n of notices) noticeMap.set(n.incident_id, [...(noticeMap.get(n.incident_id) ?? []), n]);
  return {
    notices: noticeMap,
    acks: byIncident(
      acks.map((a) => ({
        incidentId: a.incident_id,
        noticeId: a.notice_id,
        userId: a.user_id,
        at: a.at,
        note: a.note,
      })),
    ),
    users: new Map(users.map((u) => [u.id, u.display_name])),
  };
}

export type DrillFilter = 'exclude' | 'only' | 'include';

export interface BoardQuery {
  /** null: every incident; otherwise those involving these units or notifying this user */
  scope: { unitIds: readonly number[]; userId: number | null } | null;
  drill: DrillFilter;
  /** also incidents closed since this instant (the board fades them out) */
  closedSince?: Date | null;
  limit: number;
}

export async function boardIncidents(db: Executor, q: BoardQuery): Promise<IncidentRow[]> {
  let query = db.selectFrom('incidents').selectAll();
  query = query.where((eb) =>
    q.closedSince
      ? eb.or([eb('status', 'in', OPEN_INCIDENT_STATUSES), eb('closed_at', '>=', q.closedSince)])
      : eb('status', 'in', OPEN_INCIDENT_STATUSES),
  );
  if (q.drill === 'exclude') query = query.where('drill', '=', false);
  if (q.drill === 'only') query = query.where('drill', '=', true);
  const scope = q.scope;
  if (scope) {
    const units = scope.unitIds.length ? [...scope.unitIds] : [0];
    const userId = scope.userId ?? 0;
    query = query.where(
      sql<boolean>`(involved_unit_ids && ${sql.val(units)}::integer[] or ${userId}::integer = any(notified_user_ids))`,
    );
  }
  // Graver levels first, then the longest waiting: what the duty officer must look at.
  return query.orderBy('level').orderBy('reported_at').orderBy('id').limit(q.limit).execute();
}
