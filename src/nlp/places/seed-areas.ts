/**
 * The areas exactly as the reference seed writes them (names, short names,
 * township codes, aliases), built from the files without a database: for the
 * user dictionary, the place-parser tests and its benchmark.
 */
import { readDivisions, shortNameOf } from '../../seed/divisions.js';
import { TOWNSHIP_PLACES, VILLAGE_ALIASES } from '../../seed/reference/places.js';
import type { PlaceArea } from './types.js';

let memo: PlaceArea[] | null = null;

export function seedAreas(): PlaceArea[] {
  if (memo) return memo;
  const divisions = readDivisions();
  const places = new Map(TOWNSHIP_PLACES.map((p) => [p.code, p]));
  const villageAliases = new Map(VILLAGE_ALIASES.map((v) => [v.code, v.aliases]));
  memo = divisions.map((d) => {
    const place = places.get(d.code);
    return {
      code: d.code,
      name: d.name,
      short_name: place?.shortName ?? shortNameOf(d),
      level: d.level,
      parent_code: d.parentCode,
      township_code: d.level === 'district' ? null : d.code.slice(0, 9),
      aliases: [...(place?.aliases ?? []), ...(villageAliases.get(d.code) ?? [])],
    };
  });
  return memo;
}
