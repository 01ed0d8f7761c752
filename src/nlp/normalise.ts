/**
 * Text normalisation for smart intake: one canonical form for everything the
 * NLP code sees, so that the same complaint typed in traditional characters,
 * with full-width letters, pasted from Excel or already word-segmented ends up
 * as (nearly) the same string.
 *
 * The output keeps only letters and digits (CJK included), lower-cased,
 * simplified, with single spaces where anything else was. It never throws.
 *
 * Classification must run at 20,000+ texts a second, so the hot path is
 * table-driven: one scan over 64 K-entry tables decides whether NFKC and
 * OpenCC are needed at all (rarely), and a second scan lower-cases and
 * filters. Regexes with Unicode properties cost ten times as much.
 */
import OpenCC from 'opencc-js/t2cn';

/**
 * Input beyond this many UTF-16 units is ignored. A ticket's category is
 * decided long before that (corpus bodies run to about 3,700 characters), and
 * the cap bounds the cost of a hostile 100,000-character request.
 */
export const MAX_INPUT_CHARS = 12_000;

/** Excel's escaped control characters (`_x000D_` for CR) left in exported text. */
const EXCEL_ESCAPE = /_x[0-9a-fA-F]{4}_/g;
/** URLs carry no category signal and would otherwise spray n-grams. */
const URL = /\b(?:https?|ftp):\/\/\S*|\bwww\.\S+/gi;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Flags per BMP code unit. */
const NEEDS_NFKC = 1;
const NEEDS_T2S = 2;
/** In `lowerTable`: drop the unit (0) or look at the surrogate pair (1); other values are the output unit. */
const DROP = 0;
const HIGH_SURROGATE = 1;

interface Tables {
  flags: Uint8Array;
  lower: Uint16Array;
  convert: (text: string) => string;
}

let tables: Tables | undefined;

/**
 * Built on first use, about 0.15 s (`warmUp` does it ahead of time). OpenCC's
 * phrase-level converter is exact but costs ~50 µs on a 400-character text;
 * nearly all input is already simplified, so we record which characters it
 * would change and only run it when one occurs.
 */
function getTables(): Tables {
  if (tables) return tables;
  // 't' is OpenCC's standard traditional: TSPhrases + TSCharacters, with no
  // regional variant tables (the Taiwan table would turn 么 into 幺).
  const convert = OpenCC.Converter({ from: 't', to: 'cn' });
  const flags = new Uint8Array(0x10000);
  const lower = new Uint16Array(0x10000);
  const cjk: number[] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff) lower[c] = HIGH_SURROGATE;
      // Astral characters may decompose; let NFKC look at them.
      flags[c] = NEEDS_NFKC;
      continue;
    }
    const ch = String.fromCharCode(c);
    // Combining marks are "stable" alone but compose with their neighbours.
    if (ch.normalize('NFKC') !== ch || /\p{M}/u.test(ch)) flags[c] = NEEDS_NFKC;
    if (LETTER_OR_DIGIT.test(ch)) {
      const l = ch.toLowerCase();
      lower[c] = l.length === 1 && l.charCodeAt(0) > HIGH_SURROGATE ? l.charCodeAt(0) : c;
    }
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) cjk.push(c);
  }
  // One call with a separator that no phrase contains, instead of 28,000 calls.
  const converted = convert(cjk.map((c) => String.fromCharCode(c)).join('\n')).split('\n');
  cjk.forEach((c, i) => {
    if (converted[i] !== String.fromCharCode(c)) flags[c]! |= NEEDS_T2S;
  });
  tables = { flags, lower, convert };
  return tables;
}

/** Builds the lookup tables now rather than on the first text (call at start-up). */
export function warmUp(): void {
  getTables();
}

function scanFlags(s: string, flags: Uint8Array): number {
  let f = 0;
  for (let i = 0; i < s.length; i++) f |= flags[s.charCodeAt(i)]!;
  return f;
}

