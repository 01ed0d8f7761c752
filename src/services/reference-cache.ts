/**
 * Reference data every use case needs (policies, calendar, categories, units,
 * areas, routing), cached in memory. It changes rarely and only through admin
 * use cases, which call `invalidate()`; other processes pick changes up within
 * `ttlMs`.
 */

import type { Executor } from '../db/database.js';
import type { AreaRow, CategoryRow, UnitRow } from '../db/schema.js';
import {
  buildCalendar,
  type CalendarEntry,
  parseDuration,
  type WorkingCalendar,
} from '../domain/calendar.js';
import type { DeadlinePolicy } from '../domain/deadlines.js';
import { DEFAULT_DECIDE_OPTIONS, type DecideOptions } from '../domain/decide.js';

export interface RoutingRule {
  id: number;
  categoryId: number | null;
  areaCode: string | null;
  unitId: number | null;
  toTownship: boolean;
  priority: number;
}

export interface ReferenceData {
  policies: Map<string, DeadlinePolicy>;
  calendar: WorkingCalendar;
  categories: Map<number, CategoryRow>;
  categoriesByCode: Map<string, CategoryRow>;
  units: Map<number, UnitRow>;
  unitsByCode: Map<string, UnitRow>;
  /** township-level unit for each township area code */
  townshipUnits: Map<string, UnitRow>;
  areas: Map<string, AreaRow>;
  routing: RoutingRule[];
  decide: DecideOptions;
  loadedAt: number;
}

export function policyFromRow(row: {
  code: string;
  name: string;
  name_en: string;
  mode: string;
  sign: string;
  response: string;
  reply: string;
  reply_complex: string | null;
  return_window: string;
  callback: string;
  yellow_at: number;
}): DeadlinePolicy {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    mode: row.mode === 'working' ? 'working' : 'calendar',
    sign: parseDuration(row.sign),
    response: parseDuration(row.response),
    reply: parseDuration(row.reply),
    replyComplex: row.reply_complex ? parseDuration(row.reply_complex) : null,
    returnWindow: parseDuration(row.return_window),
    callback: parseDuration(row.callback),
    yellowAt: Number(row.yellow_at),
  };
}

export async function loadReferenceData(db: Executor): Promise<ReferenceData> {
  const [policyRows, calendarRows, categoryRows, unitRows, unitAreaRows, areaRows, ruleRows, settingRows] =
    await Promise.all([
      db.selectFrom('deadline_policies').selectAll().execute(),
      db.selectFrom('calendar_days').selectAll().execute(),
      db.selectFrom('categories').selectAll().execute(),
      db.selectFrom('units').selectAll().execute(),
      db.selectFrom('unit_areas').selectAll().execute(),
      db.selectFrom('areas').selectAll().execute(),
      db.selectFrom('routing_rules').selectAll().execute(),
      db
        .selectFrom('settings')
        .selectAll()
        .where('key', 'in', ['working_periods', 'decide_options'])
        .execute(),
    ]);
  const settings = new Map(settingRows.map((s) => [s.key, s.value]));
  const periods = settings.get('working_periods') as [number, number][] | undefined;
  const entries: CalendarEntry[] = calendarRows.map((r) => ({
    date: r.date,
    kind: r.kind === 'workday' ? 'workday' : 'holiday',
    name: r.name,
  }));
  const units = new Map(unitRows.map((u) => [u.id, u]));
  const townshipUnits = new Map<string, UnitRow>();
  for (const ua of unitAreaRows) {
    const unit = units.get(ua.unit_id);
    if (unit?.peer_group === 'township' && ua.area_code.length === 9) townshipUnits.set(ua.area_code, unit);
  }
  const decideSetting = settings.get('decide_options') as Partial<DecideOptions> | undefined;
  return {
    policies: new Map(policyRows.map((p) => [p.code, policyFromRow(p)])),
    calendar: buildCalendar(entries, periods),
    categories: new Map(categoryRows.map((c) => [c.id, c])),
    categoriesByCode: new Map(categoryRows.map((c) => [c.code, c])),
    units,
    unitsByCode: new Map(unitRows.map((u) => [u.code, u])),
    townshipUnits,
    areas: new Map(areaRows.map((a) => [a.code, a])),
    routing: ruleRows.map((r) => ({
      id: r.id,
      categoryId: r.category_id,
      areaCode: r.area_code,
      unitId: r.unit_id,
      toTownship: r.to_township,
      priority: r.priority,
    })),
    decide: { ...DEFAULT_DECIDE_OPTIONS, ...decideSetting },
    loadedAt: Date.now(),
  };
}

export class ReferenceCache {
  private current: ReferenceData | null = null;
  private loading: Promise<ReferenceData> | null = null;

  constructor(
    private readonly db: Executor,
    private readonly ttlMs = 10_000,
  ) {}

  async get(): Promise<ReferenceData> {
    if (this.current && Date.now() - this.current.loadedAt < this.ttlMs) return this.current;
    if (!this.loading) {
      this.loading = loadReferenceData(this.db)
        .then((data) => {
          this.current = data;
          return data;
        })
        .finally(() => {
          this.loading = null;
        });
    }
    return this.loading;
  }

  invalidate(): void {
    this.current = null;
  }
}

/** Ids of the unit and every unit below it in the tree (a unit lead's reach). */
export function subtreeUnitIds(ref: ReferenceData, unitId: number): number[] {
  const root = ref.units.get(unitId);
  if (!root) return [];
  return [...ref.units.values()].filter((u) => u.path.startsWith(root.path)).map((u) => u.id);
}
