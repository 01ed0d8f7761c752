/**
 * The gazetteer 地名库: every surface form of every division, landmark, road
 * and old name, in a character trie for longest-match scanning, plus for each
 * town the stems of its villages so that "X镇Y" resolves even when Y is a
 * two-character name too common to match alone (雁栖镇大地).
 */
import { LANDMARKS, type Landmark } from '../../seed/reference/places.js';
import { normalise } from '../normalise.js';
import { districtForms, type Form, localForms, localStem, STRENGTH, townshipForms } from './forms.js';
import { OLD_NAMES } from './old-names.js';
import { PINYIN_TOWNSHIPS } from './pinyin.js';
import type { MentionKind, PlaceArea, Reading } from './types.js';

export interface TrieNode {
  next: Map<string, TrieNode>;
  readings: Reading[] | null;
}

function node(): TrieNode {
  return { next: new Map(), readings: null };
}

export interface Gazetteer {
  root: TrieNode;
  areas: Map<string, PlaceArea>;
  /** township code → trie of the stems of its villages and communities */
  localStems: Map<string, TrieNode>;
  /** number of distinct forms, for diagnostics */
  size: number;
}

/** Forms are matched against normalised text, so they are normalised the same way. */
function key(form: string): string {
  return normalise(form).replace(/ /g, '');
}

class Builder {
  readonly root = node();
  size = 0;

  find(form: string): Reading[] | null {
    let n: TrieNode | undefined = this.root;
    for (const ch of form) {
      n = n.next.get(ch);
      if (!n) return null;
    }
    return n.readings;
  }

  /** Adds a reading; the same code under the same form keeps the stronger reading. */
  add(trie: TrieNode, rawForm: string, reading: Reading): void {
    const form = key(rawForm);
    if (form.length < 2) return;
    let n = trie;
    for (const ch of form) {
      let child = n.next.get(ch);
      if (!child) {
        child = node();
        n.next.set(ch, child);
      }
      n = child;
    }
    if (!n.readings) {
      n.readings = [];
      if (trie === this.root) this.size++;
    }
    const same = n.readings.find((r) => r.code === reading.code);
    if (!same) n.readings.push(reading);
    else if (reading.strength > same.strength) {
      same.strength = reading.strength;
      same.kind = reading.kind;
    }
  }

  addForms(code: string, forms: readonly Form[]): void {
    for (const f of forms) this.add(this.root, f.form, { code, kind: f.kind, strength: f.strength });
  }

  /** A bare form only where no other kind of place already claims it. */
  addIfFree(code: string, f: Form): void {
    const existing = this.find(key(f.form));
    if (existing?.some((r) => r.kind !== 'village' && r.kind !== 'community')) return;
    this.add(this.root, f.form, { code, kind: f.kind, strength: f.strength });
  }
}

const LANDMARK_STRENGTH: Record<Landmark['kind'], number> = {
  residential: 0.85,
  road: 0.5,
  landmark: 0.72,
  scenic: 0.72,
  school: 0.72,
  hospital: 0.72,
  market: 0.7,
};

function landmarkKind(l: Landmark): MentionKind {
  if (l.kind === 'road') return 'road';
  if (l.kind === 'residential') return 'residential';
  return 'landmark';
}

/**
 * Builds the gazetteer from the areas (as seeded: names, short names,
 * aliases) and the static landmark and old-name lists. Order matters only for
 * bare forms, which are added last and yield to any other kind of place.
 */
export function buildGazetteer(
  areaList: readonly PlaceArea[],
  landmarks: readonly Landmark[] = LANDMARKS,
): Gazetteer {
  const b = new Builder();
  const areas = new Map(areaList.map((a) => [a.code, a]));
  const localStems = new Map<string, TrieNode>();
  const bares: [string, Form][] = [];

  for (const a of areaList) {
    if (a.level === 'district') b.addForms(a.code, districtForms(a));
    else if (a.code.length === 9) b.addForms(a.code, townshipForms(a));
  }
  for (const l of landmarks) {
    const kind = landmarkKind(l);
    const base = LANDMARK_STRENGTH[l.kind];
    for (const form of [l.name, ...(l.aliases ?? [])]) {
      // Two-character aliases (光源, 白河, 箭扣) are also ordinary words.
      const strength = key(form).length <= 2 ? Math.min(base, 0.45) : base;
      b.add(b.root, form, { code: l.areaCode, kind, strength });
    }
  }
  for (const o of OLD_NAMES) {
    for (const code of o.codes) b.add(b.root, o.form, { code, kind: 'township', strength: STRENGTH.variant });
  }
  for (const p of PINYIN_TOWNSHIPS) {
    const kind = p.code.length === 6 ? 'district' : 'township';
    b.add(b.root, p.form, {
      code: p.code,
      kind,
      strength: kind === 'district' ? STRENGTH.district : STRENGTH.variant,
    });
  }
  for (const a of areaList) {
    if (a.code.length !== 12) continue;
    const { suffixed, bare } = localForms(a);
    b.addForms(a.code, suffixed);
    for (const f of bare) bares.push([a.code, f]);
    const stem = localStem(a);
    const township = a.township_code ?? a.code.slice(0, 9);
    if (stem && stem.length >= 2) {
      let trie = localStems.get(township);
      if (!trie) {
        trie = node();
        localStems.set(township, trie);
      }
      const kind: MentionKind = a.level === 'village' ? 'village' : 'community';
      b.add(trie, stem, { code: a.code, kind, strength: STRENGTH.suffixed });
    }
  }
  for (const [code, f] of bares) b.addIfFree(code, f);
  return { root: b.root, areas, localStems, size: b.size };
}
