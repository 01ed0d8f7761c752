/**
 * How often Huairou residents call about each leaf category, when, from
 * where, and how hard the matter is to settle. These are modelling choices
 * for a realistic demo, not statistics: weights follow the public picture of
 * Beijing 12345 (property management, heating, noise, unpaid wages and
 * consumer disputes lead every year) adjusted to a mountain district with a
 * new town, scenic areas, homestays and orchards.
 */

export type SettlementKind = 'urban' | 'suburban' | 'mountain';

export interface CategoryProfile {
  /** relative share of requests in an ordinary month */
  weight: number;
  /** multipliers for January … December */
  season?: readonly number[];
  /** multiplier on days off (weekends and public holidays) */
  offDay?: number;
  /** multiplier by year, for matters of a period (waste-sorting rules 2020, vaccines 2021 …) */
  years?: Readonly<Record<number, number>>;
  /** call rates in urban / suburban / mountain townships, per resident */
  where?: readonly [number, number, number];
  /** township code → extra multiplier (scenic spots, homestay valleys) */
  towns?: Readonly<Record<string, number>>;
  /** share marked urgent at intake (the category's own policy may already be urgent) */
  urgent?: number;
  /** share marked complex (longer reply clock) */
  complex?: number;
  /** added to the logit of the resolution target: negative = hard (wages, homesteads, illegal building) */
  ease?: number;
  /** units usually asked to co-handle (协办); '@township' = the street/town of the place */
  co?: readonly string[];
  /** where a returned ticket (退单) usually goes next */
  alt?: string;
  /** what {place} should preferably name */
  place?: 'residential' | 'scenic' | 'school' | 'hospital' | 'market' | 'landmark';
}

// Seasonal shapes, January … December.
const HEATING = [3.0, 2.2, 1.4, 0.35, 0.08, 0.05, 0.05, 0.05, 0.1, 0.5, 2.4, 3.2];
const SUMMER = [0.6, 0.6, 0.8, 1.0, 1.2, 1.4, 1.5, 1.5, 1.2, 1.0, 0.7, 0.6];
const STORMS = [0.6, 0.6, 0.7, 0.8, 1.0, 1.3, 1.9, 1.9, 1.1, 0.8, 0.7, 0.8];
const BUILDING = [0.3, 0.4, 1.0, 1.3, 1.4, 1.3, 1.2, 1.2, 1.3, 1.3, 1.0, 0.4];
const TOURISM = [0.4, 0.6, 0.6, 1.0, 1.4, 1.2, 1.6, 1.7, 1.2, 1.5, 0.7, 0.4];
const NIGHTS = [1.3, 1.2, 1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1.1, 1.3, 1.4];
const YEAR_END = [2.0, 1.4, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.1, 2.2];
const ENROLMENT = [0.5, 0.5, 0.8, 1.6, 1.8, 1.7, 1.7, 1.9, 1.2, 0.6, 0.5, 0.5];
const CATKINS = [0.4, 0.4, 0.8, 2.2, 2.0, 1.3, 1.2, 1.1, 0.9, 0.8, 0.6, 0.5];
const HARVEST = [0.3, 0.3, 0.5, 0.7, 0.8, 0.9, 1.2, 1.8, 2.6, 1.8, 0.7, 0.4];
const FIRE = [0.8, 1.2, 2.2, 2.6, 0.8, 0.3, 0.2, 0.2, 0.4, 1.2, 1.6, 1.0];
const FLOOD = [0.05, 0.05, 0.1, 0.2, 0.5, 1.5, 4.5, 4.0, 0.8, 0.2, 0.05, 0.05];
const EXPRESS = [1.2, 0.8, 0.8, 0.8, 0.9, 1.2, 0.9, 0.9, 0.9, 1.0, 2.0, 1.4];

