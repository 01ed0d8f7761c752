/**
 * 每月一题 Hot-topic candidates: tickets of one place and matter whose texts
 * say nearly the same thing. Texts are compared as sets of character bigrams
 * (Chinese has no spaces; bigrams need no dictionary and behave the same on
 * both databases), by Jaccard similarity. Clustering is greedy around
 * leaders, in ticket order, so the same input always gives the same topics.
 * Pure.
 */

export interface TopicText {
  id: number;
  text: string;
}

export interface TextCluster {
  /** the member most like the others, whose text names the topic */
  representative: number;
  members: number[];
  /** bigrams shared by at least half the members: what a later ticket must resemble to join */
  signature: Set<string>;
}

export const DEFAULT_SIMILARITY = 0.3;
/** Only the head of a text: long descriptions drift into details that hide the common matter. */
const HEAD_CHARS = 120;
/** Above this many members the representative is the leader, not a full medoid search. */
const MEDOID_LIMIT = 80;

export function bigrams(text: string): Set<string> {
  // Letters and digits of any script; punctuation and spaces only separate.
  const chars = [...text.normalize('NFKC').toLowerCase().slice(0, HEAD_CHARS)].filter((c) =>
    /[\p{L}\p{N}]/u.test(c),
  );
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  if (out.size === 0 && chars.length === 1) out.add(chars[0] as string);
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Working {
  leader: Set<string>;
  members: { id: number; grams: Set<string> }[];
}

/** Clusters of at least `minSize` similar texts, largest first. */
export function clusterTexts(
  items: readonly TopicText[],
  options: { threshold?: number; minSize?: number } = {},
): TextCluster[] {
  const threshold = options.threshold ?? DEFAULT_SIMILARITY;
  const minSize = Math.max(1, options.minSize ?? 3);
  const clusters: Working[] = [];
  for (const item of [...items].sort((a, b) => a.id - b.id)) {
    const grams = bigrams(item.text);
    let best: Working | null = null;
    let bestScore = threshold;
    for (const c of clusters) {
      const score = jaccard(grams, c.leader);
      if (score >= bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best) best.members.push({ id: item.id, grams });
    else clusters.push({ leader: grams, members: [{ id: item.id, grams }] });
  }
  return clusters
    .filter((c) => c.members.length >= minSize)
    .map(finish)
    .sort((a, b) => b.members.length - a.members.length || a.representative - b.representative);
}

function finish(c: Working): TextCluster {
  const counts = new Map<string, number>();
  for (const m of c.members) for (const g of m.grams) counts.set(g, (counts.get(g) ?? 0) + 1);
  const half = c.members.length / 2;
  const signature = new Set([...counts].filter(([, n]) => n >= half).map(([g]) => g));
  let representative = c.members[0]?.id ?? 0;
  if (c.members.length <= MEDOID_LIMIT) {
    let best = -1;
    for (const m of c.members) {
      let total = 0;
      for (const other of c.members) if (other !== m) total += jaccard(m.grams, other.grams);
      if (total > best) {
        best = total;
        representative = m.id;
      }
    }
  }
  return {
    representative,
    members: c.members.map((m) => m.id),
    signature: signature.size > 0 ? signature : c.leader,
  };
}

/** How many of `items` resemble a cluster (its signature): the topic's size in another period. */
export function countResembling(
  cluster: Pick<TextCluster, 'signature'>,
  items: readonly TopicText[],
  threshold = DEFAULT_SIMILARITY,
): number {
  let n = 0;
  for (const item of items) {
    const grams = bigrams(item.text);
    // Containment of the signature rather than Jaccard: the signature is shorter than any text.
    let shared = 0;
    for (const g of cluster.signature) if (grams.has(g)) shared++;
    if (cluster.signature.size > 0 && shared / cluster.signature.size >= Math.max(threshold, 0.5)) n++;
  }
  return n;
}

export interface RankedTopic {
  size: number;
  previous: number;
}

/** Growth 环比: the change in count, and the ratio when there was something before. */
export function growthOf(t: RankedTopic): { change: number; ratio: number | null } {
  return {
    change: t.size - t.previous,
    ratio: t.previous > 0 ? Math.round((t.size / t.previous - 1) * 100) / 100 : null,
  };
}

/** Largest first; among equals, the fastest growing. */
export function compareTopics(a: RankedTopic, b: RankedTopic): number {
  return b.size - a.size || b.size - b.previous - (a.size - a.previous);
}
