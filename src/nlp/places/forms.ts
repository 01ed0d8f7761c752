/**
 * The surface forms 称呼 under which callers name a division: official name,
 * short name, the suffixes people actually say or mistype (村委 for 村委会,
 * 街到 for 街道, 乡 for a town that used to be one), homophone slips of phone
 * transcription (格庄 for 各庄), and the bare name where it is distinctive
 * enough to stand alone.
 *
 * Strength is how much the form alone says "the place is here": an explicit
 * suffixed name is near-certain, a bare two-character town name that is also
 * an everyday word (北房 "the north rooms") is weak.
 */
import type { MentionKind, PlaceArea } from './types.js';

export interface Form {
  form: string;
  kind: MentionKind;
  strength: number;
}

export const STRENGTH = {
  official: 0.95,
  suffixed: 0.9,
  variant: 0.85,
  typo: 0.75,
  bareTownship: 0.75,
  weakBareTownship: 0.45,
  bareVillage: 0.62,
  typoBare: 0.5,
  district: 0.3,
} as const;

/**
 * Bare town names that are also everyday words: 北房 (the north-facing rooms
 * of a courtyard house), 宝山/龙山 (any "treasure/dragon hill"), 渤海 (the sea).
 */
const WEAK_BARE_TOWNSHIPS = new Set(['北房', '宝山', '龙山', '渤海']);

/**
 * Village names of three or more characters that are also ordinary phrases,
 * so they count only with 村 or a town in front: 新房子 "a new house",
 * 三岔口 "a fork in the road", 大榆树 "a big elm", 杨树下 "under the poplar",
 * 八亩地 "eight mu of land", 白河北 "north of the Bai river".
 */
const NOT_BARE = new Set(['新房子', '三岔口', '大榆树', '杨树下', '八亩地', '白河北', '上台子', '二台子']);

/** Suffixes of township-level names, with the strength of each form. */
const TOWNSHIP_SUFFIXES: readonly [string, number][] = [
  ['镇', STRENGTH.suffixed],
  ['镇政府', STRENGTH.suffixed],
  ['乡', STRENGTH.variant],
  ['乡政府', STRENGTH.variant],
  ['地区', STRENGTH.suffixed],
  ['地区办事处', STRENGTH.suffixed],
  ['办事处', STRENGTH.variant],
];
const STREET_SUFFIXES: readonly [string, number][] = [
  ['街道', STRENGTH.suffixed],
  ['街道办', STRENGTH.suffixed],
  ['街道办事处', STRENGTH.suffixed],
  ['街办', STRENGTH.variant],
  ['街到', STRENGTH.typo],
  ['办事处', STRENGTH.variant],
];

const VILLAGE_SUFFIXES: readonly [string, number][] = [
  ['村委会', STRENGTH.suffixed],
  ['村民委员会', STRENGTH.suffixed],
  ['村委', STRENGTH.suffixed],
  ['村', STRENGTH.variant],
  ['村里', STRENGTH.variant],
];
const COMMUNITY_SUFFIXES: readonly [string, number][] = [
  ['社区居委会', STRENGTH.suffixed],
  ['社区居民委员会', STRENGTH.suffixed],
  ['社区', STRENGTH.suffixed],
  ['居委会', STRENGTH.suffixed],
  ['小区', STRENGTH.variant],
];

/**
 * Homophone and near-homophone slips that phone transcription produces in
 * village names: 各庄→格庄, 峪→裕/玉, 辛庄→新庄, 栅子→扎子.
 */
const TYPO_RULES: readonly [RegExp, string][] = [
  [/各庄/, '格庄'],
  [/峪/, '裕'],
  [/峪/, '玉'],
  [/辛庄/, '新庄'],
  [/栅子/, '扎子'],
];

/** The stem of a township-level name: 泉河街道 → 泉河, 长哨营满族乡 → 长哨营. */
export function townshipStem(area: PlaceArea): string | null {
  const m = /^(.+?)(街道|地区|镇|满族乡|乡)$/.exec(area.name);
  return m?.[1] ?? null;
}

