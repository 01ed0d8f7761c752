import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_SEEDS } from '../../src/seed/demo/knowledge.js';
import {
  CITIZEN_SURNAMES,
  DEMO_TEXTS,
  GIVEN_NAME_CHARS,
  TEXT_PLACEHOLDERS,
} from '../../src/seed/demo/texts.js';
import { type Division, readDivisions, shortNameOf } from '../../src/seed/divisions.js';
import { type AttributeDatatype, CATEGORY_SEEDS } from '../../src/seed/reference/categories.js';
import { LANDMARKS, LOCAL_TERMS, TOWNSHIP_PLACES, VILLAGE_ALIASES } from '../../src/seed/reference/places.js';
import { ROUTING_SEEDS, TOWNSHIP_UNIT } from '../../src/seed/reference/routing.js';
import { UNIT_SEEDS } from '../../src/seed/reference/units.js';

interface CsvDivision {
  code: string;
  name: string;
  level: string;
  parentCode: string;
}

// The published division list is the ground truth every code must come from.
function loadDivisions(): CsvDivision[] {
  const text = readFileSync(new URL('../../src/seed/reference/divisions.csv', import.meta.url), 'utf8');
  const [header, ...rows] = text.trim().split('\n');
  expect(header).toBe('code,name,level,parent_code');
  return rows.map((row) => {
    const [code = '', name = '', level = '', parentCode = ''] = row.split(',');
    return { code, name, level, parentCode };
  });
}

const divisions = loadDivisions();
const divisionCodes = new Set(divisions.map((d) => d.code));
const townshipCodes = divisions.filter((d) => d.code.length === 9).map((d) => d.code);
const leaves = CATEGORY_SEEDS.flatMap((c) => c.children);
const leafCodes = new Set(leaves.map((l) => l.code));
const unitCodes = new Set(UNIT_SEEDS.map((u) => u.code));

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const v of values) {
    if (seen.has(v)) repeated.push(v);
    seen.add(v);
  }
  return repeated;
}

describe('divisions.csv', () => {
  it('has the district, 17 township-level units and 321 village-level units', () => {
    expect(divisions.filter((d) => d.level === 'district').map((d) => d.code)).toEqual(['110116']);
    expect(townshipCodes).toHaveLength(17);
    expect(divisions.filter((d) => d.code.length === 12)).toHaveLength(321);
    expect(duplicates(divisions.map((d) => d.code))).toEqual([]);
  });

  it('shortens village committees to the village name, never doubling 村', () => {
    const all = readDivisions();
    const byCode = new Map(all.map((d) => [d.code, d]));
    const short = (code: string) => shortNameOf(byCode.get(code) as Division);
    expect(short('110116001200')).toBe('南大街村');
    expect(short('110116003224')).toBe('西三村');
    expect(short('110116005209')).toBe('焦村');
    expect(
      all
        .filter((d) => d.level === 'village')
        .map(shortNameOf)
        .filter((n) => n.endsWith('村村')),
    ).toEqual([]);
  });
});

describe('units', () => {
  it('have unique ASCII codes and names in both languages', () => {
    expect(duplicates(UNIT_SEEDS.map((u) => u.code))).toEqual([]);
    for (const u of UNIT_SEEDS) {
      expect(u.code, u.code).toMatch(/^[a-z0-9-]+$/);
      expect(u.name.length, u.code).toBeGreaterThan(0);
      expect(u.nameEn.length, u.code).toBeGreaterThan(0);
      expect(u.shortName.length, u.code).toBeGreaterThan(0);
      expect(u.areaCodes.length, u.code).toBeGreaterThan(0);
    }
  });

  it('form one tree under a single centre', () => {
    const roots = UNIT_SEEDS.filter((u) => u.parentCode === null);
    expect(roots.map((u) => u.code)).toEqual(['centre']);
    expect(roots[0]?.peerGroup).toBe('centre');
    expect(UNIT_SEEDS.filter((u) => u.peerGroup === 'centre')).toHaveLength(1);
    const byCode = new Map(UNIT_SEEDS.map((u) => [u.code, u]));
    for (const u of UNIT_SEEDS) {
      if (u.parentCode !== null)
        expect(unitCodes.has(u.parentCode), `${u.code} → ${u.parentCode}`).toBe(true);
      // Walking up must reach the root without a cycle.
      const path = new Set<string>();
      let cur: string | null = u.code;
      while (cur !== null) {
        expect(path.has(cur), `cycle at ${cur}`).toBe(false);
        path.add(cur);
        cur = byCode.get(cur)?.parentCode ?? null;
      }
      expect(path.has('centre'), u.code).toBe(true);
    }
  });

  it('use only existing area codes', () => {
    for (const u of UNIT_SEEDS) {
      for (const a of u.areaCodes) expect(divisionCodes.has(a), `${u.code}: ${a}`).toBe(true);
    }
  });

  it('have exactly one top-level street/town unit per township-level division', () => {
    const townshipUnits = UNIT_SEEDS.filter((u) => u.peerGroup === 'township' && u.parentCode === 'centre');
    expect(townshipUnits.map((u) => u.areaCodes).every((a) => a.length === 1)).toBe(true);
    expect(townshipUnits.map((u) => u.areaCodes[0]).sort()).toEqual([...townshipCodes].sort());
    for (const u of townshipUnits) expect(u.code).toMatch(/^tw-/);
  });

  it('include departments and the five utilities', () => {
    expect(UNIT_SEEDS.filter((u) => u.peerGroup === 'department').length).toBeGreaterThanOrEqual(20);
    for (const code of ['util-power', 'util-gas', 'util-heat', 'util-water', 'util-bus']) {
      expect(UNIT_SEEDS.find((u) => u.code === code)?.peerGroup, code).toBe('utility');
    }
  });
});

