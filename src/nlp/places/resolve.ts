/**
 * From mentions to one place with a confidence. Evidence is gathered per
 * township (街乡) first, because that is what routing needs and what
 * ambiguous village names are resolved by; then the most specific place
 * inside the winning township is chosen.
 *
 * Evidence combines as a noisy OR (two independent mentions of a town at
 * 0.75 give 0.94). A name that fits places in k towns lends each only 1/k of
 * its strength, so "四渡河村" alone leaves 渤海 and 九渡河 tied and the answer
 * is "ambiguous, here are the candidates", while "九渡河镇…四渡河村" or a
 * landmark of 渤海 elsewhere in the text tips the balance.
 */
import type { Gazetteer } from './gazetteer.js';
import { type Mention, NO_PLACE, type PlaceCandidate, type PlaceResult, type Reading } from './types.js';

/** Mentions in the address field say where the problem is; the text may mention the caller's home too. */
const ADDRESS_BOOST = 1.15;
/** A place named as the caller's home ("我是泉河街道的居民") is weaker evidence of where the problem is. */
const RESIDENCE_DISCOUNT = 0.6;
/** Below this the parser does not commit to a place: the answer is null with the candidates. */
export const MIN_CONFIDENCE = 0.5;
/** Evidence closer than this counts as a tie between ambiguous readings. */
const TIE = 0.05;
/** Towns whose evidence differs by less than this are ordered by specificity and position instead. */
const NEAR = 0.06;
const MAX_CANDIDATES = 5;

function townshipOf(code: string): string | null {
  return code.length >= 9 ? code.slice(0, 9) : null;
}

interface Weighted {
  mention: Mention;
  reading: Reading;
  township: string;
  strength: number;
  /** number of distinct towns the mention's name fits */
  spread: number;
}

interface TownEvidence {
  code: string;
  evidence: number;
  /** true when some mention names this town (or a place in it) without ambiguity */
  decisive: boolean;
  firstAt: number;
  hasSpecific: boolean;
  /** every mention of the town names it as the caller's home */
  homeOnly: boolean;
}

function weigh(mentions: readonly Mention[]): Weighted[] {
  const out: Weighted[] = [];
  // Discounting a home address only makes sense against another place named without one.
  const contested = mentions.some((m) => !m.residence && m.readings.some((r) => r.code.length >= 9));
  for (const m of mentions) {
    const towns = new Set<string>();
    for (const r of m.readings) {
      const t = townshipOf(r.code);
      if (t) towns.add(t);
    }
    const boost =
      (m.source === 'address' ? ADDRESS_BOOST : 1) * (m.residence && contested ? RESIDENCE_DISCOUNT : 1);
    for (const r of m.readings) {
      const township = townshipOf(r.code);
      if (!township) continue;
      out.push({
        mention: m,
        reading: r,
        township,
        strength: Math.min(0.99, r.strength * boost),
        spread: towns.size,
      });
    }
  }
  return out;
}

function townEvidence(weighted: readonly Weighted[]): TownEvidence[] {
  const byTown = new Map<
    string,
    { miss: number; decisive: boolean; firstAt: number; hasSpecific: boolean; homeOnly: boolean }
  >();
  // One contribution per mention and town: the strongest reading of that mention in that town.
  const best = new Map<string, Weighted>();
  for (const w of weighted) {
    const k = `${w.mention.source}:${w.mention.start}:${w.township}`;
    const prev = best.get(k);
    if (!prev || w.strength > prev.strength) best.set(k, w);
  }
  for (const w of best.values()) {
    const e = byTown.get(w.township) ?? {
      miss: 1,
      decisive: false,
      firstAt: Infinity,
      hasSpecific: false,
      homeOnly: true,
    };
    e.homeOnly &&= w.mention.residence;
    e.miss *= 1 - w.strength / w.spread;
    e.decisive ||= w.spread === 1;
    e.firstAt = Math.min(e.firstAt, w.mention.start + (w.mention.source === 'address' ? -1e6 : 0));
    e.hasSpecific ||= w.reading.code.length === 12;
    byTown.set(w.township, e);
  }
  const towns = [...byTown.entries()]
    .map(([code, e]) => ({
      code,
      evidence: 1 - e.miss,
      decisive: e.decisive,
      firstAt: e.firstAt,
      hasSpecific: e.hasSpecific,
      homeOnly: e.homeOnly,
    }))
    .sort((a, b) => b.evidence - a.evidence);
  // Among towns level with the leader (雁栖镇和怀北镇交界): the one with a village named, then one not
  // named as the caller's home, then the first named.
  const lead = towns[0]?.evidence ?? 0;
  const level = towns.filter((t) => lead - t.evidence < NEAR);
  level.sort(
    (a, b) =>
      Number(b.hasSpecific) - Number(a.hasSpecific) ||
      Number(a.homeOnly) - Number(b.homeOnly) ||
      a.firstAt - b.firstAt,
  );
  return [...level, ...towns.slice(level.length)];
}

