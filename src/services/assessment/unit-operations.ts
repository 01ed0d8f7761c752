/**
 * 督办与时效 Operational figures per unit for a period: yellow 黄牌 and red
 * 红牌 cards by clock and automatic supervision 督办 (by the day the card was
 * issued), late replies and average times from dispatch to sign, first
 * contact and reply (over the tickets called back in the period, exemptions
 * included: exemption concerns the score, not the work), and the open
 * tickets overdue right now.
 */
import { sql } from 'kysely';
import type { Period } from '../../domain/assessment-period.js';
import { type AssessmentReach, canDrillDown } from '../../domain/policies/assessment-policy.js';
import type { ServiceContext } from '../context.js';
import { type PeriodView, periodView, RANKED_GROUPS, type UnitRef, unitRef } from './assess-units.js';
import { cardsByUnit, sumUnits } from './read-cubes.js';
import { ensureFresh } from './refresh-assessment.js';

export interface CardTally {
  yellow: number;
  red: number;
}

export interface UnitOperations {
  unit: UnitRef;
  cards: { sign: CardTally; response: CardTally; reply: CardTally };
  supervised: number;
  /** tickets called back in the period whose reply came after its deadline */
  lateReplies: number;
  /** open tickets past their reply deadline at this moment */
  overdueNow: number;
  /** average hours from dispatch; null when no ticket had the step */
  hours: { sign: number | null; contact: number | null; reply: number | null };
  /** tickets called back in the period (the population of lateReplies and hours) */
  tickets: number;
}

export interface OperationsTable {
  period: PeriodView;
  upToDate: boolean;
  units: UnitOperations[];
}

const hours = (seconds: number, n: number) => (n > 0 ? Math.round((seconds / n / 3600) * 100) / 100 : null);

async function overdueNow(ctx: ServiceContext): Promise<Map<number, number>> {
  // The partial index tickets_open_reply_due covers exactly these open states.
  const result = await sql<{ unit_id: number; n: number }>`
    select main_unit_id as unit_id, count(*)::int as n from tickets
    where state in ('dispatched','accepted','in_progress','return_requested')
      and reply_due_at < ${ctx.clock()} and main_unit_id is not null
    group by main_unit_id`.execute(ctx.db);
  return new Map(result.rows.map((r) => [Number(r.unit_id), Number(r.n)]));
}

export async function unitOperations(
  ctx: ServiceContext,
  o: { period: Period; reach: AssessmentReach },
): Promise<OperationsTable> {
  const fresh = await ensureFresh(ctx);
  const ref = await ctx.reference.get();
  const [cells, cards, overdue] = await Promise.all([
    sumUnits(ctx.db, o.period.range),
    cardsByUnit(ctx.db, o.period.range),
    overdueNow(ctx),
  ]);
  const byUnit = new Map(cells.map((c) => [c.unitId, c]));
  const units = [...ref.units.values()].filter(
    (u) =>
      canDrillDown(o.reach, u.id) &&
      (RANKED_GROUPS as readonly string[]).includes(u.peer_group) &&
      (u.active || byUnit.has(u.id)),
  );
  const rows: UnitOperations[] = units.map((u) => {
    const tally = (clock: string): CardTally => ({
      yellow: cards.find((c) => c.unitId === u.id && c.clock === clock && c.colour === 'yellow')?.n ?? 0,
      red: cards.find((c) => c.unitId === u.id && c.clock === clock && c.colour === 'red')?.n ?? 0,
    });
    const cell = byUnit.get(u.id);
    const ops = cell?.ops;
    return {
      unit: unitRef(u),
      cards: { sign: tally('sign'), response: tally('response'), reply: tally('reply') },
      supervised: cards.find((c) => c.unitId === u.id && c.clock === 'supervision')?.n ?? 0,
      lateReplies: ops?.lateReply ?? 0,
      overdueNow: overdue.get(u.id) ?? 0,
      hours: {
        sign: ops ? hours(ops.signS, ops.signN) : null,
        contact: ops ? hours(ops.contactS, ops.contactN) : null,
        reply: ops ? hours(ops.replyS, ops.replyN) : null,
      },
      tickets: cell?.counts.tickets ?? 0,
    };
  });
  rows.sort(
    (a, b) =>
      b.cards.reply.red + b.cards.response.red - (a.cards.reply.red + a.cards.response.red) ||
      a.unit.code.localeCompare(b.unit.code),
  );
  return { period: periodView(o.period), upToDate: fresh.upToDate, units: rows };
}
