/**
 * 事件分级标准 Severity criteria per incident type, as data: which facts
 * (deaths, injured, people trapped or affected, households cut off, hours)
 * make an incident level I 特别重大, II 重大, III 较大 or IV 一般. The
 * casualty thresholds follow the national overall emergency plan; the
 * per-type ones are the district's defaults — policy, not law — and the
 * suggestion is only that: the officer who reports chooses the level.
 *
 * Also the type an urgent ticket's words point to (燃气 → gas …), so smart
 * intake's urgency hint can propose an incident in one click.
 */
import type { Label } from '../vocabulary.js';
import { INCIDENT_LEVELS, INCIDENT_TYPES, type IncidentLevel, type IncidentType } from './vocabulary.js';

export const FACT_KEYS = ['deaths', 'injured', 'trapped', 'affected', 'households', 'hours'] as const;
export type FactKey = (typeof FACT_KEYS)[number];
export type IncidentFacts = Partial<Record<FactKey, number>>;

export const FACT_LABELS: Record<FactKey, Label> = {
  deaths: { zh: '死亡人数', en: 'Deaths' },
  injured: { zh: '重伤人数', en: 'Seriously injured' },
  trapped: { zh: '被困人数', en: 'People trapped' },
  affected: { zh: '受影响（疏散）人数', en: 'People affected or evacuated' },
  households: { zh: '停供户数', en: 'Households cut off' },
  hours: { zh: '持续时间（小时）', en: 'Duration (hours)' },
};

export interface Threshold {
  fact: FactKey;
  atLeast: number;
}

/** Met when every threshold holds. */
export interface Criterion {
  level: IncidentLevel;
  when: readonly Threshold[];
  text: Label;
}

const at = (fact: FactKey, atLeast: number): Threshold => ({ fact, atLeast });

/** Casualties make any type grave, whatever else is true. */
const CASUALTIES: readonly Criterion[] = [
  { level: 'I', when: [at('deaths', 30)], text: { zh: '死亡 30 人以上', en: '30 or more deaths' } },
  {
    level: 'I',
    when: [at('injured', 100)],
    text: { zh: '重伤 100 人以上', en: '100 or more seriously injured' },
  },
  { level: 'II', when: [at('deaths', 10)], text: { zh: '死亡 10 人以上', en: '10 or more deaths' } },
  {
    level: 'II',
    when: [at('injured', 50)],
    text: { zh: '重伤 50 人以上', en: '50 or more seriously injured' },
  },
  { level: 'III', when: [at('deaths', 3)], text: { zh: '死亡 3 人以上', en: '3 or more deaths' } },
  {
    level: 'III',
    when: [at('injured', 10)],
    text: { zh: '重伤 10 人以上', en: '10 or more seriously injured' },
  },
];

function affected(level: IncidentLevel, n: number, what: Label): Criterion {
  return {
    level,
    when: [at('affected', n)],
    text: { zh: `${what.zh} ${n} 人以上`, en: `${n} or more ${what.en}` },
  };
}

const EVACUATED: Label = { zh: '疏散转移', en: 'people evacuated' };

