/**
 * The SQL that turns tickets into facts and facts into cube rows. One
 * definition serves the incremental refresh (over the changed tickets, old
 * facts with sign -1 and new ones with +1) and the recomputation from raw
 * tickets (every ticket, sign +1), so the two can only differ if the
 * incremental bookkeeping is wrong, which is what the agreement test checks.
 * The rules themselves are src/domain/assessment.ts; an integration test
 * checks this SQL against them ticket by ticket.
 */
import { type RawBuilder, sql } from 'kysely';

/** Beijing time of a timestamptz column (see domain/assessment-period.ts on UTC+8). */
const bj = (col: string) => `(${col} at time zone 'Asia/Shanghai')`;
const secondsSinceDispatch = (col: string) =>
  `case when t.dispatched_at is not null and ${col} is not null then extract(epoch from (${col} - t.dispatched_at))::integer end`;

/** Columns of `assessment_facts`, in table order, computed from `tickets t`. */
export const FACT_SELECT = sql.raw(`
  t.id as ticket_id,
  ${bj('t.received_at')}::date as received_day,
  extract(hour from ${bj('t.received_at')})::smallint as received_hour,
  t.type,
  t.channel,
  coalesce(t.category_id, 0) as category_id,
  coalesce(t.township_code, '') as township_code,
  coalesce(t.area_code, '') as area_code,
  t.main_unit_id as unit_id,
  case when t.callback_at is not null and t.main_unit_id is not null then ${bj('t.callback_at')}::date end as callback_day,
  t.exempt,
  coalesce(t.first_contact_at <= t.response_due_at, false) as responded,
  coalesce(t.callback_reached, false) as reached,
  t.callback_resolved as resolved,
  t.callback_satisfaction as satisfaction,
  coalesce(t.replied_at > t.reply_due_at, false) as late_reply,
  ${secondsSinceDispatch('t.signed_at')} as sign_s,
  ${secondsSinceDispatch('t.first_contact_at')} as contact_s,
  ${secondsSinceDispatch('t.replied_at')} as reply_s`);

export const FACT_COLUMNS = [
  'received_day',
  'received_hour',
  'type',
  'channel',
  'category_id',
  'township_code',
  'area_code',
  'unit_id',
  'callback_day',
  'exempt',
  'responded',
  'reached',
  'resolved',
  'satisfaction',
  'late_reply',
  'sign_s',
  'contact_s',
  'reply_s',
] as const;

/** Columns of `assessment_card_facts` from `ticket_cards c`; cards of no unit (callback reminders) are the centre's. */
export const CARD_FACT_SELECT = sql.raw(`
  c.ticket_id, ${bj('c.issued_at')}::date as day, c.unit_id, c.clock, c.colour`);

/** Counted (not exempt) and reached: the population of the resolution and satisfaction rates. */
const REACHED = 'not f.exempt and f.reached';

/** The assessment measures of a fact relation `f` with a sign column `s`. */
export const MEASURES: readonly [string, string][] = [
  ['tickets', 'true'],
  ['exempt', 'f.exempt'],
  ['responded', 'not f.exempt and f.responded'],
  ['reached', REACHED],
  ['resolved', `${REACHED} and f.resolved is true`],
  ['unresolved', `${REACHED} and f.resolved is false`],
  ['satisfied', `${REACHED} and f.satisfaction = 'satisfied'`],
  ['basically_satisfied', `${REACHED} and f.satisfaction = 'basically_satisfied'`],
  ['unsatisfied', `${REACHED} and f.satisfaction = 'unsatisfied'`],
];

/** Operational measures of the unit cube: every ticket of the cell, exemptions included. */
const UNIT_EXTRA: readonly [string, string][] = [
  ['late_reply', 'sum(case when f.late_reply then f.s else 0 end)'],
  ['sign_n', 'sum(case when f.sign_s is not null then f.s else 0 end)'],
  ['sign_s', 'sum(coalesce(f.sign_s, 0)::bigint * f.s)'],
  ['contact_n', 'sum(case when f.contact_s is not null then f.s else 0 end)'],
  ['contact_s', 'sum(coalesce(f.contact_s, 0)::bigint * f.s)'],
  ['reply_n', 'sum(case when f.reply_s is not null then f.s else 0 end)'],
  ['reply_s', 'sum(coalesce(f.reply_s, 0)::bigint * f.s)'],
];

