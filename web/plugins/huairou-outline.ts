/**
 * `virtual:huairou-outline`: Huairou District's outline as a GeoJSON
 * FeatureCollection, cut at build time out of the Beijing district outlines
 * of the `china-geojson` npm package (MIT). Only the one feature ships, so the
 * map chunk stays small and the maps need no tile server or network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const ID = 'virtual:huairou-outline';
const RESOLVED = `\0${ID}`;

interface Feature {
  type: 'Feature';
  properties: { name?: string; cp?: [number, number] };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export function extractHuairou(): { type: 'FeatureCollection'; features: Feature[] } {
  const require = createRequire(import.meta.url);
  const file = require.resolve('china-geojson/src/geojson/bei_jing_geo.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as { features: Feature[] };
  const huairou = all.features.filter((f) => f.properties.name === '怀柔区');
  if (huairou.length === 0) throw new Error('怀柔区 not found in china-geojson');
  return {
    type: 'FeatureCollection',
    features: huairou.map((f) => ({
      type: 'Feature',
      // ECharts matches regions by `name`; the centre point it carries is wrong (40.62 N is outside the district).
      properties: { name: '怀柔区' },
      geometry: f.geometry,
    })),
  };
}

export function huairouOutline(): Plugin {
  return {
    name: 'jiesu-huairou-outline',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(extractHuairou())};` : null),
  };
}
