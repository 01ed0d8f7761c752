/**
 * Words for Chinese full-text search 全文检索. PostgreSQL cannot cut Chinese
 * into words, so the application does (jieba with the Huairou dictionary)
 * and hands PostgreSQL a finished `tsvector` / `tsquery` literal: no text
 * search parser or configuration is involved, so PostgreSQL and PGlite
 * index and match exactly the same lexemes.
 *
 * A document's vector holds
 * - its words, cut in "search mode": each word at its position, and the
 *   shorter dictionary words inside it at the same position (雁栖镇 → 雁栖镇,
 *   雁栖), so a query for 雁栖 finds 雁栖镇;
 * - every pair of adjacent Chinese characters (bigram) at character
 *   positions in a range of their own (from 8001), so that any Chinese
 *   substring is a phrase of bigrams. Segmentation is a guess (jieba cuts
 *   路灯不亮 as 路/灯不亮); bigrams make "路灯 不亮" find it anyway, and
 *   make a fragment like 费太高 an indexed phrase instead of a table scan.
 * Queries are cut in precise mode; each part typed without spaces matches
 * as all of its words, or as the exact substring.
 */
import { huairouSegmenter } from './dictionary.js';
import { normalise } from './normalise.js';

const HAN = /^\p{Script=Han}+$/u;

/**
 * Function words a query may drop: particles, pronouns, the frame of a
 * complaint ("请问…", "我想反映…"). Documents keep them (phrases need them).
 */
const STOPWORDS = new Set(
  (
    '的 了 是 在 我 我们 你 你们 他 她 它 他们 和 与 及 或 也 都 就 还 又 把 被 给 对 向 从 到 为 以 之 其 ' +
    '这 那 这个 那个 这里 那里 这边 那边 有 没 没有 不 很 太 吗 呢 吧 啊 呀 哦 嗯 么 个 些 一 一下 ' +
    '请 请问 您 你好 您好 想 要 能 会 可以 问 问一下 反映 现在 已经 什么 怎么 如何 为什么 谢谢'
  ).split(' '),
);

/** PostgreSQL's limits: positions run to 16383, and a lexeme keeps at most 256 of them. */
const MAX_POSITION = 16_383;
/** Words take positions up to here, bigrams the positions after it, so the two never line up by accident. */
const WORD_POSITIONS = 8_000;
const HAN_RUN = /\p{Script=Han}{2,}/gu;
const MAX_POSITIONS_PER_WORD = 255;

/** Sub-words already checked against the dictionary; bounded so that hostile input cannot grow it. */
const subWordCache = new Map<string, boolean>();
const SUB_WORD_CACHE_LIMIT = 50_000;

/** Is `s` one dictionary word (jieba keeps it whole)? */
function isWord(s: string): boolean {
  let known = subWordCache.get(s);
  if (known === undefined) {
    known = huairouSegmenter().cut(s).length === 1;
    if (subWordCache.size >= SUB_WORD_CACHE_LIMIT) subWordCache.clear();
    subWordCache.set(s, known);
  }
  return known;
}

/** jieba's cut_for_search: the 2- and 3-character dictionary words inside a longer word. */
function subWords(word: string): string[] {
  if (word.length < 3 || !HAN.test(word)) return [];
  const out: string[] = [];
  for (const n of [2, 3]) {
    if (word.length <= n) continue;
    for (let i = 0; i + n <= word.length; i++) {
      const g = word.slice(i, i + n);
      if (isWord(g)) out.push(g);
    }
  }
  return out;
}

/** A lexeme in a tsvector/tsquery literal. Normalised words hold only letters and digits; quote anyway. */
function lexeme(w: string): string {
  if (w.indexOf('\\') < 0 && w.indexOf("'") < 0) return `'${w}'`;
  return `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The words and bigrams of a text with their positions (sub-words share their word's position). */
export function documentWords(text: string): Map<string, number[]> {
  const words = new Map<string, number[]>();
  // Positions only grow (words, then bigrams after WORD_POSITIONS): each list comes out sorted,
  // and a repeat can only be its last entry.
  const add = (w: string, pos: number) => {
    const list = words.get(w);
    if (!list) words.set(w, [pos]);
    else if (list.length < MAX_POSITIONS_PER_WORD && list[list.length - 1] !== pos) list.push(pos);
  };
  const flat = normalise(text);
  let pos = 0;
  for (const w of huairouSegmenter().cut(flat)) {
    pos = Math.min(WORD_POSITIONS, pos + 1);
    add(w, pos);
    for (const s of subWords(w)) add(s, pos);
  }
  // Bigrams of each run of Chinese characters; a gap between runs keeps them from forming phrases.
  let at = WORD_POSITIONS;
  for (const run of flat.match(HAN_RUN) ?? []) {
    for (let i = 0; i + 2 <= run.length && at < MAX_POSITION; i++) add(run.slice(i, i + 2), ++at);
    at += 1;
  }
  return words;
}

/** A tsvector literal of the text, for `${literal}::tsvector`. */
export function documentVector(text: string): string {
  const parts: string[] = [];
  for (const [w, positions] of documentWords(text)) parts.push(`${lexeme(w)}:${positions.join(',')}`);
  return parts.join(' ');
}

/** Words of a query for ranking and OR-search: precise cut, function words dropped, no duplicates. */
export function queryTerms(q: string): string[] {
  const out = new Set<string>();
  for (const w of huairouSegmenter().cut(normalise(q))) if (!STOPWORDS.has(w)) out.add(w);
  return [...out];
}

/** The bigram phrase of a Chinese string: 物业费 → '物业' <-> '业费'; two characters are one lexeme. */
function bigramPhrase(han: string): string {
  const grams: string[] = [];
  for (let i = 0; i + 2 <= han.length; i++) grams.push(lexeme(han.slice(i, i + 2)));
  return grams.join(' <-> ');
}

/**
 * A query as a tsquery literal: every part (what the user separated by
 * spaces) required. A part matches as all of its words (雁栖噪音 → 雁栖 &
 * 噪音, anywhere) or, when it is Chinese, as the exact substring (its bigram
 * phrase). Null when the query holds nothing to match (only symbols, emoji).
 */
export function searchQuery(q: string): string | null {
  const parts: string[] = [];
  for (const part of normalise(q).split(' ')) {
    if (!part) continue;
    const cut = huairouSegmenter().cut(part);
    const kept = cut.filter((w) => !STOPWORDS.has(w));
    const words = [...new Set((kept.length ? kept : cut).map(lexeme))];
    const alternatives = words.length ? [words.join(' & ')] : [];
    if (HAN.test(part) && part.length >= 2) {
      const phrase = bigramPhrase(part);
      if (!alternatives.includes(phrase)) alternatives.push(phrase);
    }
    if (alternatives.length) parts.push(`( ${alternatives.map((a) => `( ${a} )`).join(' | ')} )`);
  }
  return parts.length ? [...new Set(parts)].join(' & ') : null;
}

/** What a ticket stores for search: the raw text for substrings, the words for the word index. */
export interface IndexedText {
  searchText: string;
  /** tsvector literal */
  searchVector: string;
}

const searchTextOf = (title: string, description: string) => `${title} ${description}`;

export function indexText(title: string, description: string): IndexedText {
  const searchText = searchTextOf(title, description);
  return { searchText, searchVector: documentVector(searchText) };
}

/** indexText's word index as words and positions, for a tsvector sent in binary (import by COPY) */
export function indexWords(title: string, description: string): Map<string, number[]> {
  return documentWords(searchTextOf(title, description));
}