describe('categories', () => {
  it('have unique ASCII codes with leaves prefixed by their parent', () => {
    const all = [...CATEGORY_SEEDS.map((c) => c.code), ...leaves.map((l) => l.code)];
    expect(duplicates(all)).toEqual([]);
    for (const c of CATEGORY_SEEDS) {
      expect(c.code).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(c.children.length, c.code).toBeGreaterThan(0);
      for (const l of c.children) {
        expect(l.code).toMatch(/^[a-z0-9-]+$/);
        expect(l.code.startsWith(`${c.code}-`), l.code).toBe(true);
      }
    }
    expect(CATEGORY_SEEDS.length).toBeGreaterThanOrEqual(10);
    expect(leaves.length).toBeGreaterThanOrEqual(50);
    expect(leaves.length).toBeLessThanOrEqual(70);
  });

  it('have a description and 4–10 unique keywords per leaf', () => {
    for (const l of leaves) {
      expect(l.description.length, l.code).toBeGreaterThan(5);
      expect(l.keywords.length, l.code).toBeGreaterThanOrEqual(4);
      expect(l.keywords.length, l.code).toBeLessThanOrEqual(10);
      expect(duplicates(l.keywords), l.code).toEqual([]);
    }
  });

  it('mark exactly the utility-policy leaves as outages', () => {
    for (const l of leaves) expect(l.utilityOutage === true, l.code).toBe(l.policy === 'utility');
    expect(leaves.filter((l) => l.utilityOutage).length).toBe(4);
    expect(leaves.some((l) => l.policy === 'urgent')).toBe(true);
  });

  it('have well-formed Open311 attributes covering all six datatypes', () => {
    const seen = new Set<AttributeDatatype>();
    for (const l of leaves) {
      const attrs = l.attributes ?? [];
      expect(duplicates(attrs.map((a) => a.code)), l.code).toEqual([]);
      expect(attrs.map((a) => a.order).sort((a, b) => a - b)).toEqual(attrs.map((_, i) => i + 1));
      for (const a of attrs) {
        seen.add(a.datatype);
        expect(a.code, `${l.code}.${a.code}`).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(a.description.length, `${l.code}.${a.code}`).toBeGreaterThan(0);
        expect(a.descriptionEn.length, `${l.code}.${a.code}`).toBeGreaterThan(0);
        const isList = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
        if (isList) {
          expect(a.values?.length ?? 0, `${l.code}.${a.code}`).toBeGreaterThan(1);
          expect(duplicates((a.values ?? []).map((v) => v.key)), `${l.code}.${a.code}`).toEqual([]);
          for (const v of a.values ?? []) expect(v.key).toMatch(/^[A-Za-z0-9_-]+$/);
        } else {
          expect(a.values, `${l.code}.${a.code}`).toBeUndefined();
        }
      }
    }
    expect([...seen].sort()).toEqual(
      ['datetime', 'multivaluelist', 'number', 'singlevaluelist', 'string', 'text'].sort(),
    );
    const withAttributes = leaves.filter((l) => (l.attributes ?? []).length > 0).length;
    expect(withAttributes).toBeGreaterThanOrEqual(Math.floor(leaves.length / 4));
  });
});

describe('routing', () => {
  it('gives every leaf a district-wide rule', () => {
    for (const l of leaves) {
      expect(
        ROUTING_SEEDS.some((r) => r.category === l.code && r.area === null),
        l.code,
      ).toBe(true);
    }
  });

  it('refers only to existing leaves, units and areas', () => {
    for (const r of ROUTING_SEEDS) {
      const label = `${r.category}@${r.area ?? '*'}`;
      expect(leafCodes.has(r.category), label).toBe(true);
      expect(r.unit === TOWNSHIP_UNIT || unitCodes.has(r.unit), `${label} → ${r.unit}`).toBe(true);
      if (r.area !== null) expect(divisionCodes.has(r.area), label).toBe(true);
      expect(Number.isInteger(r.priority), label).toBe(true);
    }
  });

  it('has no two rules for the same category, area and priority', () => {
    const keys = ROUTING_SEEDS.map((r) => `${r.category}|${r.area ?? '*'}|${r.priority}`);
    expect(duplicates(keys)).toEqual([]);
  });

  it('lets area overrides outrank the district rule', () => {
    for (const r of ROUTING_SEEDS.filter((x) => x.area !== null)) {
      const base = ROUTING_SEEDS.find((x) => x.category === r.category && x.area === null);
      expect(r.priority, `${r.category}@${r.area}`).toBeGreaterThan(
        base?.priority ?? Number.POSITIVE_INFINITY,
      );
    }
  });
});