const measureSums = (list: readonly [string, string][]) =>
  list.map(([name, cond]) => `sum(case when ${cond} then f.s else 0 end) as ${name}`);

export interface Cube {
  table: string;
  keys: readonly string[];
  values: readonly string[];
  /** SELECT of key and value columns over the signed fact relation `f` */
  select(source: string): string;
}

export const UNIT_CUBE: Cube = {
  table: 'assessment_unit_days',
  keys: ['day', 'unit_id'],
  values: [...MEASURES.map(([n]) => n), ...UNIT_EXTRA.map(([n]) => n)],
  select: (source) => `
    select f.callback_day as day, f.unit_id,
      ${[...measureSums(MEASURES), ...UNIT_EXTRA.map(([n, e]) => `${e} as ${n}`)].join(',\n      ')}
    from ${source} f where f.callback_day is not null
    group by f.callback_day, f.unit_id`,
};

export const UNIT_MONTH_CUBE: Cube = {
  table: 'assessment_unit_months',
  keys: ['month', 'unit_id'],
  values: UNIT_CUBE.values,
  select: (source) => `
    select date_trunc('month', f.callback_day::timestamp)::date as month, f.unit_id,
      ${[...measureSums(MEASURES), ...UNIT_EXTRA.map(([n, e]) => `${e} as ${n}`)].join(',\n      ')}
    from ${source} f where f.callback_day is not null
    group by 1, f.unit_id`,
};

export const AREA_CUBE: Cube = {
  table: 'assessment_area_months',
  keys: ['month', 'township_code'],
  values: MEASURES.map(([n]) => n),
  select: (source) => `
    select date_trunc('month', f.callback_day::timestamp)::date as month, f.township_code,
      ${measureSums(MEASURES).join(',\n      ')}
    from ${source} f where f.callback_day is not null
    group by 1, f.township_code`,
};

/** Intake volumes: one dimension per row, so any single breakdown sums a few rows per day. */
export const VOLUME_DIMS = ['category', 'type', 'channel', 'township', 'village', 'hour'] as const;
export type VolumeDim = (typeof VOLUME_DIMS)[number];

const VOLUME_KEY: Record<VolumeDim, string> = {
  category: 'f.category_id::text',
  type: 'f.type',
  channel: 'f.channel',
  township: 'f.township_code',
  village: 'f.area_code',
  hour: 'f.received_hour::text',
};

export const VOLUME_CUBE: Cube = {
  table: 'assessment_volume_days',
  keys: ['dim', 'day', 'key'],
  values: ['n'],
  select: (source) =>
    VOLUME_DIMS.map(
      (dim) => `select '${dim}'::text as dim, f.received_day as day, ${VOLUME_KEY[dim]} as key, sum(f.s) as n
      from ${source} f group by f.received_day, ${VOLUME_KEY[dim]}`,
    ).join('\n    union all\n    '),
};

export const CARD_CUBE: Cube = {
  table: 'assessment_card_days',
  keys: ['day', 'unit_id', 'clock', 'colour'],
  values: ['n'],
  select: (source) => `
    select f.day, f.unit_id, f.clock, f.colour, sum(f.s) as n
    from ${source} f group by f.day, f.unit_id, f.clock, f.colour`,
};

/**
 * `insert into <cube> … on conflict do update` adding the deltas of `source`
 * (a CTE of signed facts); deltas that are all zero are skipped, so a change
 * that moves nothing (a note, a sign before callback) writes no cube row.
 */
export function upsertDelta(cube: Cube, source: string): RawBuilder<unknown> {
  const cols = [...cube.keys, ...cube.values];
  const nonZero = cube.values.map((v) => `d.${v} <> 0`).join(' or ');
  const adds = cube.values.map((v) => `${v} = ${cube.table}.${v} + excluded.${v}`).join(', ');
  return sql.raw(`insert into ${cube.table} (${cols.join(', ')})
    select ${cols.map((c) => `d.${c}`).join(', ')} from (${cube.select(source)}) d where ${nonZero}
    on conflict (${cube.keys.join(', ')}) do update set ${adds}`);
}