function describe(g: Gazetteer, code: string, confidence: number): PlaceCandidate {
  const area = g.areas.get(code);
  return {
    code,
    name: area?.name ?? code,
    level: area?.level ?? (code.length === 12 ? 'village' : code.length === 9 ? 'township' : 'district'),
    confidence: round(confidence),
  };
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}

/** The most specific place in `town`: the strongest village/community reading, earliest on ties. */
function bestSpecific(weighted: readonly Weighted[], town: string): Weighted[] {
  return weighted
    .filter((w) => w.township === town && w.reading.code.length === 12)
    .sort((a, b) => b.strength - a.strength || a.mention.start - b.mention.start);
}

function districtOnly(g: Gazetteer, mentions: readonly Mention[]): PlaceResult {
  const district = mentions
    .flatMap((m) => m.readings.map((r) => ({ m, r })))
    .find((x) => x.r.code.length === 6);
  if (!district) return NO_PLACE;
  const c = describe(g, district.r.code, district.r.strength);
  return {
    code: c.code,
    name: c.name,
    level: c.level,
    townshipCode: null,
    confidence: c.confidence,
    matched: [district.m.form],
    ambiguous: false,
    candidates: [c],
  };
}

export function resolvePlace(g: Gazetteer, mentions: readonly Mention[]): PlaceResult {
  const weighted = weigh(mentions);
  const towns = townEvidence(weighted);
  const top = towns[0];
  if (!top) return districtOnly(g, mentions);
  const second = towns[1];
  const competition = second ? top.evidence / (top.evidence + 0.35 * second.evidence) : 1;

  // Nothing but an ambiguous name, and the towns it fits are level: say so.
  if (second && !top.decisive && top.evidence - second.evidence < TIE) {
    const tied = towns.filter((t) => top.evidence - t.evidence < TIE);
    const candidates = tied
      .map((t) => {
        const specific = bestSpecific(weighted, t.code)[0];
        return describe(g, specific?.reading.code ?? t.code, t.evidence);
      })
      .slice(0, MAX_CANDIDATES);
    const forms = [...new Set(weighted.filter((w) => w.spread > 1).map((w) => w.mention.form))];
    return { ...NO_PLACE, confidence: round(top.evidence), matched: forms, ambiguous: true, candidates };
  }

  const specifics = bestSpecific(weighted, top.code);
  const chosen = specifics[0];
  // Support from a mention of the town itself (雁栖镇…八道河村) makes the village near-certain.
  const townSupport = Math.max(
    0,
    ...weighted
      .filter((w) => w.township === top.code && w.reading.kind === 'township' && w.spread === 1)
      .map((w) => w.strength),
  );
  let code = top.code;
  let confidence = top.evidence * competition;
  if (chosen) {
    code = chosen.reading.code;
    const own = chosen.spread > 1 ? chosen.strength * 0.8 : chosen.strength;
    confidence = (1 - (1 - own) * (1 - 0.6 * townSupport)) * competition;
  }
  const matched = weighted
    .filter((w) => w.township === top.code)
    .sort((a, b) => a.mention.start - b.mention.start)
    .map((w) => w.mention.form);

  const candidates: PlaceCandidate[] = [describe(g, code, confidence)];
  const seen = new Set([code]);
  for (const s of specifics.slice(1)) {
    if (seen.has(s.reading.code)) continue;
    seen.add(s.reading.code);
    candidates.push(describe(g, s.reading.code, s.strength * competition * 0.8));
  }
  if (chosen && !seen.has(top.code)) {
    seen.add(top.code);
    candidates.push(describe(g, top.code, top.evidence * competition));
  }
  for (const t of towns.slice(1)) {
    const alt = bestSpecific(weighted, t.code)[0]?.reading.code ?? t.code;
    if (seen.has(alt)) continue;
    seen.add(alt);
    // The runner-up towns get what the winner's lead leaves them.
    candidates.push(describe(g, alt, t.evidence * (1 - competition) * 1.5));
  }
  // Too little to commit to (a bare 北房 may be "the north rooms"): the candidates only.
  if (confidence < MIN_CONFIDENCE) {
    return {
      ...NO_PLACE,
      confidence: round(confidence),
      matched: [...new Set(matched)],
      candidates: candidates.slice(0, MAX_CANDIDATES),
    };
  }
  const area = g.areas.get(code);
  return {
    code,
    name: area?.name ?? code,
    level: area?.level ?? null,
    townshipCode: townshipOf(code),
    confidence: round(confidence),
    matched: [...new Set(matched)],
    ambiguous: false,
    candidates: candidates.slice(0, MAX_CANDIDATES),
  };
}
