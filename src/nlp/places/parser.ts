/**
 * 地点识别 The place parser: finds divisions, roads, compounds and landmarks
 * in a request's text and address and resolves them to one division code
 * with a confidence (see ./resolve.ts for the scoring).
 *
 * Input of any size and shape is accepted: normalise() caps it, converts
 * traditional characters (the district's own report was published in them)
 * and drops emoji and punctuation. A parser is built once per set of areas
 * and reused: building costs a few milliseconds, parsing microseconds.
 */
import type { AreaRow } from '../../db/schema.js';
import { normalise } from '../normalise.js';
import { buildGazetteer, type Gazetteer } from './gazetteer.js';
import { resolvePlace } from './resolve.js';
import { scanMentions } from './scan.js';
import type { Mention, PlaceArea, PlaceResult } from './types.js';

export interface PlaceParser {
  readonly gazetteer: Gazetteer;
  parse(text: unknown, address?: unknown): PlaceResult;
  /** The raw mentions, for explanations and tests. */
  mentions(text: unknown, address?: unknown): Mention[];
}

export function createPlaceParser(areas: readonly PlaceArea[]): PlaceParser {
  const gazetteer = buildGazetteer(areas);
  const mentions = (text: unknown, address?: unknown): Mention[] => [
    ...scanMentions(gazetteer, normalise(address), 'address'),
    ...scanMentions(gazetteer, normalise(text), 'text'),
  ];
  return {
    gazetteer,
    mentions,
    parse: (text, address) => resolvePlace(gazetteer, mentions(text, address)),
  };
}

/**
 * One parser per areas map of the reference cache. The cache reloads its
 * maps every few seconds; a fingerprint of the rows avoids rebuilding the
 * gazetteer when nothing changed.
 */
let cached: { fingerprint: string; parser: PlaceParser } | null = null;
const byMap = new WeakMap<ReadonlyMap<string, AreaRow>, PlaceParser>();

function fingerprint(areas: ReadonlyMap<string, AreaRow>): string {
  let h = 0;
  for (const a of areas.values()) {
    const s = `${a.code}|${a.name}|${a.short_name}|${a.aliases.join(',')};`;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  }
  return `${areas.size}:${h}`;
}

export function placeParserFor(areas: ReadonlyMap<string, AreaRow>): PlaceParser {
  const hit = byMap.get(areas);
  if (hit) return hit;
  const fp = fingerprint(areas);
  if (!cached || cached.fingerprint !== fp)
    cached = { fingerprint: fp, parser: createPlaceParser([...areas.values()]) };
  byMap.set(areas, cached.parser);
  return cached.parser;
}
