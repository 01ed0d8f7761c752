/** The seeded catalogue of Huairou's online service matters 事项, in Chinese and English. */
import type { SeedMatter } from './guide-builders.js';
import { BUSINESS_MATTERS } from './matters-business.js';
import { PEOPLE_MATTERS } from './matters-people.js';
import { RURAL_MATTERS } from './matters-rural.js';
import { WELFARE_MATTERS } from './matters-welfare.js';
import { WORK_MATTERS } from './matters-work.js';

export const SEED_MATTERS: readonly SeedMatter[] = [
  ...PEOPLE_MATTERS,
  ...WELFARE_MATTERS,
  ...WORK_MATTERS,
  ...BUSINESS_MATTERS,
  ...RURAL_MATTERS,
];