/** Huairou's towns with homestays and scenic spots, by division code. */
const BOHAI = '110116108';
const YANQI = '110116004';
const JIUDUHE = '110116109';
const HUAIBEI = '110116106';
const LIULIMIAO = '110116110';
const HUAIROU_AREA = '110116003';
const YANGSONG = '110116103';

export const CATEGORY_PROFILES: Readonly<Record<string, CategoryProfile>> = {
  // 城乡建设
  'urban-property': {
    weight: 50,
    where: [1.6, 0.8, 0.15],
    ease: -0.2,
    place: 'residential',
    alt: 'dept-zjw',
  },
  'urban-property-fee': {
    weight: 25,
    where: [1.6, 0.7, 0.1],
    ease: -0.5,
    place: 'residential',
    co: ['dept-scjgj'],
  },
  'urban-elevator': { weight: 8, where: [1.8, 0.5, 0.02], place: 'residential', co: ['dept-scjgj'] },
  'urban-old-community': {
    weight: 10,
    where: [1.5, 0.7, 0.1],
    years: { 2019: 0.6, 2021: 1.4, 2022: 1.4, 2023: 1.3, 2024: 1.2 },
    complex: 0.15,
    ease: -0.3,
    place: 'residential',
    co: ['@township'],
  },
  'urban-house-safety': { weight: 5, urgent: 0.1, alt: '@township' },
  'urban-heating': {
    weight: 45,
    season: HEATING,
    where: [1.2, 1.0, 0.9],
    alt: '@township',
    place: 'residential',
  },
  'urban-heating-outage': { weight: 10, season: HEATING, where: [1.2, 1.0, 0.9], alt: '@township' },
  'urban-gas': { weight: 10, where: [1.3, 1.0, 0.3] },
  'urban-gas-leak': { weight: 3, where: [1.3, 1.0, 0.3] },
  'urban-gas-outage': { weight: 3, where: [1.3, 1.0, 0.3] },
  'urban-water': { weight: 15, season: SUMMER, where: [0.8, 1.0, 1.4], alt: '@township' },
  'urban-water-outage': {
    weight: 15,
    season: [1.3, 1.1, 0.8, 0.8, 1.0, 1.3, 1.6, 1.5, 1.0, 0.8, 0.9, 1.2],
    where: [0.7, 1.0, 1.6],
    alt: '@township',
  },
  'urban-power': { weight: 12, where: [1.0, 1.0, 1.2] },
  'urban-power-outage': { weight: 15, season: STORMS, where: [0.9, 1.0, 1.4] },
  // 城市管理
  'city-illegal-building': {
    weight: 25,
    where: [0.7, 1.2, 1.0],
    ease: -0.8,
    complex: 0.1,
    co: ['dept-ghzy'],
  },
  'city-encroachment': { weight: 18, where: [1.3, 1.0, 0.6], ease: -0.3, place: 'residential' },
  'city-street-vending': { weight: 12, season: SUMMER, where: [1.6, 0.8, 0.3], offDay: 1.3 },
  'city-garbage': { weight: 22, co: ['dept-cgw-hwzx'] },
  'city-waste-sorting': {
    weight: 8,
    where: [1.4, 1.0, 0.5],
    years: { 2019: 0.4, 2020: 1.9, 2021: 1.3 },
    place: 'residential',
  },
  'city-streetlight': { weight: 12, season: NIGHTS, where: [1.2, 1.0, 0.8] },
  'city-greening': { weight: 12, season: CATKINS, where: [1.4, 1.0, 0.5], place: 'residential' },
  // 环境保护
  'env-construction-noise': {
    weight: 30,
    season: BUILDING,
    where: [1.4, 1.0, 0.4],
    co: ['dept-zjw'],
    alt: 'dept-zjw',
    place: 'residential',
  },
  'env-noise': { weight: 25, season: SUMMER, where: [1.5, 0.9, 0.5], offDay: 1.2, place: 'residential' },
  'env-cooking-fumes': { weight: 12, season: SUMMER, where: [1.8, 0.6, 0.2], place: 'residential' },
  'env-air': {
    weight: 10,
    season: [1.3, 1.1, 1.2, 1.1, 0.8, 0.8, 0.7, 0.7, 0.9, 1.3, 1.3, 1.2],
    co: ['@township'],
  },
  'env-water': { weight: 5, season: SUMMER, where: [0.8, 1.0, 1.2], alt: 'dept-swj' },
  // 交通运输
  'transport-bus': { weight: 15, where: [1.0, 1.1, 1.4] },
  'transport-road': { weight: 18, where: [0.9, 1.0, 1.3], alt: 'dept-cgw' },
  'transport-parking': { weight: 22, where: [1.8, 0.8, 0.3], co: ['dept-gaj-jtzd'], place: 'residential' },
  'transport-signal': { weight: 5, where: [1.5, 1.0, 0.2] },
  'transport-taxi': { weight: 4, where: [1.5, 1.0, 0.5] },
  'transport-bike': {
    weight: 4,
    where: [2.0, 0.8, 0.05],
    years: { 2019: 1.8, 2020: 1.2, 2023: 0.7, 2024: 0.6 },
  },
  // 劳动和社会保障
  'labour-wages': { weight: 28, season: YEAR_END, ease: -0.7, complex: 0.1, co: ['dept-zjw'] },
  'labour-insurance': { weight: 15 },
  'labour-employment': { weight: 8, years: { 2020: 1.5, 2022: 1.3 } },
  // 教育文体
  'education-enrolment': { weight: 10, season: ENROLMENT, where: [1.3, 1.0, 0.6], place: 'school' },
  'education-training': { weight: 6, years: { 2019: 1.3, 2021: 2.2, 2022: 1.3, 2024: 0.8 } },
  'education-sports': { weight: 5, season: SUMMER, place: 'residential' },
  // 卫生健康
  'health-medical': { weight: 16, years: { 2020: 1.7, 2022: 2.0 }, place: 'hospital' },
  'health-vaccine': { weight: 5, years: { 2019: 0.6, 2021: 5.0, 2022: 2.0 }, place: 'hospital' },
  'health-insurance': { weight: 10 },
  // 商贸旅游
  'commerce-consumer': { weight: 22, season: EXPRESS, ease: -0.2, place: 'market' },
  'commerce-homestay': {
    weight: 10,
    season: TOURISM,
    offDay: 2.0,
    where: [0.1, 1.0, 1.2],
    towns: { [BOHAI]: 4, [YANQI]: 4, [JIUDUHE]: 2.5, [HUAIBEI]: 2, [LIULIMIAO]: 1.5 },
    place: 'scenic',
  },
  'commerce-scenic': {
    weight: 8,
    season: TOURISM,
    offDay: 2.5,
    where: [0.2, 1.0, 1.0],
    towns: { [YANQI]: 4, [HUAIBEI]: 3, [HUAIROU_AREA]: 2.5, [YANGSONG]: 1.5, [LIULIMIAO]: 1.5 },
    place: 'scenic',
  },
  'commerce-greatwall': {
    weight: 8,
    season: TOURISM,
    offDay: 2.5,
    where: [0.02, 0.3, 0.3],
    towns: { [BOHAI]: 20, [JIUDUHE]: 10, [YANQI]: 5, [HUAIBEI]: 3 },
    place: 'scenic',
  },
  'commerce-tourism': { weight: 6, season: TOURISM, offDay: 2.0, where: [0.5, 1.0, 1.2], place: 'scenic' },
  'commerce-express': { weight: 8, season: EXPRESS, where: [1.2, 1.0, 0.8] },
  // 农村农业
  'rural-homestead': { weight: 12, where: [0.05, 1.0, 1.3], ease: -0.7, complex: 0.15, co: ['dept-nyncj'] },
  'rural-land-transfer': { weight: 8, where: [0.02, 1.0, 1.2], ease: -0.6, complex: 0.1 },
  'rural-subsidy': { weight: 8, where: [0.1, 1.0, 1.3], alt: '@township' },
  'rural-orchard': { weight: 5, season: HARVEST, where: [0.02, 0.8, 1.4] },
  'rural-village-affairs': { weight: 15, where: [0.05, 1.0, 1.3], ease: -0.5 },
  // 市场监管
  'market-food': { weight: 12, where: [1.3, 1.0, 0.7], place: 'market' },
  'market-price': { weight: 6, offDay: 1.3, place: 'market' },
  // 民政和社会事务
  'civil-elderly': { weight: 12, alt: '@township' },
  'civil-assistance': { weight: 6, where: [0.8, 1.0, 1.3], alt: 'dept-mzj' },
  'civil-disability': { weight: 4 },
  'civil-veterans': { weight: 4, years: { 2020: 1.6, 2021: 1.4 } },
  // 公共安全
  'public-security-hukou': { weight: 8 },
  'public-security-dog': { weight: 8, where: [1.5, 0.9, 0.4], place: 'residential' },
  'public-security-hazard': { weight: 8, where: [1.3, 1.0, 0.6], place: 'residential' },
  // 林业水务
  'ecology-wildlife': { weight: 5, season: HARVEST, where: [0.01, 0.8, 2.0] },
  'ecology-forest-fire': { weight: 3, season: FIRE, where: [0.1, 0.8, 1.6] },
  'ecology-reservoir': { weight: 4, season: SUMMER, offDay: 1.6, where: [0.3, 1.0, 1.2] },
  'ecology-river': { weight: 5, season: SUMMER, where: [0.8, 1.0, 1.2], co: ['@township'] },
  'ecology-flood': { weight: 3, season: FLOOD, where: [0.4, 1.0, 2.0] },
  // 其他
  'other-telecom': { weight: 8, where: [0.6, 1.0, 2.0] },
  'other-praise': { weight: 8 },
  'other-misc': { weight: 10 },
};

