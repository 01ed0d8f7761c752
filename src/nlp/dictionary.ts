/**
 * The Huairou user dictionary 用户词典 for jieba: every town, village,
 * community and unit name (with and without its suffix), the landmark and
 * road names, category names and the maintained local terms.
 *
 * Built once from the project's reference files, not from the database: the
 * search index stores words cut with this dictionary, so it must not change
 * under a running server when an admin edits an alias (words indexed
 * yesterday must still be the words queried today). A new dictionary means
 * `jiesu reindex`.
 */
import { CATEGORY_SEEDS } from '../seed/reference/categories.js';
import { LANDMARKS, LOCAL_TERMS } from '../seed/reference/places.js';
import { UNIT_SEEDS } from '../seed/reference/units.js';
import { localStem, townshipStem } from './places/forms.js';
import { OLD_NAMES } from './places/old-names.js';
import { seedAreas } from './places/seed-areas.js';
import { createSegmenter, type Segmenter } from './segment.js';

/** Only Han words of two or more characters: jieba cuts Latin and digits on its own. */
const HAN_WORD = /^\p{Script=Han}{2,12}$/u;

/**
 * Place names get a higher frequency than jieba's default user word so that
 * 八道河村 beats 八道/河村 and a town's stem (雁栖) stays one word.
 */
const PLACE_FREQ = 20_000;

let words: string[] | null = null;

export function huairouUserWords(): string[] {
  if (words) return words;
  const places = new Set<string>();
  const terms = new Set<string>();
  for (const a of seedAreas()) {
    places.add(a.name);
    places.add(a.short_name);
    for (const alias of a.aliases) places.add(alias);
    const stem = a.code.length === 9 ? townshipStem(a) : localStem(a);
    if (stem) {
      places.add(stem);
      if (a.level === 'village' && !stem.endsWith('村')) places.add(`${stem}村`);
      if (a.level === 'community') places.add(`${stem}社区`);
    }
  }
  for (const l of LANDMARKS) for (const n of [l.name, ...(l.aliases ?? [])]) places.add(n);
  for (const o of OLD_NAMES) places.add(o.form);
  for (const u of UNIT_SEEDS) {
    terms.add(u.name);
    terms.add(u.shortName);
  }
  for (const t of LOCAL_TERMS) terms.add(t);
  // Category names only: their keyword lists hold phrases (灯坏了, 暖气停了) that would glue
  // words together (路/灯坏了) if jieba took them as words.
  for (const top of CATEGORY_SEEDS) {
    terms.add(top.name);
    for (const leaf of top.children) terms.add(leaf.name);
  }
  const out: string[] = [];
  for (const w of places) if (HAN_WORD.test(w)) out.push(`${w} ${PLACE_FREQ}`);
  for (const w of terms) if (HAN_WORD.test(w) && !places.has(w)) out.push(w);
  words = out;
  return words;
}

/** The segmenter that knows Huairou: shared by the search index, similar tickets and the knowledge base. */
let segmenter: Segmenter | null = null;

export function huairouSegmenter(): Segmenter {
  // Memoised here: createSegmenter keys its cache by the sorted word list, which costs a sort per call.
  segmenter ??= createSegmenter(huairouUserWords());
  return segmenter;
}
