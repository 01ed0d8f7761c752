/**
 * 好差评 The five-level rating of a completed service (an application or a
 * 12345 ticket). 不满意 and 非常不满意 are 差评: each opens a rectification
 * ticket 整改工单 in the 接诉即办 engine. The top three count as good for the
 * good-rating rate 好评率. Pure.
 */
import type { Bilingual } from './form-schema.js';

export const RATING_LEVELS = [
  'very_satisfied', // 非常满意
  'satisfied', // 满意
  'basically_satisfied', // 基本满意
  'unsatisfied', // 不满意
  'very_unsatisfied', // 非常不满意
] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const RATING_LABELS: Record<RatingLevel, Bilingual> = {
  very_satisfied: { zh: '非常满意', en: 'Very satisfied' },
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
  very_unsatisfied: { zh: '非常不满意', en: 'Very unsatisfied' },
};

/** Stars as rating screens show them: 5 for 非常满意 … 1 for 非常不满意. */
export const RATING_STARS: Record<RatingLevel, number> = {
  very_satisfied: 5,
  satisfied: 4,
  basically_satisfied: 3,
  unsatisfied: 2,
  very_unsatisfied: 1,
};

/** 差评 */
export function isPoorRating(level: RatingLevel): boolean {
  return level === 'unsatisfied' || level === 'very_unsatisfied';
}

/** A service may be rated for this long after it was completed. */
export const RATING_WINDOW_DAYS = 30;

/** Why a poor rating needs no rectification ticket: a rectification ticket's own rating must not loop. */
export function needsRectification(level: RatingLevel, subjectIsRectification: boolean): boolean {
  return isPoorRating(level) && !subjectIsRectification;
}

/** The leaf category of rectification tickets (政务服务 › 好差评整改), seeded with the online services. */
export const RECTIFICATION_CATEGORY = 'govservice-rating';