/** A category missing from the table above still appears, rarely and evenly. */
export const DEFAULT_PROFILE: CategoryProfile = { weight: 3 };

/**
 * Periods that changed what people called about. The "23·7" rainstorm
 * (29 July – 2 August 2023) flooded the mountain valleys north and west of
 * Beijing; matters it caused are exempted from assessment as force majeure
 * (不可抗力). The COVID-19 waves of early 2020 and of 2022 flooded the hotline
 * with health and lockdown questions.
 */
export interface SpecialPeriod {
  from: string;
  to: string;
  /** category code → multiplier */
  boost: Readonly<Record<string, number>>;
  /** share of the boosted tickets exempted from assessment */
  exempt: number;
  reason: string;
}

export const SPECIAL_PERIODS: readonly SpecialPeriod[] = [
  {
    from: '2023-07-29',
    to: '2023-08-08',
    boost: {
      'ecology-flood': 30,
      'urban-water-outage': 5,
      'urban-power-outage': 5,
      'transport-road': 3,
      'other-telecom': 3,
      'rural-village-affairs': 2,
    },
    exempt: 0.45,
    reason: '受“23·7”极端强降雨影响，属不可抗力，申请不纳入考核',
  },
  {
    from: '2020-01-24',
    to: '2020-03-31',
    boost: { 'health-medical': 3, 'labour-employment': 1.8, 'commerce-consumer': 1.5 },
    exempt: 0.1,
    reason: '涉及疫情防控政策执行，属政策性问题，申请不纳入考核',
  },
  {
    from: '2022-04-25',
    to: '2022-12-20',
    boost: { 'health-medical': 2.5, 'market-price': 1.6 },
    exempt: 0.08,
    reason: '涉及疫情防控政策执行，属政策性问题，申请不纳入考核',
  },
];
