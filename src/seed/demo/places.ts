/**
 * Real places for the demo tickets: for each township, its villages and
 * communities (from the reference areas), the roads, compounds, scenic spots,
 * schools, hospitals and markets callers mention (LANDMARKS), and the name
 * people use for the town. Fills the {place} {town} {road} {time} {days}
 * placeholders of the demo texts.
 */
import type { AreaRow } from '../../db/schema.js';
import { LANDMARKS, type Landmark, TOWNSHIP_PLACES } from '../reference/places.js';
import type { CategoryProfile } from './profiles.js';
import type { Random } from './random.js';

export interface TownPlaces {
  code: string;
  /** what a caller calls the town: 北房镇, 泉河街道, 长哨营乡 */
  spoken: string;
  /** official name, for addresses */
  name: string;
  lat: number;
  lng: number;
  /** villages and communities (12-digit areas) */
  subAreas: AreaRow[];
  landmarks: Landmark[];
  roads: string[];
}

export interface ChosenPlace {
  areaCode: string;
  townshipCode: string;
  /** text for {place} */
  placeName: string;
  road: string;
  address: string;
  lat: number;
  lng: number;
}

/** Roads anyone in the district might name, for towns with none of their own on the list. */
const FALLBACK_ROADS = ['京密路', '京加路', '怀长路', '范崎路', '怀黄路'];

const TIMES = [
  '晚上十点',
  '夜里十一点多',
  '凌晨一点',
  '早上六点',
  '早上七点多',
  '中午十二点',
  '下午三点左右',
  '晚上八点以后',
  '每天早上五点多',
  '晚上九点半',
];

function spokenName(code: string, area: AreaRow | undefined): string {
  const place = TOWNSHIP_PLACES.find((p) => p.code === code);
  const alias = place?.aliases.find((a) => /(镇|乡|街道)$/.test(a) && !a.includes('满族'));
  return alias ?? place?.shortName ?? area?.short_name ?? code;
}

/** Place pools per township, from the areas in the database (sorted, so the demo is deterministic). */
export function buildTownPlaces(areas: readonly AreaRow[]): Map<string, TownPlaces> {
  const sorted = [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map(sorted.map((a) => [a.code, a]));
  const towns = new Map<string, TownPlaces>();
  for (const area of sorted) {
    if (area.code.length !== 9) continue;
    const coords = TOWNSHIP_PLACES.find((p) => p.code === area.code);
    towns.set(area.code, {
      code: area.code,
      spoken: spokenName(area.code, area),
      name: area.name,
      lat: area.lat ?? coords?.lat ?? 40.316,
      lng: area.lng ?? coords?.lng ?? 116.632,
      subAreas: sorted.filter((a) => a.parent_code === area.code),
      landmarks: LANDMARKS.filter((l) => l.kind !== 'road' && l.areaCode.startsWith(area.code)),
      roads: LANDMARKS.filter((l) => l.kind === 'road' && l.areaCode.startsWith(area.code)).map(
        (l) => l.name,
      ),
    });
  }
  // A landmark coded to a village belongs to that village's area; keep it only if the area exists.
  for (const town of towns.values()) {
    town.landmarks = town.landmarks.filter((l) => byCode.has(l.areaCode));
  }
  return towns;
}

const KIND_FOR: Record<NonNullable<CategoryProfile['place']>, Landmark['kind'][]> = {
  residential: ['residential'],
  scenic: ['scenic', 'landmark'],
  school: ['school'],
  hospital: ['hospital'],
  market: ['market', 'landmark'],
  landmark: ['landmark'],
};

/**
 * Where in the township the matter is: a village or community most of the
 * time (communities count double in the town centre, where most people live
 * in compounds), a landmark when the category is about one, and now and then
 * only the town itself.
 */
export function choosePlace(r: Random, town: TownPlaces, prefer: CategoryProfile['place']): ChosenPlace {
  const road = town.roads.length > 0 && r.chance(0.8) ? r.pick(town.roads) : r.pick(FALLBACK_ROADS);
  const kinds = prefer ? KIND_FOR[prefer] : null;
  const fitting = kinds ? town.landmarks.filter((l) => kinds.includes(l.kind)) : [];
  const jitter = () => r.between(-0.018, 0.018);
  if (fitting.length > 0 && r.chance(prefer === 'residential' ? 0.5 : 0.7)) {
    const landmark = r.pick(fitting);
    return {
      areaCode: landmark.areaCode,
      townshipCode: town.code,
      placeName: landmark.name,
      road,
      address: `北京市怀柔区${town.name}${landmark.name}`,
      lat: round6(landmark.lat ?? town.lat + jitter()),
      lng: round6(landmark.lng ?? town.lng + jitter()),
    };
  }
  if (town.subAreas.length > 0 && r.chance(0.88)) {
    const area = pickSubArea(r, town.subAreas);
    const name = spokenArea(area);
    return {
      areaCode: area.code,
      townshipCode: town.code,
      placeName: name,
      road,
      address: `北京市怀柔区${town.name}${name}`,
      lat: round6(area.lat ?? town.lat + jitter()),
      lng: round6(area.lng ?? town.lng + jitter()),
    };
  }
  return {
    areaCode: town.code,
    townshipCode: town.code,
    placeName: `${road}附近`,
    road,
    address: `北京市怀柔区${town.name}${road}`,
    lat: round6(town.lat + jitter()),
    lng: round6(town.lng + jitter()),
  };
}

/** A village whose own name ends in 村 (西三村村委会) is 西三村, not the 西三村村 the short name gives. */
function spokenArea(area: AreaRow): string {
  return area.short_name.replace(/村村$/, '村');
}

function pickSubArea(r: Random, areas: readonly AreaRow[]): AreaRow {
  // Communities weigh 2, villages 1: one draw over a virtual list where communities appear twice.
  const communities = areas.filter((a) => a.level === 'community').length;
  let u = r.int(0, areas.length + communities - 1);
  for (const area of areas) {
    u -= area.level === 'community' ? 2 : 1;
    if (u < 0) return area;
  }
  return areas[areas.length - 1] as AreaRow;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Fills {place} {town} {road} {time} {days}; unknown placeholders are left
 * for a test to catch. A template that writes "{place}村" or "{town}镇" gets
 * the suffix once when the name already ends in it (西三村, not 西三村村).
 */
export function fillTemplate(r: Random, template: string, place: ChosenPlace, town: TownPlaces): string {
  return template.replace(
    /\{(place|town|road|time|days)\}(村|社区|小区|镇|乡|街道|路|附近)?/g,
    (_, key: string, suffix: string | undefined) => {
      const value = placeholder(r, key, place, town);
      return suffix === undefined || value.endsWith(suffix) ? value : value + suffix;
    },
  );
}

function placeholder(r: Random, key: string, place: ChosenPlace, town: TownPlaces): string {
  switch (key) {
    case 'place':
      return place.placeName;
    case 'town':
      return town.spoken;
    case 'road':
      return place.road;
    case 'time':
      return r.pick(TIMES);
    default:
      return String(r.pick([2, 3, 3, 4, 5, 7, 7, 10, 15, 20]));
  }
}
