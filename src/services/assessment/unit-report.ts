/**
 * 月度考核报告 Everything a unit's monthly report shows: its scores and rank
 * in its peer group, the change against the previous period and the
 * baseline, the last twelve months, its cards and times, and its worst
 * tickets (unsatisfied first, then unresolved, response missed, late reply).
 */
import { sql } from 'kysely';
import type { TicketRow } from '../../db/schema.js';
import { outcomesOf, ratesOf, roundedRates, type TicketOutcomes } from '../../domain/assessment.js';
import { addDays, addMonths, monthRange, type Period } from '../../domain/assessment-period.js';
import type { AssessmentReach } from '../../domain/policies/assessment-policy.js';
import type { PeerGroup } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { type AssessmentTable, assessUnits, type UnitAssessment } from './assess-units.js';
import { loadAssessmentSettings } from './assessment-settings.js';
import { visibleUnit } from './assessment-trend.js';
import { assessedOf } from './cell-tickets.js';
import { unitMonths } from './read-cubes.js';
import { type UnitOperations, unitOperations } from './unit-operations.js';

export interface WorstTicket {
  ticket: TicketRow;
  outcomes: TicketOutcomes;
  lateReply: boolean;
}

export interface UnitReport {
  table: Pick<AssessmentTable, 'period' | 'previousPeriod' | 'baselineYear' | 'settings' | 'upToDate'>;
  row: UnitAssessment;
  /** units ranked in the group, best first, for the context of the rank */
  peers: { name: string; composite: number | null; rank: number | null; self: boolean }[];
  months: {
    month: string;
    counted: number;
    composite: number | null;
    response: number | null;
    resolution: number | null;
    satisfaction: number | null;
  }[];
  operations: UnitOperations | null;
  worst: WorstTicket[];
}

const WORST_LIMIT = 15;

export async function unitReport(
  ctx: ServiceContext,
  o: { unitId: number; period: Period; reach: AssessmentReach },
): Promise<UnitReport> {
  const ref = await ctx.reference.get();
  const unit = visibleUnit(ref.units, o.reach, o.unitId);
  // The rank is among all peers, whoever reads the report.
  const table = await assessUnits(ctx, {
    period: o.period,
    reach: { kind: 'all' },
    group: unit.peer_group as PeerGroup,
  });
  const units = table.groups.flatMap((g) => g.units);
  const row = units.find((u) => u.unit.id === unit.id);
  if (!row) throw new Error(`unit ${unit.id} missing from its own group`);
  const settings = await loadAssessmentSettings(ctx.db);
  const lastMonth = addDays(o.period.range.to, -1).slice(0, 7);
  const window = { from: monthRange(addMonths(lastMonth, -11)).from, to: monthRange(lastMonth).to };
  const monthly = await unitMonths(ctx.db, unit.id, window);
  const ops = await unitOperations(ctx, { period: o.period, reach: { kind: 'units', unitIds: [unit.id] } });
  const worstIds = await sql<{ ticket_id: number; late_reply: boolean }>`
    select f.ticket_id, f.late_reply from assessment_facts f
    where f.unit_id = ${unit.id} and f.callback_day >= ${o.period.range.from} and f.callback_day < ${o.period.range.to}
      and not f.exempt
      and (f.satisfaction = 'unsatisfied' or f.resolved is false or not f.responded or f.late_reply)
    order by
      (f.reached and f.satisfaction = 'unsatisfied') desc,
      (f.reached and f.resolved is false) desc,
      (not f.responded) desc,
      f.late_reply desc,
      f.ticket_id
    limit ${WORST_LIMIT}`.execute(ctx.db);
  const ids = worstIds.rows.map((r) => Number(r.ticket_id));
  const tickets = ids.length
    ? await ctx.db.selectFrom('tickets').selectAll().where('id', 'in', ids).execute()
    : [];
  const byId = new Map(tickets.map((t) => [t.id, t]));
  return {
    table: {
      period: table.period,
      previousPeriod: table.previousPeriod,
      baselineYear: table.baselineYear,
      settings: table.settings,
      upToDate: table.upToDate,
    },
    row,
    peers: units
      .filter((u) => u.rank !== null)
      .map((u) => ({
        name: u.unit.name,
        composite: u.rates.composite,
        rank: u.rank?.rank ?? null,
        self: u.unit.id === unit.id,
      })),
    months: monthly.map((m) => {
      const r = roundedRates(ratesOf(m.counts, settings));
      return {
        month: m.month,
        counted: m.counts.tickets - m.counts.exempt,
        composite: r.composite,
        response: r.response,
        resolution: r.resolution,
        satisfaction: r.satisfaction,
      };
    }),
    operations: ops.units[0] ?? null,
    worst: worstIds.rows
      .map((r) => ({ ticket: byId.get(Number(r.ticket_id)), lateReply: r.late_reply }))
      .filter((w): w is { ticket: TicketRow; lateReply: boolean } => w.ticket !== undefined)
      .map((w) => ({ ticket: w.ticket, outcomes: outcomesOf(assessedOf(w.ticket)), lateReply: w.lateReply })),
  };
}
