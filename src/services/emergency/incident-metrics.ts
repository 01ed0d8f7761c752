/**
 * 应急指标 The leadership dashboard's emergency figures over a period:
 * time to acknowledge 确认用时 and time to respond 处置用时 by level and by
 * lead unit, each unit's own acknowledgement times on the notices it got,
 * and incidents by type and town per month. Drills 演练 never count here.
 */
import type { Executor } from '../../db/database.js';
import { localDate } from '../../domain/calendar.js';
import {
  type DurationSummary,
  minutesBetween,
  summariseBy,
  summariseMinutes,
} from '../../domain/emergency/metrics.js';
import { INCIDENT_LEVELS } from '../../domain/emergency/vocabulary.js';

export interface GroupFigure extends DurationSummary {
  key: string;
  /** incidents (or notices) in the group, including those never acknowledged / responded to */
  total: number;
}

export interface IncidentMetrics {
  from: Date;
  to: Date;
  incidents: number;
  acknowledge: { all: DurationSummary; byLevel: GroupFigure[]; byUnit: GroupFigure[] };
  respond: { all: DurationSummary; byLevel: GroupFigure[]; byUnit: GroupFigure[] };
  /** acknowledgement of the notices each unit's people received, from notice to acknowledgement */
  noticesByUnit: GroupFigure[];
  byTypeTownMonth: { month: string; type: string; townshipCode: string | null; count: number }[];
}

function figures(
  rows: readonly { key: string; minutes: number | null }[],
  keys: readonly string[],
): GroupFigure[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + 1);
  const summaries = summariseBy(
    rows.flatMap((r) => (r.minutes === null ? [] : [{ key: r.key, minutes: r.minutes }])),
  );
  const order = [...new Set([...keys, ...totals.keys()])].filter((k) => totals.has(k));
  return order.map((key) => ({
    key,
    total: totals.get(key) ?? 0,
    ...(summaries.get(key) ?? summariseMinutes([])),
  }));
}

export async function incidentMetrics(db: Executor, from: Date, to: Date): Promise<IncidentMetrics> {
  const rows = await db
    .selectFrom('incidents')
    .select([
      'id',
      'type',
      'level',
      'township_code',
      'lead_unit_id',
      'reported_at',
      'first_ack_at',
      'responding_at',
    ])
    .where('drill', '=', false)
    .where('reported_at', '>=', from)
    .where('reported_at', '<', to)
    .execute();
  const notices = await db
    .selectFrom('incident_notices')
    .innerJoin('incidents', 'incidents.id', 'incident_notices.incident_id')
    .select(['incident_notices.unit_id', 'incident_notices.notified_at', 'incident_notices.acknowledged_at'])
    .where('incidents.drill', '=', false)
    .where('incident_notices.drill', '=', false)
    .where('incidents.reported_at', '>=', from)
    .where('incidents.reported_at', '<', to)
    .where((eb) => eb(eb.fn('cardinality', ['incident_notices.recipient_user_ids']), '>', 0))
    .execute();
  const ack = rows.map((r) => ({
    r,
    minutes: r.first_ack_at ? minutesBetween(r.reported_at, r.first_ack_at) : null,
  }));
  const respond = rows.map((r) => ({
    r,
    minutes: r.responding_at ? minutesBetween(r.reported_at, r.responding_at) : null,
  }));
  const unitKey = (id: number | null) => (id === null ? 'none' : String(id));
  const counts = new Map<
    string,
    { month: string; type: string; townshipCode: string | null; count: number }
  >();
  for (const r of rows) {
    const month = localDate(r.reported_at).slice(0, 7);
    const key = `${month}|${r.type}|${r.township_code ?? ''}`;
    const entry = counts.get(key) ?? { month, type: r.type, townshipCode: r.township_code, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return {
    from,
    to,
    incidents: rows.length,
    acknowledge: {
      all: summariseMinutes(ack.flatMap((a) => (a.minutes === null ? [] : [a.minutes]))),
      byLevel: figures(
        ack.map((a) => ({ key: a.r.level, minutes: a.minutes })),
        INCIDENT_LEVELS,
      ),
      byUnit: figures(
        ack.map((a) => ({ key: unitKey(a.r.lead_unit_id), minutes: a.minutes })),
        [],
      ),
    },
    respond: {
      all: summariseMinutes(respond.flatMap((a) => (a.minutes === null ? [] : [a.minutes]))),
      byLevel: figures(
        respond.map((a) => ({ key: a.r.level, minutes: a.minutes })),
        INCIDENT_LEVELS,
      ),
      byUnit: figures(
        respond.map((a) => ({ key: unitKey(a.r.lead_unit_id), minutes: a.minutes })),
        [],
      ),
    },
    noticesByUnit: figures(
      notices.map((n) => ({
        key: unitKey(n.unit_id),
        minutes: n.acknowledged_at ? minutesBetween(n.notified_at, n.acknowledged_at) : null,
      })),
      [],
    ),
    byTypeTownMonth: [...counts.values()].sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        a.type.localeCompare(b.type) ||
        (a.townshipCode ?? '').localeCompare(b.townshipCode ?? ''),
    ),
  };
}
