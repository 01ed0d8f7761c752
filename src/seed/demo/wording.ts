/**
 * Picks what a caller said and what the unit replied so that they belong
 * together: the demo texts list titles, bodies and replies of a category
 * independently, so a title and a reply are matched to the body by the
 * character pairs they share (weighted by rarity within the category), and
 * the request type follows the body (a question is an inquiry 咨询, a
 * proposal a suggestion 建议).
 */
import type { RequestType } from '../../domain/vocabulary.js';
import type { Random } from './random.js';
import { WeightedTable } from './random.js';

export interface LeafWording {
  titles: readonly string[];
  bodies: readonly string[];
  replies: readonly string[];
  unresolvedReplies: readonly string[];
}

type BodyKind = 'inquiry' | 'suggestion' | 'praise' | 'report' | 'plain';

interface Body {
  text: string;
  kind: BodyKind;
  /** indexes of the best-matching titles, replies and unresolved replies */
  titles: number[];
  replies: number[];
  unresolved: number[];
}

export interface Wording {
  type: RequestType;
  title: string;
  body: string;
  reply: (resolved: boolean) => string;
}

const SPECIFIC: Readonly<Record<Exclude<BodyKind, 'plain'>, RegExp>> = {
  praise: /表扬|感谢|锦旗|点赞/,
  report: /举报/,
  suggestion: /建议|能否增设|希望增加/,
  inquiry: /想问|想咨询|咨询一下|请问|问一下|问问|[吗么呢][？?]|怎么(办|申请|交|查|预约|领)|[？?]$/,
};
const KIND_OF_TYPE: Readonly<Record<RequestType, BodyKind>> = {
  inquiry: 'inquiry',
  suggestion: 'suggestion',
  praise: 'praise',
  report: 'report',
  complaint: 'plain',
  help: 'plain',
  other: 'plain',
};

function kindOf(text: string): BodyKind {
  for (const kind of ['praise', 'report', 'suggestion', 'inquiry'] as const) {
    if (SPECIFIC[kind].test(text)) return kind;
  }
  return 'plain';
}

/** Character pairs of the words only: placeholders and punctuation removed. */
function pairs(text: string): Set<string> {
  const clean = text
    .replace(/\{[a-z]+\}/g, ' ')
    .replace(/[\s，。！？、：；“”‘’（）,.!?:;()0-9A-Za-z]+/g, ' ');
  const out = new Set<string>();
  for (const part of clean.split(' ')) {
    const chars = [...part];
    for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

/** Indexes of the candidates sharing the most (rarity-weighted) pairs with the body; all when none share any. */
function bestMatches(
  body: Set<string>,
  candidates: readonly Set<string>[],
  weight: (p: string) => number,
): number[] {
  const scores = candidates.map((c) => {
    let s = 0;
    for (const p of c) if (body.has(p)) s += weight(p);
    return s;
  });
  const best = Math.max(0, ...scores);
  if (best === 0) return candidates.map((_, i) => i);
  return scores.flatMap((s, i) => (s >= best * 0.8 ? [i] : []));
}

export class LeafTexts {
  private readonly bodies: Body[];

  /** the category's mix restricted to the types a plain account of a problem can have */
  private readonly plainTypes: WeightedTable<RequestType>;

  constructor(
    private readonly w: LeafWording,
    private readonly types: WeightedTable<RequestType>,
    weights: Partial<Record<RequestType, number>>,
  ) {
    const plain = (['complaint', 'help', 'other'] as const).map((k) => [k, weights[k] ?? 0] as const);
    this.plainTypes = new WeightedTable(plain.some(([, v]) => v > 0) ? plain : [['complaint', 1] as const]);
    const titlePairs = w.titles.map(pairs);
    const replyPairs = w.replies.map(pairs);
    const unresolvedPairs = w.unresolvedReplies.map(pairs);
    const bodyPairs = w.bodies.map(pairs);
    const df = new Map<string, number>();
    for (const set of [...titlePairs, ...replyPairs, ...unresolvedPairs, ...bodyPairs]) {
      for (const p of set) df.set(p, (df.get(p) ?? 0) + 1);
    }
    const n = titlePairs.length + replyPairs.length + unresolvedPairs.length + bodyPairs.length;
    const weight = (p: string) => Math.log((n + 1) / (df.get(p) ?? 1));
    const titleKinds = w.titles.map(kindOf);
    this.bodies = w.bodies.map((text, i) => {
      const set = bodyPairs[i] as Set<string>;
      const kind = kindOf(text);
      // A question gets a question's title where the category has one: same kind first, then shared words.
      const sameKind = titleKinds.flatMap((k, j) => (k === kind ? [j] : []));
      const pool = sameKind.length > 0 ? sameKind : titleKinds.map((_, j) => j);
      const titles = bestMatches(
        set,
        pool.map((j) => titlePairs[j] as Set<string>),
        weight,
      ).map((k) => pool[k] as number);
      return {
        text,
        kind,
        titles,
        replies: bestMatches(set, replyPairs, weight),
        unresolved: bestMatches(set, unresolvedPairs, weight),
      };
    });
  }

  /** A request: its type from the category's mix where a body of that kind exists, else the body's own kind. */
  draw(r: Random, forced?: RequestType): Wording {
    let type = forced ?? this.types.pick(r);
    let candidates = this.bodies.filter((b) => b.kind === KIND_OF_TYPE[type]);
    if (candidates.length === 0) {
      candidates = this.bodies.filter((b) => b.kind === 'plain');
      if (candidates.length === 0) candidates = this.bodies;
    }
    const body = r.pick(candidates);
    if (body.kind !== 'plain' && !forced) type = body.kind;
    else if (body.kind === 'plain' && KIND_OF_TYPE[type] !== 'plain' && !forced)
      type = this.plainTypes.pick(r);
    const title = this.w.titles[r.pick(body.titles)] ?? body.text.slice(0, 20);
    return {
      type,
      title,
      body: body.text,
      reply: (resolved) => {
        const list =
          resolved || this.w.unresolvedReplies.length === 0 ? this.w.replies : this.w.unresolvedReplies;
        const best = resolved || this.w.unresolvedReplies.length === 0 ? body.replies : body.unresolved;
        return list[r.pick(best)] ?? r.pick(list);
      },
    };
  }
}

export function typeTable(
  weights: Partial<Record<RequestType, number>>,
  all: readonly RequestType[],
): WeightedTable<RequestType> {
  return new WeightedTable(all.map((k) => [k, weights[k] ?? 0] as const));
}
