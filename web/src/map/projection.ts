/**
 * A flat projection for one district: longitude scaled by cos(latitude) so
 * the shape is true at Huairou's latitude. Good to metres at this size and
 * needs no map library.
 */
export interface Outline {
  type: 'FeatureCollection';
  features: { geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
}

type Ring = [number, number][];

export function rings(outline: Outline): Ring[] {
  const out: Ring[] = [];
  for (const f of outline.features) {
    if (f.geometry.type === 'Polygon') out.push(...(f.geometry.coordinates as Ring[]));
    else for (const poly of f.geometry.coordinates as Ring[][]) out.push(...poly);
  }
  return out;
}

export interface Projection {
  width: number;
  height: number;
  toXY(lng: number, lat: number): [number, number];
  toLngLat(x: number, y: number): [number, number];
}

export function fitProjection(all: Ring[], width: number, pad = 8): Projection {
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const ring of all)
    for (const [lng, lat] of ring) {
      minLng = Math.min(minLng, lng);
      maxLng = Math.max(maxLng, lng);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (width - 2 * pad) / ((maxLng - minLng) * k);
  const height = Math.round((maxLat - minLat) * scale + 2 * pad);
  return {
    width,
    height,
    toXY: (lng, lat) => [pad + (lng - minLng) * k * scale, pad + (maxLat - lat) * scale],
    toLngLat: (x, y) => [minLng + (x - pad) / (k * scale), maxLat - (y - pad) / scale],
  };
}

export function ringPath(ring: Ring, p: Projection): string {
  return `${ring
    .map(([lng, lat], i) => {
      const [x, y] = p.toXY(lng, lat);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join('')}Z`;
}