/** Traditional → simplified Chinese; a no-op (and cheap) on simplified text. */
export function toSimplified(text: string): string {
  const { flags, convert } = getTables();
  return scanFlags(text, flags) & NEEDS_T2S ? convert(text) : text;
}

/**
 * Everything but the final filtering: cap, Excel escapes and URLs dropped,
 * NFKC (full-width → half-width, compatibility ideographs → unified) and
 * traditional → simplified, each only when the text needs it.
 */
function prepare(text: unknown, t: Tables): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  let s = text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
  if (s.includes('_x')) s = s.replace(EXCEL_ESCAPE, ' ');
  let f = scanFlags(s, t.flags);
  if (f & NEEDS_NFKC) {
    s = s.normalize('NFKC');
    // NFKC can turn a compatibility ideograph into a traditional character.
    f = scanFlags(s, t.flags);
  }
  // After NFKC, so that full-width `ｈｔｔｐ：／／` is caught too.
  if (s.includes('://') || s.includes('www.')) s = s.replace(URL, ' ');
  return f & NEEDS_T2S ? t.convert(s) : s;
}

/**
 * Calls `emit` for each code unit of the normalised text, with `gap` set on
 * the first unit after something that was dropped.
 */
function filterUnits(s: string, lower: Uint16Array, emit: (unit: number, gap: boolean) => boolean): void {
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const out = lower[c]!;
    if (out > HIGH_SURROGATE) {
      if (!emit(out, gap)) return;
      gap = false;
    } else if (out === HIGH_SURROGATE && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      // Astral plane: CJK extensions are letters and stay, emoji go.
      if (lo >= 0xdc00 && lo <= 0xdfff && LETTER_OR_DIGIT.test(s.slice(i, i + 2))) {
        if (!emit(c, gap) || !emit(lo, false)) return;
        gap = false;
      } else gap = true;
      if (lo >= 0xdc00 && lo <= 0xdfff) i++;
    } else if (out === DROP) gap = true;
  }
}

/**
 * Writes the code units of the compact form of `text` (see `compact`) into
 * `out` and returns how many. This is the allocation-free path the
 * classifier uses; `out` should hold MAX_INPUT_CHARS units.
 */
export function compactCodes(text: unknown, out: Uint16Array): number {
  const t = getTables();
  const s = prepare(text, t);
  let n = 0;
  // Inlined rather than via filterUnits: this loop is the hot path.
  const lower = t.lower;
  for (let i = 0; i < s.length && n < out.length; i++) {
    const c = s.charCodeAt(i);
    const u = lower[c]!;
    if (u > HIGH_SURROGATE) out[n++] = u;
    else if (u === HIGH_SURROGATE && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        if (n + 1 < out.length && LETTER_OR_DIGIT.test(s.slice(i, i + 2))) {
          out[n++] = c;
          out[n++] = lo;
        }
        i++;
      }
    }
  }
  return n;
}

/**
 * Canonical form of a text: Excel escapes and URLs dropped, NFKC,
 * traditional → simplified, lower case, every run of non-letters/digits
 * (punctuation, emoji, symbols, whitespace) → one space, trimmed.
 * Non-string input gives ''.
 */
export function normalise(text: unknown): string {
  const t = getTables();
  const units: number[] = [];
  filterUnits(prepare(text, t), t.lower, (u, gap) => {
    if (gap && units.length > 0) units.push(0x20);
    units.push(u);
    return true;
  });
  let out = '';
  // In chunks: String.fromCharCode(...units) overflows the stack on long texts.
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.slice(i, i + 4096));
  return out;
}

/**
 * The normalised text with all spaces removed. Segmented and raw versions of
 * the same message then differ only by the words the segmenter's stopword
 * list removed, and character n-grams line up.
 */
export function compact(normalised: string): string {
  return normalised.replace(/ /g, '');
}

/** Title and body as one text, the way the segmented corpus merged them (title first). */
export function joinTitleBody(title: string | undefined, body: string | undefined): string {
  const t = (title ?? '').trim();
  const b = (body ?? '').trim();
  if (!t) return b;
  if (!b) return t;
  return `${t}\n${b}`;
}
