/**
 * Finding place mentions in a normalised text: greedy longest match over the
 * gazetteer trie, left to right, so 雁栖湖 is read as the lake and not as 雁栖
 * followed by 湖, and 北房镇北房村 as the town then the village.
 */
import type { Gazetteer, TrieNode } from './gazetteer.js';
import type { Mention } from './types.js';

/** Words before a place that make it the caller's home or workplace: 家住, 我住在, 我是, 在…上班. */
const RESIDENCE_BEFORE = /(家住|住在|我住|家在|我是|户籍|老家|工作在|我在)$/;
/** Words after it: …的居民, …的村民, …上班, …工作. */
const RESIDENCE_AFTER = /^(的居民|居民|的村民|的住户|的人|人|上班|工作)/;

function residenceCue(text: string, start: number, end: number): boolean {
  return (
    RESIDENCE_BEFORE.test(text.slice(Math.max(0, start - 4), start)) ||
    RESIDENCE_AFTER.test(text.slice(end, end + 4))
  );
}

const LATIN = /[a-z0-9]/;

/** A form that starts or ends in a Latin letter must not be part of a longer Latin word. */
function wholeLatinWord(text: string, start: number, end: number): boolean {
  if (LATIN.test(text[start]!) && start > 0 && LATIN.test(text[start - 1]!)) return false;
  if (LATIN.test(text[end - 1]!) && end < text.length && LATIN.test(text[end]!)) return false;
  return true;
}

/** Longest form of `trie` starting at `start`: its end and readings, or null. */
function longestAt(trie: TrieNode, text: string, start: number): { end: number; node: TrieNode } | null {
  let n: TrieNode | undefined = trie;
  let best: { end: number; node: TrieNode } | null = null;
  for (let i = start; i < text.length; i++) {
    n = n.next.get(text[i]!);
    if (!n) break;
    if (n.readings) best = { end: i + 1, node: n };
  }
  return best;
}

export function scanMentions(g: Gazetteer, text: string, source: Mention['source']): Mention[] {
  const out: Mention[] = [];
  let i = 0;
  while (i < text.length) {
    const hit = longestAt(g.root, text, i);
    if (!hit?.node.readings || !wholeLatinWord(text, i, hit.end)) {
      i++;
      continue;
    }
    out.push({
      form: text.slice(i, hit.end),
      start: i,
      end: hit.end,
      source,
      readings: hit.node.readings,
      residence: residenceCue(text, i, hit.end),
    });
    i = hit.end;
  }
  addTownVillagePairs(g, text, source, out);
  return out;
}

/**
 * "X镇Y" with Y a village or community of X: the strongest evidence there is,
 * and the only way to read a two-character village name (雁栖镇大地,
 * 长哨营乡北湾). The pair replaces whatever the greedy scan made of Y.
 */
function addTownVillagePairs(g: Gazetteer, text: string, source: Mention['source'], out: Mention[]): void {
  const added: Mention[] = [];
  for (const m of out) {
    const towns = m.readings.filter((r) => r.kind === 'township').map((r) => r.code);
    for (const town of towns) {
      const stems = g.localStems.get(town);
      if (!stems) continue;
      let from = m.end;
      let hit = longestAt(stems, text, from);
      // 汤河口的新地: one 的 may stand between the town and its village.
      if (!hit && text[m.end] === '的') {
        from = m.end + 1;
        hit = longestAt(stems, text, from);
      }
      if (!hit?.node.readings) continue;
      // A following village suffix (村, 村委会, 社区) belongs to the pair too.
      const tail = /^(村民委员会|村委会|村委|村|社区居委会|社区|居委会|小区)/.exec(
        text.slice(hit.end, hit.end + 6),
      );
      const end = hit.end + (tail?.[0].length ?? 0);
      // A longer place read there already (渤海镇慕田峪长城: the Great Wall, not the village) stands,
      // and so does a road or landmark of the same length (龙山街道的东大街: the street, not 东大街村).
      const other = (o: Mention) => o.readings.some((r) => r.kind !== 'village' && r.kind !== 'community');
      if (out.some((o) => o.start === from && (o.end > end || (o.end === end && other(o))))) continue;
      added.push({
        form: text.slice(from, end),
        start: from,
        end,
        source,
        readings: hit.node.readings.map((r) => ({ ...r, strength: 0.97 })),
        residence: residenceCue(text, from, end),
      });
    }
  }
  if (added.length === 0) return;
  const kept = out.filter((m) => !added.some((a) => m.start < a.end && a.start < m.end));
  out.length = 0;
  out.push(...kept, ...added);
  out.sort((a, b) => a.start - b.start);
}