/** The stem of a village or community: 东四村村委会 → 东四村, 张各庄满族村委会 → 张各庄, 富乐社区居委会 → 富乐. */
export function localStem(area: PlaceArea): string | null {
  if (area.level === 'village') {
    const stem = area.name.replace(/(满族)?(村委会|村民委员会)$/, '');
    return stem === area.name ? null : stem;
  }
  if (area.level === 'community') {
    const stem = area.name.replace(/(社区居委会|社区居民委员会|居委会|虚拟社区)$/, '');
    return stem === area.name || stem.startsWith('北京') ? null : stem;
  }
  return null;
}

/** Forms of a township-level division (street, area, town, Manchu township, zone). */
export function townshipForms(area: PlaceArea): Form[] {
  const out: Form[] = [{ form: area.name, kind: 'township', strength: STRENGTH.official }];
  for (const a of area.aliases) out.push({ form: a, kind: 'township', strength: STRENGTH.suffixed });
  const stem = townshipStem(area);
  // 怀柔地区: its stem 怀柔 is the district's name, so no bare form and no generated suffixes.
  if (stem && stem !== '怀柔') {
    const weak = WEAK_BARE_TOWNSHIPS.has(stem);
    out.push({
      form: stem,
      kind: 'township',
      strength: weak ? STRENGTH.weakBareTownship : STRENGTH.bareTownship,
    });
    const suffixes = area.level === 'street' ? STREET_SUFFIXES : TOWNSHIP_SUFFIXES;
    for (const [suffix, strength] of suffixes) out.push({ form: stem + suffix, kind: 'township', strength });
  }
  if (area.short_name !== stem && area.short_name.length >= 2) {
    out.push({ form: area.short_name, kind: 'township', strength: STRENGTH.suffixed });
  }
  return out;
}

function withTypos(stem: string): string[] {
  const out: string[] = [];
  for (const [pattern, replacement] of TYPO_RULES) {
    if (pattern.test(stem)) out.push(stem.replace(pattern, replacement));
  }
  return out;
}

/** May the stem stand alone as evidence, without 村/社区? */
export function bareAllowed(stem: string): boolean {
  return stem.length >= 3 && !NOT_BARE.has(stem) && !stem.endsWith('村');
}

/** Forms of a village or community. Bare forms are returned separately: they yield to other places. */
export function localForms(area: PlaceArea): { suffixed: Form[]; bare: Form[] } {
  const kind: MentionKind = area.level === 'village' ? 'village' : 'community';
  const suffixed: Form[] = [{ form: area.name, kind, strength: STRENGTH.official }];
  const bare: Form[] = [];
  for (const a of area.aliases) suffixed.push({ form: a, kind, strength: STRENGTH.variant });
  const stem = localStem(area);
  if (!stem) return { suffixed, bare };
  const suffixes = kind === 'village' ? VILLAGE_SUFFIXES : COMMUNITY_SUFFIXES;
  // 焦村: the stem is itself the village name with 村.
  if (kind === 'village' && stem.endsWith('村') && stem.length >= 2) {
    suffixed.push({ form: stem, kind, strength: STRENGTH.variant });
  }
  for (const [suffix, strength] of suffixes) suffixed.push({ form: stem + suffix, kind, strength });
  if (kind === 'village' && area.name.includes('满族')) {
    suffixed.push({ form: `${stem}满族村`, kind, strength: STRENGTH.suffixed });
  }
  for (const typo of withTypos(stem)) {
    suffixed.push({ form: `${typo}${kind === 'village' ? '村' : '社区'}`, kind, strength: STRENGTH.typo });
    if (bareAllowed(typo)) bare.push({ form: typo, kind, strength: STRENGTH.typoBare });
  }
  if (bareAllowed(stem)) bare.push({ form: stem, kind, strength: STRENGTH.bareVillage });
  return { suffixed, bare };
}

/** Forms of the district itself: 怀柔, 怀柔区, 北京市怀柔区, 怀柔县. */
export function districtForms(area: PlaceArea): Form[] {
  const forms = new Set([area.name, area.short_name, ...area.aliases]);
  return [...forms]
    .filter((f) => f.length >= 2)
    .map((form) => ({ form, kind: 'district', strength: STRENGTH.district }));
}
