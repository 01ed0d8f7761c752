/**
 * 每月一题 Hot topics of a period: within each township and category with
 * enough tickets (found on the facts, not by scanning tickets), the tickets
 * whose texts say nearly the same thing, with their size now and in the
 * previous period. Each topic lists its tickets, so it can be checked.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { type Period, previousPeriod } from '../../domain/assessment-period.js';
import {
  clusterTexts,
  compareTopics,
  countResembling,
  growthOf,
  type TopicText,
} from '../../domain/hot-topics.js';
import type { AssessmentReach } from '../../domain/policies/assessment-policy.js';
import type { Label } from '../../domain/vocabulary.js';
import type { ServiceContext } from '../context.js';
import { type PeriodView, periodView } from './assess-units.js';
import { ensureFresh } from './refresh-assessment.js';
import { areaLabel } from './volume-breakdown.js';

export interface HotTopicTicket {
  id: number;
  number: string;
  title: string;
  areaCode: string | null;
  receivedAt: Date;
}

export interface HotTopic {
  title: string;
  township: { code: string; label: Label };
  category: { id: number; label: Label; parent: Label | null };
  villages: { code: string; label: Label; count: number }[];
  size: number;
  previous: number;
  growth: { change: number; ratio: number | null };
  tickets: HotTopicTicket[];
}

export interface HotTopicsResult {
  period: PeriodView;
  previousPeriod: PeriodView;
  upToDate: boolean;
  topics: HotTopic[];
}

export interface HotTopicsOptions {
  period: Period;
  reach: AssessmentReach;
  /** smallest cluster reported */
  minSize?: number;
  limit?: number;
  sort?: 'size' | 'growth';
}

/** Tickets of one group read per period: a month's matter in one township is far below this. */
const GROUP_TICKET_CAP = 500;
const GROUP_CAP = 40;

interface GroupKey {
  township: string;
  categoryId: number;
}

type Row = HotTopicTicket & { text: string };

async function candidateGroups(
  db: Executor,
  period: Period,
  reach: AssessmentReach,
  minSize: number,
): Promise<GroupKey[]> {
  const units = reach.kind === 'units' ? sql`and f.unit_id = any(${[...reach.unitIds]}::int[])` : sql``;
  const result = await sql<{ township_code: string; category_id: number }>`
    select f.township_code, f.category_id from assessment_facts f
    where f.received_day >= ${period.range.from} and f.received_day < ${period.range.to}
      and f.category_id <> 0 and f.township_code <> '' ${units}
    group by f.township_code, f.category_id having count(*) >= ${minSize}
    order by count(*) desc, f.township_code, f.category_id limit ${GROUP_CAP}`.execute(db);
  return result.rows.map((r) => ({ township: r.township_code, categoryId: Number(r.category_id) }));
}

async function groupTickets(
  db: Executor,
  g: GroupKey,
  period: Period,
  reach: AssessmentReach,
): Promise<Row[]> {
  const units = reach.kind === 'units' ? sql`and f.unit_id = any(${[...reach.unitIds]}::int[])` : sql``;
  const result = await sql<{
    id: number;
    number: string;
    title: string;
    area_code: string | null;
    received_at: Date;
    text: string;
  }>`
    select t.id, t.number, t.title, t.area_code, t.received_at, left(t.search_text, 200) as text
    from assessment_facts f join tickets t on t.id = f.ticket_id
    where f.received_day >= ${period.range.from} and f.received_day < ${period.range.to}
      and f.township_code = ${g.township} and f.category_id = ${g.categoryId} ${units}
    order by t.id limit ${GROUP_TICKET_CAP}`.execute(db);
  return result.rows.map((r) => ({
    id: Number(r.id),
    number: r.number,
    title: r.title,
    areaCode: r.area_code,
    receivedAt: r.received_at,
    text: r.text,
  }));
}

export async function hotTopics(ctx: ServiceContext, o: HotTopicsOptions): Promise<HotTopicsResult> {
  const minSize = Math.max(2, o.minSize ?? 3);
  const fresh = await ensureFresh(ctx);
  const ref = await ctx.reference.get();
  const previous = previousPeriod(o.period);
  const topics: HotTopic[] = [];
  for (const g of await candidateGroups(ctx.db, o.period, o.reach, minSize)) {
    const rows = await groupTickets(ctx.db, g, o.period, o.reach);
    const clusters = clusterTexts(
      rows.map((r): TopicText => ({ id: r.id, text: r.text })),
      { minSize },
    );
    if (clusters.length === 0) continue;
    const before = (await groupTickets(ctx.db, g, previous, o.reach)).map((r) => ({
      id: r.id,
      text: r.text,
    }));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const category = ref.categories.get(g.categoryId);
    const parent = category?.parent_id ? ref.categories.get(category.parent_id) : undefined;
    for (const c of clusters) {
      const members = c.members.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
      const villages = new Map<string, number>();
      for (const m of members) if (m.areaCode) villages.set(m.areaCode, (villages.get(m.areaCode) ?? 0) + 1);
      const size = members.length;
      const prev = countResembling(c, before);
      topics.push({
        title: byId.get(c.representative)?.title ?? '',
        township: { code: g.township, label: areaLabel(ref, g.township) },
        category: {
          id: g.categoryId,
          label: category ? { zh: category.name, en: category.name_en } : { zh: '', en: '' },
          parent: parent ? { zh: parent.name, en: parent.name_en } : null,
        },
        villages: [...villages]
          .map(([code, count]) => ({ code, label: areaLabel(ref, code), count }))
          .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
        size,
        previous: prev,
        growth: growthOf({ size, previous: prev }),
        tickets: members.map(({ text: _text, ...t }) => t),
      });
    }
  }
  topics.sort((a, b) =>
    o.sort === 'growth'
      ? b.growth.change - a.growth.change || compareTopics(a, b)
      : compareTopics(a, b) || a.township.code.localeCompare(b.township.code),
  );
  return {
    period: periodView(o.period),
    previousPeriod: periodView(previous),
    upToDate: fresh.upToDate,
    topics: topics.slice(0, o.limit ?? 20),
  };
}