describe('places', () => {
  it('cover the district and every township-level division once', () => {
    const codes = TOWNSHIP_PLACES.map((p) => p.code);
    expect(duplicates(codes)).toEqual([]);
    expect([...codes].sort()).toEqual(['110116', ...townshipCodes].sort());
    for (const p of TOWNSHIP_PLACES) {
      // Huairou lies within roughly 40.2–41.1 N, 116.3–116.9 E.
      expect(p.lat, p.code).toBeGreaterThan(40.2);
      expect(p.lat, p.code).toBeLessThan(41.1);
      expect(p.lng, p.code).toBeGreaterThan(116.3);
      expect(p.lng, p.code).toBeLessThan(116.9);
      expect(p.shortName.length, p.code).toBeGreaterThan(0);
    }
    expect(duplicates(TOWNSHIP_PLACES.map((p) => p.shortName))).toEqual([]);
  });

  it('place every landmark in an existing division', () => {
    expect(LANDMARKS.length).toBeGreaterThanOrEqual(80);
    expect(duplicates(LANDMARKS.map((l) => l.name))).toEqual([]);
    for (const l of LANDMARKS) {
      expect(divisionCodes.has(l.areaCode), `${l.name}: ${l.areaCode}`).toBe(true);
      if (l.lat !== undefined || l.lng !== undefined) {
        expect(l.lat, l.name).toBeGreaterThan(40.2);
        expect(l.lat, l.name).toBeLessThan(41.1);
        expect(l.lng, l.name).toBeGreaterThan(116.3);
        expect(l.lng, l.name).toBeLessThan(116.9);
      }
    }
  });

  it('give aliases only to existing village-level units', () => {
    for (const v of VILLAGE_ALIASES) {
      expect(v.code.length, v.code).toBe(12);
      expect(divisionCodes.has(v.code), v.code).toBe(true);
      expect(v.aliases.length, v.code).toBeGreaterThan(0);
    }
  });

  it('list local terms once each', () => {
    expect(LOCAL_TERMS.length).toBeGreaterThan(20);
    expect(duplicates(LOCAL_TERMS)).toEqual([]);
  });
});

describe('demo texts', () => {
  it('cover every leaf exactly once', () => {
    const categories = DEMO_TEXTS.map((t) => t.category);
    expect(duplicates(categories)).toEqual([]);
    expect([...categories].sort()).toEqual([...leafCodes].sort());
  });

  it('have enough material per leaf and a type mix', () => {
    for (const t of DEMO_TEXTS) {
      expect(t.titles.length, t.category).toBeGreaterThanOrEqual(3);
      expect(t.bodies.length, t.category).toBeGreaterThanOrEqual(5);
      expect(t.replies.length, t.category).toBeGreaterThanOrEqual(3);
      expect(t.unresolvedReplies.length, t.category).toBeGreaterThanOrEqual(2);
      const weights = Object.values(t.types);
      expect(weights.length, t.category).toBeGreaterThan(0);
      for (const w of weights) expect(w, t.category).toBeGreaterThan(0);
    }
    expect(DEMO_TEXTS.find((t) => t.category === 'other-praise')?.types.praise).toBeGreaterThan(0);
  });

  it('use only the allowed placeholders', () => {
    const allowed = new Set<string>(TEXT_PLACEHOLDERS);
    for (const t of DEMO_TEXTS) {
      for (const s of [...t.titles, ...t.bodies, ...t.replies, ...t.unresolvedReplies]) {
        for (const m of s.matchAll(/\{([^}]*)\}/g))
          expect(allowed.has(m[1] ?? ''), `${t.category}: ${s}`).toBe(true);
        // A stray brace means a mistyped placeholder.
        expect(s.replace(/\{[a-z]+\}/g, ''), `${t.category}: ${s}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('have name material', () => {
    expect(CITIZEN_SURNAMES.length).toBeGreaterThan(50);
    expect(GIVEN_NAME_CHARS.length).toBeGreaterThan(50);
    expect(duplicates([...CITIZEN_SURNAMES])).toEqual([]);
    expect(duplicates([...GIVEN_NAME_CHARS])).toEqual([]);
  });
});

describe('knowledge', () => {
  it('has 40+ answers filed under existing leaves or none', () => {
    expect(KNOWLEDGE_SEEDS.length).toBeGreaterThanOrEqual(40);
    expect(duplicates(KNOWLEDGE_SEEDS.map((k) => k.question))).toEqual([]);
    for (const k of KNOWLEDGE_SEEDS) {
      if (k.category !== null) expect(leafCodes.has(k.category), k.question).toBe(true);
      expect(k.answer.length, k.question).toBeGreaterThan(20);
      expect(k.keywords.length, k.question).toBeGreaterThan(0);
      expect(k.questionEn === undefined, k.question).toBe(k.answerEn === undefined);
    }
  });
});
