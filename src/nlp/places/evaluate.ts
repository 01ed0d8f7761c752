/**
 * Scoring the place parser against a labelled set (test/fixtures/
 * place-requests.jsonl): accuracy at township level over every request, at
 * village level over the requests whose gold place is a village or
 * community, on the requests that name no place, and on the ambiguous ones.
 */
import { readFileSync } from 'node:fs';
import type { PlaceParser } from './parser.js';
import type { PlaceResult } from './types.js';

export interface PlaceExample {
  id: number;
  text: string;
  address?: string;
  /** the most specific gold place, or null */
  code: string | null;
  township: string | null;
  /** for a name left ambiguous: the places it could be */
  candidates?: string[];
  tag: string;
}

export interface PlaceAccuracy {
  n: number;
  /** predicted township (or none) equals the gold township (or none), over all requests */
  township: number;
  /** exact code over requests whose gold is a village or community */
  village: number;
  villageN: number;
  /** no township predicted, over requests naming no township-level place */
  none: number;
  noneN: number;
  /** left open with every gold candidate listed, over the ambiguous requests */
  ambiguous: number;
  ambiguousN: number;
  /** exact code (or both null) over all requests */
  exact: number;
  byTag: Record<string, { n: number; township: number }>;
  misses: { id: number; tag: string; text: string; gold: string | null; got: string | null }[];
}

export function readPlaceExamples(path: string): PlaceExample[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as PlaceExample);
}

function townshipOf(r: PlaceResult): string | null {
  return r.code && r.code.length >= 9 ? r.code.slice(0, 9) : null;
}

export function evaluatePlaces(parser: PlaceParser, examples: readonly PlaceExample[]): PlaceAccuracy {
  let township = 0;
  let village = 0;
  let villageN = 0;
  let none = 0;
  let noneN = 0;
  let ambiguous = 0;
  let ambiguousN = 0;
  let exact = 0;
  const byTag: PlaceAccuracy['byTag'] = {};
  const misses: PlaceAccuracy['misses'] = [];
  for (const ex of examples) {
    const r = parser.parse(ex.text, ex.address);
    const t = townshipOf(r);
    const tOk = t === ex.township;
    if (tOk) township++;
    byTag[ex.tag] ??= { n: 0, township: 0 };
    const cell = byTag[ex.tag]!;
    cell.n++;
    if (tOk) cell.township++;
    if (ex.code && ex.code.length === 12) {
      villageN++;
      if (r.code === ex.code) village++;
    }
    if (ex.township === null && !ex.candidates) {
      noneN++;
      if (t === null) none++;
    }
    if (ex.candidates) {
      ambiguousN++;
      const listed = new Set(r.candidates.map((c) => c.code));
      if (r.code === null && ex.candidates.every((c) => listed.has(c))) ambiguous++;
    }
    const codeOk = r.code === ex.code || (r.code === null && ex.code === null);
    if (codeOk) exact++;
    if (!tOk || !codeOk) misses.push({ id: ex.id, tag: ex.tag, text: ex.text, gold: ex.code, got: r.code });
  }
  const n = examples.length;
  return {
    n,
    township: township / n,
    village: villageN ? village / villageN : 1,
    villageN,
    none: noneN ? none / noneN : 1,
    noneN,
    ambiguous: ambiguousN ? ambiguous / ambiguousN : 1,
    ambiguousN,
    exact: exact / n,
    byTag,
    misses,
  };
}
