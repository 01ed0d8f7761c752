/**
 * 网办指标 Online-service figures for a period, per department and per
 * matter: share of matters fully online, on-time rate and working days
 * against the promised limit of the applications decided in the period, and
 * the good-rating rate of the ratings given in it (with the 12345 ticket
 * ratings of the same units beside). Aggregates only: the leadership
 * dashboard and open data read the same figures.
 */
import { sql } from 'kysely';
import { dayStart, type Period } from '../../domain/assessment-period.js';
import type { Bilingual } from '../../domain/form-schema.js';
import {
  addCounts,
  type ServiceCounts,
  type ServiceRates,
  serviceRates,
  ZERO_COUNTS,
} from '../../domain/service-metrics.js';
import type { ServiceContext } from '../context.js';

export interface MatterFigures {
  code: string;
  name: Bilingual;
  visits: number;
  fullyOnline: boolean;
  promisedDays: number;
  legalDays: number;
  active: boolean;
  counts: ServiceCounts;
  rates: ServiceRates;
}

export interface DepartmentFigures {
  unit: { id: number; code: string; name: Bilingual };
  counts: ServiceCounts;
  rates: ServiceRates;
  matters: MatterFigures[];
  /** 好差评 of this unit's closed 12345 tickets in the period */
  ticketRatings: { ratings: number; good: number; poor: number; goodRatingRate: number | null };
}

export interface ServiceMetrics {
  period: { label: string; from: string; to: string };
  total: { counts: ServiceCounts; rates: ServiceRates };
  departments: DepartmentFigures[];
}

const GOOD = sql<number>`sum(case when level in ('very_satisfied','satisfied','basically_satisfied') then 1 else 0 end)`;
const POOR = sql<number>`sum(case when level in ('unsatisfied','very_unsatisfied') then 1 else 0 end)`;

export async function serviceMetrics(
  ctx: ServiceContext,
  o: { period: Period; departmentIds?: readonly number[] },
): Promise<ServiceMetrics> {
  const ref = await ctx.reference.get();
  const from = dayStart(o.period.range.from);
  const to = dayStart(o.period.range.to);
  const [matters, completed, ratings, ticketRatings] = await Promise.all([
    ctx.db
      .selectFrom('service_matters as m')
      .innerJoin('service_matter_versions as v', (j) =>
        j.onRef('v.matter_id', '=', 'm.id').onRef('v.version', '=', 'm.current_version'),
      )
      .select([
        'm.id',
        'm.code',
        'm.active',
        'v.name',
        'v.name_en',
        'v.department_id',
        'v.visits',
        'v.promised_days',
        'v.legal_days',
      ])
      .orderBy('m.code')
      .execute(),
    ctx.db
      .selectFrom('service_applications as a')
      .innerJoin('service_matter_versions as v', (j) =>
        j.onRef('v.matter_id', '=', 'a.matter_id').onRef('v.version', '=', 'a.matter_version'),
      )
      .select((eb) => [
        'a.matter_id',
        'a.department_id',
        eb.fn.countAll<number>().as('completed'),
        sql<number>`sum(case when a.on_time then 1 else 0 end)`.as('on_time'),
        sql<number>`coalesce(sum(a.working_days_used), 0)`.as('days_used'),
        sql<number>`sum(case when a.status = 'not_accepted' then v.accept_days else v.promised_days end)`.as(
          'promised',
        ),
      ])
      .where('a.decided_at', '>=', from)
      .where('a.decided_at', '<', to)
      .groupBy(['a.matter_id', 'a.department_id'])
      .execute(),
    ctx.db
      .selectFrom('service_ratings')
      .select((eb) => [
        'matter_id',
        'unit_id',
        eb.fn.countAll<number>().as('n'),
        GOOD.as('good'),
        POOR.as('poor'),
      ])
      .where('subject_type', '=', 'application')
      .where('rated_at', '>=', from)
      .where('rated_at', '<', to)
      .groupBy(['matter_id', 'unit_id'])
      .execute(),
    ctx.db
      .selectFrom('service_ratings')
      .select((eb) => ['unit_id', eb.fn.countAll<number>().as('n'), GOOD.as('good'), POOR.as('poor')])
      .where('subject_type', '=', 'ticket')
      .where('rated_at', '>=', from)
      .where('rated_at', '<', to)
      .groupBy('unit_id')
      .execute(),
  ]);

  // Per department, per matter: counts keyed `dept:matter`.
  const cells = new Map<string, ServiceCounts>();
  const cell = (dept: number, matter: number): ServiceCounts => {
    const key = `${dept}:${matter}`;
    let c = cells.get(key);
    if (!c) {
      c = { ...ZERO_COUNTS };
      cells.set(key, c);
    }
    return c;
  };
  for (const m of matters) {
    const c = cell(m.department_id, m.id);
    if (m.active) {
      c.matters += 1;
      if (m.visits === 0) c.mattersOnline += 1;
    }
  }
  for (const r of completed) {
    const c = cell(r.department_id, r.matter_id);
    c.completed += Number(r.completed);
    c.onTime += Number(r.on_time);
    c.workingDaysUsed += Number(r.days_used);
    c.promisedDays += Number(r.promised);
  }
  for (const r of ratings) {
    if (r.unit_id === null || r.matter_id === null) continue;
    const c = cell(r.unit_id, r.matter_id);
    c.ratings += Number(r.n);
    c.goodRatings += Number(r.good);
    c.poorRatings += Number(r.poor);
  }

  const byId = new Map(matters.map((m) => [m.id, m]));
  const departments = new Map<number, DepartmentFigures>();
  for (const [key, counts] of cells) {
    const [deptText, matterText] = key.split(':');
    const deptId = Number(deptText);
    if (o.departmentIds && !o.departmentIds.includes(deptId)) continue;
    const m = byId.get(Number(matterText));
    const unit = ref.units.get(deptId);
    if (!m || !unit) continue;
    let d = departments.get(deptId);
    if (!d) {
      const tr = ticketRatings.find((t) => t.unit_id === deptId);
      const n = Number(tr?.n ?? 0);
      d = {
        unit: { id: unit.id, code: unit.code, name: { zh: unit.name, en: unit.name_en } },
        counts: { ...ZERO_COUNTS },
        rates: serviceRates(ZERO_COUNTS),
        matters: [],
        ticketRatings: {
          ratings: n,
          good: Number(tr?.good ?? 0),
          poor: Number(tr?.poor ?? 0),
          goodRatingRate: n > 0 ? Math.round((Number(tr?.good ?? 0) / n) * 10_000) / 10_000 : null,
        },
      };
      departments.set(deptId, d);
    }
    d.counts = addCounts(d.counts, counts);
    d.matters.push({
      code: m.code,
      name: { zh: m.name, en: m.name_en },
      visits: m.visits,
      fullyOnline: m.visits === 0,
      promisedDays: m.promised_days,
      legalDays: m.legal_days,
      active: m.active,
      counts,
      rates: serviceRates(counts),
    });
  }
  const list = [...departments.values()].sort((a, b) => a.unit.code.localeCompare(b.unit.code));
  let total = { ...ZERO_COUNTS };
  for (const d of list) {
    d.rates = serviceRates(d.counts);
    d.matters.sort((a, b) => a.code.localeCompare(b.code));
    total = addCounts(total, d.counts);
  }
  return {
    period: { label: o.period.label, from: o.period.range.from, to: o.period.range.to },
    total: { counts: total, rates: serviceRates(total) },
    departments: list,
  };
}
