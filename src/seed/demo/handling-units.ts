/**
 * Which unit handles a demo ticket, and how good each unit is. The main unit
 * (主办) is the routing suggestion intake records (`routeTicket`, the same
 * call intake makes); alternatives for returns and co-handlers come from the
 * category's profile and the district-wide rule.
 */

import type { UnitRow } from '../../db/schema.js';
import { routeTicket } from '../../domain/routing.js';
import type { ReferenceData, RoutingRule } from '../../services/reference-cache.js';
import type { CategoryProfile } from './profiles.js';
import type { Random } from './random.js';

export class HandlingUnits {
  private readonly rules: RoutingRule[];
  private readonly routed = new Map<string, number | null>();
  /** logit offsets of each unit's resolution: a level and a trend per year */
  private readonly quality = new Map<number, { level: number; trend: number }>();
  readonly centreId: number;

  constructor(
    private readonly ref: ReferenceData,
    r: Random,
  ) {
    // Sorted so that ties and draws do not depend on the order rows came back in.
    this.rules = [...ref.routing].sort((a, b) => b.priority - a.priority || a.id - b.id);
    const units = [...ref.units.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const unit of units) {
      // Some units are consistently better or worse, some improve faster: rankings then move over the years.
      this.quality.set(unit.id, { level: r.normal() * 0.4, trend: r.normal() * 0.12 });
    }
    const centre = units.find((u) => u.peer_group === 'centre');
    if (!centre) throw new Error('reference data has no hotline centre unit');
    this.centreId = centre.id;
  }

  /** The routing suggestion for a category at an area (intake's suggested_unit_id), or null. */
  suggested(categoryId: number, areaCode: string, townshipCode: string | null): number | null {
    const key = `${categoryId}:${areaCode}`;
    const cached = this.routed.get(key);
    if (cached !== undefined) return cached;
    const unitId =
      routeTicket(this.ref.routing, { categoryId, areaCode, townshipCode }, (code) => this.township(code))
        ?.unitId ?? null;
    this.routed.set(key, unitId);
    return unitId;
  }

  township(townshipCode: string): number | null {
    return this.ref.townshipUnits.get(townshipCode)?.id ?? null;
  }

  /** Where a returned ticket goes: the category's usual alternative, else the district rule's unit, else the town. */
  alternative(
    profile: CategoryProfile,
    categoryId: number,
    townshipCode: string,
    mainId: number,
  ): number | null {
    const districtRule = this.rules.find((x) => x.categoryId === categoryId && x.areaCode === null);
    const candidates = [
      profile.alt ? this.resolveCode(profile.alt, townshipCode) : null,
      districtRule
        ? this.resolve(districtRule.toTownship ? '@township' : districtRule.unitId, townshipCode)
        : null,
      this.township(townshipCode),
      this.resolveCode('dept-cgw', townshipCode),
    ];
    return candidates.find((u) => u !== null && u !== mainId && u !== this.centreId) ?? null;
  }

  /** A co-handler for the category: the profile's usual one, else the town when a department leads. */
  coUnit(r: Random, profile: CategoryProfile, townshipCode: string, mainId: number): number | null {
    const listed = (profile.co ?? []).map((c) => this.resolveCode(c, townshipCode));
    const mainUnit = this.ref.units.get(mainId);
    const fallback = mainUnit?.peer_group === 'township' ? null : this.township(townshipCode);
    const options = [...listed, fallback].filter((u): u is number => u !== null && u !== mainId);
    return options.length > 0 ? r.pick(options) : null;
  }

  /** Offset (logit) of a unit's outcomes in a year. */
  effect(unitId: number, year: number): number {
    const q = this.quality.get(unitId);
    return q ? q.level + q.trend * (year - 2021.5) : 0;
  }

  unit(id: number): UnitRow | undefined {
    return this.ref.units.get(id);
  }

  private resolve(target: number | null | '@township', townshipCode: string): number | null {
    if (target === '@township') return this.township(townshipCode);
    if (target === null) return null;
    const unit = this.ref.units.get(target);
    return unit?.active ? unit.id : null;
  }

  private resolveCode(code: string, townshipCode: string): number | null {
    if (code === '@township') return this.township(townshipCode);
    const unit = this.ref.unitsByCode.get(code);
    return unit?.active ? unit.id : null;
  }
}
