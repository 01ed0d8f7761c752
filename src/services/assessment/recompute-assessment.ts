/**
 * The same cubes recomputed from raw tickets and cards, with no aggregate
 * involved: the proof that the incremental refresh is exact (the agreement
 * test after random workflows) and the baseline the benchmark beats.
 */
import { type RawBuilder, sql } from 'kysely';
import { type DayRange, dayStart } from '../../domain/assessment-period.js';
import type { ServiceContext } from '../context.js';
import {
  AREA_CUBE,
  CARD_CUBE,
  CARD_FACT_SELECT,
  type Cube,
  FACT_SELECT,
  UNIT_CUBE,
  UNIT_MONTH_CUBE,
  VOLUME_CUBE,
} from './cube-sql.js';
import { UNIT_SUMS, type UnitCountsRow, unitCountsFromRow } from './read-cubes.js';

export const CUBES: readonly Cube[] = [UNIT_CUBE, UNIT_MONTH_CUBE, AREA_CUBE, VOLUME_CUBE, CARD_CUBE];

type CubeRows = Map<string, Record<string, number>>;

function keyOf(cube: Cube, row: Record<string, unknown>): string {
  return cube.keys.map((k) => String(row[k])).join('|');
}

function valuesOf(cube: Cube, row: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(cube.values.map((v) => [v, Number(row[v])]));
}

function nonZero(cube: Cube): string {
  return cube.values.map((v) => `${v} <> 0`).join(' or ');
}

async function collect(
  ctx: ServiceContext,
  cube: Cube,
  query: RawBuilder<Record<string, unknown>>,
): Promise<CubeRows> {
  const result = await query.execute(ctx.db);
  const out: CubeRows = new Map();
  for (const row of result.rows) out.set(keyOf(cube, row), valuesOf(cube, row));
  return out;
}

/** Every cube as stored, rows that are all zero left out. */
export async function readStoredCubes(ctx: ServiceContext): Promise<Map<string, CubeRows>> {
  const out = new Map<string, CubeRows>();
  for (const cube of CUBES) {
    out.set(
      cube.table,
      await collect(
        ctx,
        cube,
        sql.raw<Record<string, unknown>>(`select * from ${cube.table} where ${nonZero(cube)}`),
      ),
    );
  }
  return out;
}

/** Every cube computed from scratch from `tickets` and `ticket_cards`. */
export async function recomputeCubes(ctx: ServiceContext): Promise<Map<string, CubeRows>> {
  const out = new Map<string, CubeRows>();
  for (const cube of CUBES) {
    const source =
      cube === CARD_CUBE
        ? sql`select 1 as s, ${CARD_FACT_SELECT} from ticket_cards c where c.unit_id is not null`
        : sql`select 1 as s, ${FACT_SELECT} from tickets t`;
    const query = sql<Record<string, unknown>>`
      with raw as (${source})
      select * from (${sql.raw(cube.select('raw'))}) d where ${sql.raw(nonZero(cube))}`;
    out.set(cube.table, await collect(ctx, cube, query));
  }
  return out;
}

export interface CubeDifference {
  table: string;
  key: string;
  stored: Record<string, number> | null;
  recomputed: Record<string, number> | null;
}

/** Differences between the stored cubes and a recomputation; empty when they agree exactly. */
export async function compareWithRecomputation(ctx: ServiceContext): Promise<CubeDifference[]> {
  const stored = await readStoredCubes(ctx);
  const fresh = await recomputeCubes(ctx);
  const diffs: CubeDifference[] = [];
  for (const cube of CUBES) {
    const a = stored.get(cube.table) ?? new Map();
    const b = fresh.get(cube.table) ?? new Map();
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(key) ?? null;
      const y = b.get(key) ?? null;
      if (JSON.stringify(x) !== JSON.stringify(y))
        diffs.push({ table: cube.table, key, stored: x, recomputed: y });
    }
  }
  return diffs;
}

/**
 * Per-unit counts of a range straight from raw tickets: what a request
 * would cost without aggregates (the benchmark's baseline). It reads every
 * ticket whose callback falls in the range.
 */
export async function assessFromRawTickets(ctx: ServiceContext, range: DayRange): Promise<UnitCountsRow[]> {
  const result = await sql<Record<string, unknown>>`
    with raw as (
      select 1 as s, ${FACT_SELECT} from tickets t
      where t.callback_at >= ${dayStart(range.from)} and t.callback_at < ${dayStart(range.to)})
    select d.unit_id, ${sql.raw(UNIT_SUMS)}
    from (${sql.raw(UNIT_CUBE.select('raw'))}) d group by d.unit_id order by d.unit_id`.execute(ctx.db);
  return result.rows.map(unitCountsFromRow);
}
