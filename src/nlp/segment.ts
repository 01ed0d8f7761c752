/**
 * The shared jieba word segmenter (precise mode, no HMM).
 *
 * Loading jieba's default dictionary costs about 0.3 s and some tens of MB, so
 * there is one default instance, created on first use, and one instance per
 * distinct user-word list. User words (place names, unit names) are appended
 * with `loadDict`, which costs microseconds per word.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export interface Segmenter {
  /** Words of `text` in order; whitespace-only pieces are dropped. */
  cut(text: string): string[];
}

/**
 * Frequency given to a user word that does not state one. jieba ignores a
 * word of frequency 0; a few thousand is what a common word in the default
 * dictionary has, enough to keep a place name like 雁栖镇 in one piece
 * without gluing it to its neighbours.
 */
export const DEFAULT_USER_WORD_FREQ = 3000;

/** HMM guesses at unknown words; off, so that segmentation depends on the dictionary alone. */
const HMM = false;

class JiebaSegmenter implements Segmenter {
  constructor(private readonly jieba: Jieba) {}

  cut(text: string): string[] {
    if (!text) return [];
    const out: string[] = [];
    for (const w of this.jieba.cut(text, HMM)) {
      if (w.trim()) out.push(w);
    }
    return out;
  }
}

let defaultInstance: Segmenter | undefined;
const withUserWords = new Map<string, Segmenter>();

/** The process-wide segmenter with jieba's default dictionary only. */
export function defaultSegmenter(): Segmenter {
  defaultInstance ??= new JiebaSegmenter(Jieba.withDict(dict));
  return defaultInstance;
}

/**
 * Turns user-word entries into jieba dictionary lines. An entry is `word`,
 * `word freq` or `word freq tag`; blank entries and entries with whitespace
 * inside the word are skipped rather than corrupting the dictionary.
 */
export function userDictLines(userWords: readonly string[]): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const entry of userWords) {
    const parts = entry.trim().split(/\s+/);
    const [word, freq, tag] = parts;
    if (!word || parts.length > 3 || seen.has(word)) continue;
    if (freq !== undefined && !/^\d+$/.test(freq)) continue;
    seen.add(word);
    const f = freq ?? String(DEFAULT_USER_WORD_FREQ);
    lines.push(tag ? `${word} ${f} ${tag}` : `${word} ${f}`);
  }
  return lines;
}

/**
 * A segmenter that knows `userWords` besides the default dictionary. With no
 * user words this is the default segmenter; the same list (in any order)
 * gives the same instance, so callers need not cache it themselves. User
 * words never leak into the default segmenter: a classifier trained with the
 * default segmentation keeps seeing the default segmentation.
 */
export function createSegmenter(userWords: readonly string[] = []): Segmenter {
  const lines = userDictLines(userWords);
  if (lines.length === 0) return defaultSegmenter();
  const key = [...lines].sort().join('\n');
  const cached = withUserWords.get(key);
  if (cached) return cached;
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(lines.join('\n'), 'utf8'));
  const seg = new JiebaSegmenter(jieba);
  withUserWords.set(key, seg);
  return seg;
}
