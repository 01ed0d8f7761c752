/**
 * 派单规则 Routing: category × area → the suggested main unit. A rule names a
 * unit or "the street/town government of the place" (街乡吹哨、部门报到). The most
 * specific matching rule wins: higher priority first, then a rule for the
 * exact village over one for its township over one for the whole district.
 */

export interface RoutingRuleData {
  id: number;
  categoryId: number | null;
  areaCode: string | null;
  unitId: number | null;
  toTownship: boolean;
  priority: number;
}

export interface RoutingQuery {
  categoryId: number | null;
  /** the ticket's division code (village, township or district) */
  areaCode: string | null;
  /** township-level code of the place, for `toTownship` rules */
  townshipCode: string | null;
}

export interface RoutingResult {
  unitId: number;
  ruleId: number;
}

function areaMatches(ruleArea: string | null, areaCode: string | null): number {
  if (ruleArea === null) return 0;
  if (areaCode === null) return -1;
  // Division codes nest by prefix: 110116 ⊃ 110116102 ⊃ 110116102201.
  return areaCode.startsWith(ruleArea) ? ruleArea.length : -1;
}

/** The chosen rule, or null when no rule matches (or the township has no unit). */
export function routeTicket(
  rules: readonly RoutingRuleData[],
  q: RoutingQuery,
  townshipUnitOf: (townshipCode: string) => number | null,
): RoutingResult | null {
  let best: { rule: RoutingRuleData; specificity: number } | null = null;
  for (const rule of rules) {
    if (rule.categoryId !== null && rule.categoryId !== q.categoryId) continue;
    const specificity = areaMatches(rule.areaCode, q.areaCode);
    if (specificity < 0) continue;
    const categorySpecific = rule.categoryId === null ? 0 : 1;
    const score = rule.priority * 1000 + categorySpecific * 100 + specificity;
    const bestScore = best
      ? best.rule.priority * 1000 + (best.rule.categoryId === null ? 0 : 100) + best.specificity
      : -1;
    if (score > bestScore || (score === bestScore && best && rule.id < best.rule.id)) {
      best = { rule, specificity };
    }
  }
  if (!best) return null;
  if (best.rule.toTownship) {
    const unitId = q.townshipCode ? townshipUnitOf(q.townshipCode) : null;
    return unitId === null ? null : { unitId, ruleId: best.rule.id };
  }
  return best.rule.unitId === null ? null : { unitId: best.rule.unitId, ruleId: best.rule.id };
}
