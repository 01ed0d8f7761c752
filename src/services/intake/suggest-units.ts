/**
 * 派单建议 The responsible unit for a category and place: the routing rules
 * first (category × area, 街乡吹哨), then what history did for tickets of the
 * same category in the same township. Up to three units, each with its
 * reason and, where history knows it, the share of past tickets it handled.
 *
 * History changes slowly and is read on every keystroke of a suggestion, so
 * it is cached per (category, township) for a few minutes in the process.
 */
import type { Executor } from '../../db/database.js';
import { type UnitShare, unitHistory } from '../../db/repositories/unit-history.js';
import { routeTicket } from '../../domain/routing.js';
import type { ReferenceData } from '../reference-cache.js';

export interface UnitSuggestion {
  unitId: number;
  code: string;
  name: string;
  nameEn: string;
  reason: 'rule' | 'history';
  /** share of recent tickets of this category and township the unit handled as main unit; null when none */
  share: number | null;
  ruleId: number | null;
}

const HISTORY_TTL_MS = 5 * 60_000;
const HISTORY_CACHE_LIMIT = 5_000;
const historyCache = new Map<string, { at: number; shares: Promise<UnitShare[]> }>();

function cachedHistory(
  db: Executor,
  categoryId: number | null,
  townshipCode: string | null,
  now: number,
): Promise<UnitShare[]> {
  const key = `${categoryId ?? '-'}|${townshipCode ?? '-'}`;
  const hit = historyCache.get(key);
  if (hit && now - hit.at < HISTORY_TTL_MS) return hit.shares;
  if (historyCache.size >= HISTORY_CACHE_LIMIT) historyCache.clear();
  const shares = unitHistory(db, { categoryId, townshipCode });
  historyCache.set(key, { at: now, shares });
  // A failed read must not be cached for five minutes.
  shares.catch(() => historyCache.delete(key));
  return shares;
}

/**
 * The street/town government of a township. The reference cache maps each
 * township to one township-group unit, and a sub-unit covering the same
 * area (泉河街道综合行政执法队 under 泉河街道) can end up in that slot; the
 * government is the sub-unit's township-group parent.
 */
function townshipGovernment(ref: ReferenceData, townshipCode: string): number | null {
  const unit = ref.townshipUnits.get(townshipCode);
  if (!unit) return null;
  const parent = unit.parent_id === null ? undefined : ref.units.get(unit.parent_id);
  return parent?.peer_group === unit.peer_group ? parent.id : unit.id;
}

export async function suggestUnits(
  db: Executor,
  ref: ReferenceData,
  place: { categoryId: number | null; areaCode: string | null; townshipCode: string | null },
  now: number = Date.now(),
): Promise<UnitSuggestion[]> {
  const out: UnitSuggestion[] = [];
  const add = (
    unitId: number,
    reason: UnitSuggestion['reason'],
    share: number | null,
    ruleId: number | null,
  ) => {
    const unit = ref.units.get(unitId);
    if (!unit?.active || out.some((u) => u.unitId === unitId)) return;
    out.push({ unitId, code: unit.code, name: unit.name, nameEn: unit.name_en, reason, share, ruleId });
  };
  const history =
    place.categoryId !== null || place.townshipCode
      ? await cachedHistory(db, place.categoryId, place.townshipCode, now)
      : [];
  const shareOf = (unitId: number) => history.find((h) => h.unitId === unitId)?.share ?? null;
  if (place.categoryId !== null) {
    const rule = routeTicket(ref.routing, place, (code) => townshipGovernment(ref, code));
    if (rule) add(rule.unitId, 'rule', shareOf(rule.unitId), rule.ruleId);
  }
  for (const h of history) {
    if (out.length >= 3) break;
    add(h.unitId, 'history', h.share, null);
  }
  return out.slice(0, 3);
}

/** For tests: forget cached history. */
export function clearUnitHistoryCache(): void {
  historyCache.clear();
}
