import { describe, expect, it } from 'vitest';
import { type RoutingRuleData, routeTicket } from '../../src/domain/routing.js';

const rules: RoutingRuleData[] = [
  { id: 1, categoryId: 10, areaCode: null, unitId: 100, toTownship: false, priority: 10 },
  { id: 2, categoryId: 10, areaCode: '110116108', unitId: 200, toTownship: false, priority: 20 },
  { id: 3, categoryId: 11, areaCode: null, unitId: null, toTownship: true, priority: 10 },
  { id: 4, categoryId: 11, areaCode: '110116108201', unitId: 300, toTownship: false, priority: 20 },
  { id: 5, categoryId: null, areaCode: null, unitId: 999, toTownship: false, priority: 1 },
];
const township = (code: string) => (code === '110116108' ? 50 : code === '110116001' ? 51 : null);

describe('routeTicket', () => {
  it.each([
    [10, null, null, 100, 1],
    [10, '110116001001', '110116001', 100, 1],
    [10, '110116108', '110116108', 200, 2],
    [10, '110116108210', '110116108', 200, 2],
    [11, '110116108210', '110116108', 50, 3],
    [11, '110116108201', '110116108', 300, 4],
    [11, '110116001003', '110116001', 51, 3],
    [12, '110116001003', '110116001', 999, 5],
  ])('category %s area %s → unit %s by rule %s', (categoryId, areaCode, townshipCode, unitId, ruleId) => {
    expect(routeTicket(rules, { categoryId, areaCode, townshipCode }, township)).toEqual({ unitId, ruleId });
  });

  it('a township rule without a known place suggests nothing', () => {
    expect(routeTicket(rules, { categoryId: 11, areaCode: null, townshipCode: null }, township)).toBeNull();
  });

  it('no rule, no suggestion', () => {
    expect(
      routeTicket(rules.slice(0, 4), { categoryId: 77, areaCode: null, townshipCode: null }, township),
    ).toBeNull();
  });

  it('ties go to the older rule', () => {
    const tie: RoutingRuleData[] = [
      { id: 9, categoryId: 1, areaCode: null, unitId: 9, toTownship: false, priority: 5 },
      { id: 8, categoryId: 1, areaCode: null, unitId: 8, toTownship: false, priority: 5 },
    ];
    expect(routeTicket(tie, { categoryId: 1, areaCode: null, townshipCode: null }, township)?.unitId).toBe(8);
  });
});
