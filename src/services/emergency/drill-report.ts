/**
 * 演练评估 After a resilient-city exercise: for the drill incidents of a
 * period (or one drill), every notice with when it went out, its deadline,
 * when and by whom it was acknowledged, and per unit how many were
 * acknowledged, how many in time, and how long it took.
 */
import type { Executor } from '../../db/database.js';
import { type DurationSummary, minutesBetween, summariseMinutes } from '../../domain/emergency/metrics.js';

export interface DrillNoticeLine {
  incidentId: number;
  number: string | null;
  title: string;
  level: string;
  round: number;
  linkIndex: number;
  target: string;
  unitId: number | null;
  via: string;
  recipients: { id: number; name: string }[];
  notifiedAt: Date;
  ackDueAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: { id: number; name: string } | null;
  minutes: number | null;
  onTime: boolean | null;
}

export interface DrillUnitLine extends DurationSummary {
  unitId: number | null;
  notices: number;
  acknowledged: number;
  onTime: number;
  /** links that reached nobody: gaps in that unit's roster */
  unfilled: number;
}

export interface DrillReport {
  drills: number;
  notices: DrillNoticeLine[];
  units: DrillUnitLine[];
}

export async function drillReport(
  db: Executor,
  q: { incidentId?: number; from?: Date; to?: Date },
): Promise<DrillReport> {
  let incidents = db
    .selectFrom('incidents')
    .select(['id', 'number', 'title', 'level'])
    .where('drill', '=', true);
  if (q.incidentId !== undefined) incidents = incidents.where('id', '=', q.incidentId);
  if (q.from) incidents = incidents.where('reported_at', '>=', q.from);
  if (q.to) incidents = incidents.where('reported_at', '<', q.to);
  const drills = await incidents.orderBy('reported_at').execute();
  const ids = drills.map((d) => d.id);
  const notices = ids.length
    ? await db
        .selectFrom('incident_notices')
        .selectAll()
        .where('incident_id', 'in', ids)
        .orderBy('notified_at')
        .orderBy('id')
        .execute()
    : [];
  const userIds = [
    ...new Set(
      notices.flatMap((n) => [...n.recipient_user_ids, ...(n.acknowledged_by ? [n.acknowledged_by] : [])]),
    ),
  ];
  const users = new Map(
    (userIds.length
      ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()
      : []
    ).map((u) => [u.id, u.display_name]),
  );
  const byId = new Map(drills.map((d) => [d.id, d]));
  const lines: DrillNoticeLine[] = notices.map((n) => {
    const d = byId.get(n.incident_id);
    const minutes = n.acknowledged_at
      ? Math.round(minutesBetween(n.notified_at, n.acknowledged_at) * 10) / 10
      : null;
    return {
      incidentId: n.incident_id,
      number: d?.number ?? null,
      title: d?.title ?? '',
      level: d?.level ?? '',
      round: n.round,
      linkIndex: n.link_index,
      target: n.target,
      unitId: n.unit_id,
      via: n.via,
      recipients: n.recipient_user_ids.map((id) => ({ id, name: users.get(id) ?? String(id) })),
      notifiedAt: n.notified_at,
      ackDueAt: n.ack_due_at,
      acknowledgedAt: n.acknowledged_at,
      acknowledgedBy: n.acknowledged_by
        ? { id: n.acknowledged_by, name: users.get(n.acknowledged_by) ?? '' }
        : null,
      minutes,
      onTime:
        n.recipient_user_ids.length === 0
          ? null
          : n.acknowledged_at !== null && n.acknowledged_at <= n.ack_due_at,
    };
  });
  const units = new Map<string, DrillNoticeLine[]>();
  for (const l of lines) units.set(String(l.unitId), [...(units.get(String(l.unitId)) ?? []), l]);
  return {
    drills: drills.length,
    notices: lines,
    units: [...units.values()].map((list) => {
      const filled = list.filter((l) => l.recipients.length > 0);
      return {
        unitId: list[0]?.unitId ?? null,
        notices: filled.length,
        acknowledged: filled.filter((l) => l.acknowledgedAt !== null).length,
        onTime: filled.filter((l) => l.onTime === true).length,
        unfilled: list.length - filled.length,
        ...summariseMinutes(filled.flatMap((l) => (l.minutes === null ? [] : [l.minutes]))),
      };
    }),
  };
}
