/** Town and village lists for the place pickers, from the reference data. */
import type { RefArea } from '../../api/types';

export const DISTRICT = '110116';

export function townsOf(areas: RefArea[]): RefArea[] {
  return areas.filter((a) => a.parentCode === DISTRICT);
}

export function villagesOf(areas: RefArea[], town: string): RefArea[] {
  return town ? areas.filter((a) => a.parentCode === town) : [];
}