export const SEVERITY_CRITERIA: Record<IncidentType, readonly Criterion[]> = {
  flood: [
    affected('I', 10_000, { zh: '受灾转移', en: 'people displaced' }),
    affected('II', 3_000, { zh: '受灾转移', en: 'people displaced' }),
    affected('III', 500, { zh: '受灾转移', en: 'people displaced' }),
  ],
  fire: [affected('II', 1_000, EVACUATED), affected('III', 100, EVACUATED)],
  gas: [
    affected('II', 1_000, EVACUATED),
    {
      level: 'II',
      when: [at('households', 10_000)],
      text: { zh: '停气 1 万户以上', en: '10,000 or more households without gas' },
    },
    affected('III', 100, EVACUATED),
    {
      level: 'III',
      when: [at('households', 1_000)],
      text: { zh: '停气 1000 户以上', en: '1,000 or more households without gas' },
    },
  ],
  geological: [
    affected('II', 1_000, { zh: '受威胁', en: 'people threatened' }),
    affected('III', 100, { zh: '受威胁', en: 'people threatened' }),
  ],
  traffic: [
    {
      level: 'III',
      when: [at('trapped', 10)],
      text: { zh: '被困 10 人以上', en: '10 or more people trapped' },
    },
  ],
  public_health: [
    affected('II', 100, { zh: '发病', en: 'cases' }),
    affected('III', 30, { zh: '发病', en: 'cases' }),
  ],
  utility_outage: [
    {
      level: 'I',
      when: [at('households', 100_000)],
      text: { zh: '停供 10 万户以上', en: '100,000 or more households cut off' },
    },
    {
      level: 'II',
      when: [at('households', 30_000)],
      text: { zh: '停供 3 万户以上', en: '30,000 or more households cut off' },
    },
    {
      level: 'II',
      when: [at('households', 10_000), at('hours', 24)],
      text: { zh: '停供 1 万户以上且超过 24 小时', en: '10,000 or more households cut off for 24 h or more' },
    },
    {
      level: 'III',
      when: [at('households', 3_000)],
      text: { zh: '停供 3000 户以上', en: '3,000 or more households cut off' },
    },
    {
      level: 'III',
      when: [at('hours', 24)],
      text: { zh: '停供超过 24 小时', en: 'cut off for 24 h or more' },
    },
  ],
  crowd_safety: [
    affected('II', 5_000, { zh: '聚集', en: 'people gathered' }),
    affected('III', 1_000, { zh: '聚集', en: 'people gathered' }),
  ],
  structural: [
    { level: 'III', when: [at('trapped', 3)], text: { zh: '被困 3 人以上', en: '3 or more people trapped' } },
    affected('III', 500, EVACUATED),
  ],
  lift_entrapment: [
    {
      level: 'III',
      when: [at('trapped', 10)],
      text: { zh: '被困 10 人以上', en: '10 or more people trapped' },
    },
  ],
};

/** Every criterion of a type, casualties first, gravest level first. */
export function criteriaFor(type: IncidentType): Criterion[] {
  return [...CASUALTIES, ...SEVERITY_CRITERIA[type]].sort(
    (a, b) => INCIDENT_LEVELS.indexOf(a.level) - INCIDENT_LEVELS.indexOf(b.level),
  );
}

export interface LevelSuggestion {
  level: IncidentLevel;
  /** the criteria the facts meet at that level; empty for the default level IV */
  because: Criterion[];
}

function meets(c: Criterion, facts: IncidentFacts): boolean {
  return c.when.every((t) => (facts[t.fact] ?? 0) >= t.atLeast);
}

/** The gravest level whose criteria the facts meet; IV 一般 when none does. */
export function suggestLevel(type: IncidentType, facts: IncidentFacts): LevelSuggestion {
  const met = criteriaFor(type).filter((c) => meets(c, facts));
  const first = met[0];
  if (!first) return { level: 'IV', because: [] };
  return { level: first.level, because: met.filter((c) => c.level === first.level) };
}

/** Words that point to a type; the type with most matches wins, table order breaks ties. */
export const TYPE_KEYWORDS: Record<IncidentType, readonly string[]> = {
  gas: ['燃气', '煤气', '天然气', '漏气', '一氧化碳'],
  fire: ['起火', '着火', '失火', '火灾', '冒烟', '浓烟', '爆炸'],
  lift_entrapment: ['电梯困人', '困在电梯', '电梯里被困', '电梯被困', '电梯停运困'],
  structural: ['塌陷', '坍塌', '倒塌', '路面塌', '房屋开裂'],
  geological: ['泥石流', '滑坡', '塌方', '落石', '地裂缝'],
  flood: ['洪水', '山洪', '内涝', '积水', '被淹', '河水漫'],
  traffic: ['车祸', '交通事故', '追尾', '翻车', '撞车'],
  public_health: ['食物中毒', '中毒', '疫情', '传染病', '集体发热'],
  utility_outage: [
    '停电',
    '停水',
    '停气',
    '停暖',
    '爆管',
    '水管爆裂',
    '管道爆裂',
    '电线断',
    '电线掉',
    '漏电',
  ],
  crowd_safety: ['踩踏', '拥挤', '人员密集', '人群聚集'],
};

export interface TypeSuggestion {
  type: IncidentType;
  matched: string[];
}

export function suggestIncidentType(text: string): TypeSuggestion | null {
  let best: TypeSuggestion | null = null;
  for (const type of INCIDENT_TYPES) {
    const matched = TYPE_KEYWORDS[type].filter((w) => text.includes(w));
    if (matched.length > 0 && (best === null || matched.length > best.matched.length))
      best = { type, matched };
  }
  return best;
}
