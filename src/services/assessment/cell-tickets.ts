/**
 * 明细 The tickets behind a cell of the assessment table: the unit's tickets
 * whose callback fell in the period, narrowed to one measure and outcome
 * (e.g. response / missed), read from the same facts the cell was summed
 * from, so the list always has exactly as many tickets as the figure says.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database, TicketRow } from '../../db/schema.js';
import { outcomesOf, type TicketOutcomes } from '../../domain/assessment.js';
import type { Period } from '../../domain/assessment-period.js';
import { AppError } from '../../domain/errors.js';
import type { AssessmentReach } from '../../domain/policies/assessment-policy.js';
import type { ServiceContext } from '../context.js';
import { type UnitRef, unitRef } from './assess-units.js';
import { visibleUnit } from './assessment-trend.js';
import { ensureFresh } from './refresh-assessment.js';

export const CELL_MEASURES = [
  'all',
  'counted',
  'exempt',
  'response',
  'resolution',
  'satisfaction',
  'late_reply',
  'yellow_card',
  'red_card',
] as const;
export type CellMeasure = (typeof CELL_MEASURES)[number];

/** The outcomes each measure can be narrowed to; no outcome means the measure's denominator. */
export const CELL_OUTCOMES: Record<CellMeasure, readonly string[]> = {
  all: [],
  counted: [],
  exempt: [],
  response: ['met', 'missed'],
  resolution: ['resolved', 'unresolved', 'unreachable'],
  satisfaction: ['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'],
  late_reply: [],
  // cards are counted by the day they were issued; the outcome narrows them to one clock
  yellow_card: ['sign', 'response', 'reply'],
  red_card: ['sign', 'response', 'reply', 'supervision'],
};

type FactsEb = ExpressionBuilder<Database, 'assessment_facts'>;

/** The facts filter of a measure and outcome: the SQL twin of domain `contributionOf`/`outcomesOf`. */
export function cellFilter(eb: FactsEb, measure: CellMeasure, outcome?: string): Expression<SqlBool> {
  const counted = eb('exempt', '=', false);
  const reached = eb.and([counted, eb('reached', '=', true)]);
  switch (measure) {
    case 'all':
    case 'yellow_card':
    case 'red_card':
      return sql<SqlBool>`true`;
    case 'counted':
      return counted;
    case 'exempt':
      return eb('exempt', '=', true);
    case 'late_reply':
      return eb('late_reply', '=', true);
    case 'response':
      if (outcome === 'met') return eb.and([counted, eb('responded', '=', true)]);
      if (outcome === 'missed') return eb.and([counted, eb('responded', '=', false)]);
      return counted;
    case 'resolution':
      if (outcome === 'resolved') return eb.and([reached, eb('resolved', '=', true)]);
      if (outcome === 'unresolved') return eb.and([reached, eb('resolved', '=', false)]);
      if (outcome === 'unreachable') return eb.and([counted, eb('reached', '=', false)]);
      return eb.and([reached, eb('resolved', 'is not', null)]);
    case 'satisfaction':
      if (outcome === 'unreachable') return eb.and([counted, eb('reached', '=', false)]);
      if (outcome) return eb.and([reached, eb('satisfaction', '=', outcome)]);
      return eb.and([reached, eb('satisfaction', 'is not', null)]);
  }
}

export interface CellTicketsOptions {
  unitId: number;
  period: Period;
  measure: CellMeasure;
  outcome?: string;
  reach: AssessmentReach;
  /** the last ticket id of the previous page */
  after?: number;
  limit: number;
}

export interface CellTicketsPage {
  unit: UnitRef;
  total: number;
  tickets: { ticket: TicketRow; outcomes: TicketOutcomes }[];
  nextCursor: number | null;
}

export async function cellTickets(ctx: ServiceContext, o: CellTicketsOptions): Promise<CellTicketsPage> {
  const ref = await ctx.reference.get();
  const unit = visibleUnit(ref.units, o.reach, o.unitId);
  const allowed = CELL_OUTCOMES[o.measure];
  if (o.outcome !== undefined && !allowed.includes(o.outcome)) {
    throw new AppError('VALIDATION_FAILED', {}, [
      {
        path: 'outcome',
        code: 'invalid_value',
        message: allowed.length ? `one of ${allowed.join(', ')}` : `no outcome for ${o.measure}`,
      },
    ]);
  }
  await ensureFresh(ctx);
  const [count, page] =
    o.measure === 'yellow_card' || o.measure === 'red_card'
      ? await cardPage(ctx, unit.id, o)
      : await factPage(ctx, unit.id, o);
  const ids = page.slice(0, o.limit).map((r) => r.ticket_id);
  const rows = ids.length
    ? await ctx.db.selectFrom('tickets').selectAll().where('id', 'in', ids).execute()
    : [];
  const byId = new Map(rows.map((t) => [t.id, t]));
  const tickets = ids
    .map((id) => byId.get(id))
    .filter((t): t is TicketRow => t !== undefined)
    .map((ticket) => ({ ticket, outcomes: outcomesOf(assessedOf(ticket)) }));
  return {
    unit: unitRef(unit),
    total: Number(count?.n ?? 0),
    tickets,
    nextCursor: page.length > o.limit ? (ids[ids.length - 1] ?? null) : null,
  };
}

type Page = [{ n: number } | undefined, { ticket_id: number }[]];

async function factPage(ctx: ServiceContext, unitId: number, o: CellTicketsOptions): Promise<Page> {
  const base = ctx.db
    .selectFrom('assessment_facts')
    .where('unit_id', '=', unitId)
    .where('callback_day', '>=', o.period.range.from)
    .where('callback_day', '<', o.period.range.to)
    .where((eb) => cellFilter(eb, o.measure, o.outcome));
  return Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    base
      .select('ticket_id')
      .$if(o.after !== undefined, (q) => q.where('ticket_id', '>', o.after ?? 0))
      .orderBy('ticket_id')
      .limit(o.limit + 1)
      .execute(),
  ]);
}

/** The tickets that got the cards of a cell of the cards table; `total` counts tickets, not cards. */
async function cardPage(ctx: ServiceContext, unitId: number, o: CellTicketsOptions): Promise<Page> {
  const base = ctx.db
    .selectFrom('assessment_card_facts')
    .where('unit_id', '=', unitId)
    .where('day', '>=', o.period.range.from)
    .where('day', '<', o.period.range.to)
    .where('colour', '=', o.measure === 'red_card' ? 'red' : 'yellow')
    .$if(o.outcome !== undefined, (q) => q.where('clock', '=', o.outcome ?? ''));
  return Promise.all([
    base.select(sql<number>`count(distinct ticket_id)`.as('n')).executeTakeFirst(),
    base
      .select('ticket_id')
      .distinct()
      .$if(o.after !== undefined, (q) => q.where('ticket_id', '>', o.after ?? 0))
      .orderBy('ticket_id')
      .limit(o.limit + 1)
      .execute(),
  ]);
}

export function assessedOf(t: TicketRow) {
  return {
    mainUnitId: t.main_unit_id,
    callbackAt: t.callback_at,
    exempt: t.exempt,
    firstContactAt: t.first_contact_at,
    responseDueAt: t.response_due_at,
    callbackReached: t.callback_reached,
    callbackResolved: t.callback_resolved,
    callbackSatisfaction: t.callback_satisfaction,
  };
}
