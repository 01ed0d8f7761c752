/**
 * Older and colloquial names of township-level places that callers still
 * use. Kept beside the parser rather than in the reference data because they
 * are evidence for reading free text, not facts an admin edits.
 *
 * Each maps by geography: the former township is named after a village that
 * today lies in the town given, so the old name points there whatever the
 * exact history of the merger. "X乡" for every present town (most were 乡
 * before they became 镇) is generated from the divisions, not listed here.
 */

export interface OldName {
  form: string;
  /** one code, or several when the old unit covers more than one of today's */
  codes: string[];
  note: string;
}

export const OLD_NAMES: readonly OldName[] = [
  // The county seat 城关 of 怀柔县 is today's new town: the 泉河 and 龙山 streets.
  { form: '城关镇', codes: ['110116001', '110116002'], note: '城关镇: the old county seat' },
  { form: '城关', codes: ['110116001', '110116002'], note: 'the old county seat' },
  { form: '县城', codes: ['110116001', '110116002'], note: 'the county town of 怀柔县' },
  { form: '怀柔城区', codes: ['110116001', '110116002'], note: 'the new town' },
  // Former townships named after villages that now belong to another town.
  { form: '黄花城乡', codes: ['110116109'], note: '黄花城村 is in 九渡河镇' },
  { form: '碾子乡', codes: ['110116111'], note: '碾子村 is in 宝山镇' },
  { form: '宝山寺乡', codes: ['110116111'], note: '宝山寺村 is in 宝山镇' },
  { form: '茶坞乡', codes: ['110116105'], note: '茶坞 (东/西/前茶坞, 茶坞铁路) is in 桥梓镇' },
  { form: '茶坞镇', codes: ['110116105'], note: '茶坞 is in 桥梓镇' },
];
