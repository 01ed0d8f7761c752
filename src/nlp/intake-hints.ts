/**
 * Hints an agent sees while typing: is this urgent (紧急), and what type of
 * request is it (咨询 / 求助 / 投诉 / 举报 / 建议 / 表扬). Keyword rules, not a
 * model: every hint names the words that triggered it, so the agent can
 * judge it at a glance, and a rule never silently drifts.
 *
 * Rules run on normalised text (simplified, lower case, punctuation gone),
 * so traditional characters and full-width letters match too.
 */
import type { RequestType, Urgency } from '../domain/vocabulary.js';
import { compact, normalise } from './normalise.js';

export interface UrgencyHint {
  urgency: Urgency;
  matched: string[];
}

export interface TypeHint {
  type: RequestType;
  matched: string[];
  /** share of the cue weight that went to the chosen type, 0..1 */
  confidence: number;
}

/**
 * Danger to life or property now: gas, fire, people trapped, collapse,
 * live wires, bursts and floods. Deliberately narrow — an urgent ticket
 * starts 30-minute clocks.
 */
const URGENT = [
  '燃气泄漏',
  '煤气泄漏',
  '天然气泄漏',
  '漏气',
  '煤气味',
  '燃气味',
  '天然气味',
  '起火',
  '着火',
  '失火',
  '火灾',
  '冒烟',
  '浓烟',
  '爆炸',
  '被困',
  '困在',
  '电梯困人',
  '困人',
  '塌陷',
  '坍塌',
  '塌方',
  '倒塌',
  '漏电',
  '触电',
  '电线掉',
  '电线断',
  '水管爆裂',
  '爆管',
  '管道爆裂',
  '洪水',
  '山洪',
  '泥石流',
  '溺水',
  '落水',
  '有人受伤',
  '昏迷',
  '中毒',
  '一氧化碳',
  '煤气中毒',
  '救命',
];

/** Words that turn an urgent word into a question about the past or a drill. */
const NOT_NOW = ['演练', '宣传', '知识', '怎么预防', '如何预防', '培训'];

/** Cue words per type with weights; the type with the most weight wins, 投诉 by default. */
const TYPE_CUES: Record<Exclude<RequestType, 'other'>, readonly [string, number][]> = {
  inquiry: [
    ['咨询', 3],
    ['请问', 3],
    ['想问', 3],
    ['问一下', 3],
    ['想了解', 2],
    ['怎么办理', 3],
    ['如何办理', 3],
    ['怎么申请', 3],
    ['如何申请', 3],
    ['需要什么材料', 3],
    ['在哪里办', 3],
    ['在哪办', 3],
    ['去哪里', 2],
    ['是否可以', 2],
    ['能不能', 1],
    ['多少钱', 1],
    ['什么时候', 1],
    ['吗', 1],
  ],
  help: [
    ['求助', 3],
    ['帮帮', 3],
    ['帮忙', 2],
    ['救助', 2],
    ['救命', 3],
    ['走失', 3],
    ['被困', 3],
    ['困难', 1],
    ['没办法', 1],
  ],
  complaint: [
    ['投诉', 3],
    ['不作为', 3],
    ['态度', 1],
    ['扰民', 2],
    ['乱收费', 2],
    ['不管', 2],
    ['不给', 1],
    ['拖欠', 2],
    ['坏了', 1],
    ['没人', 1],
    ['太差', 2],
    ['要求', 1],
    ['希望尽快', 1],
  ],
  report: [
    ['举报', 4],
    ['偷排', 3],
    ['非法', 2],
    ['违法', 2],
    ['私自', 1],
    ['违规', 2],
    ['无证', 2],
    ['偷偷', 2],
    ['盗采', 3],
  ],
  suggestion: [
    ['建议', 3],
    ['希望增加', 2],
    ['能否增加', 2],
    ['可否', 1],
    ['提议', 3],
    ['意见', 1],
    ['最好能', 2],
  ],
  praise: [
    ['表扬', 4],
    ['感谢', 3],
    ['谢谢', 2],
    ['点赞', 3],
    ['锦旗', 3],
    ['赞扬', 3],
    ['非常满意', 3],
  ],
};

function flat(text: string): string {
  return compact(normalise(text));
}

export function urgencyHint(text: string): UrgencyHint {
  const t = flat(text);
  const matched = URGENT.filter((w) => t.includes(w));
  if (matched.length === 0 || NOT_NOW.some((w) => t.includes(w))) return { urgency: 'normal', matched: [] };
  return { urgency: 'urgent', matched };
}

export function typeHint(text: string): TypeHint {
  const t = flat(text);
  let best: { type: RequestType; weight: number; matched: string[] } = {
    type: 'complaint',
    weight: 0,
    matched: [],
  };
  let total = 0;
  for (const [type, cues] of Object.entries(TYPE_CUES) as [RequestType, readonly [string, number][]][]) {
    const matched = cues.filter(([w]) => t.includes(w));
    const weight = matched.reduce((s, [, w]) => s + w, 0);
    total += weight;
    if (weight > best.weight) best = { type, weight, matched: matched.map(([w]) => w) };
  }
  return { type: best.type, matched: best.matched, confidence: total ? best.weight / total : 0 };
}
