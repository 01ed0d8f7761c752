/**
 * The citizen's map of Huairou: the district outline (shipped, offline) and
 * the town seats; a click marks the place and picks the nearest town. The
 * town list above it is the keyboard and screen-reader way to say where;
 * here the town dots are buttons too.
 */
import outline from 'virtual:huairou-outline';
import { useMemo } from 'react';
import type { RefArea } from '../api/types';
import { useI18n } from '../i18n';
import { fitProjection, ringPath, rings } from './projection';

export interface MapPickerProps {
  towns: RefArea[];
  town: string;
  point: { lat: number; lng: number } | null;
  onPick(p: { lat: number; lng: number; town: string | null }): void;
}

function nearestTown(towns: RefArea[], lng: number, lat: number): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const tw of towns) {
    if (tw.lat === null || tw.lng === null) continue;
    const d = (tw.lat - lat) ** 2 + ((tw.lng - lng) * 0.76) ** 2;
    if (d < bestD) {
      bestD = d;
      best = tw.code;
    }
  }
  return best;
}

export default function MapPicker({ towns, town, point, onPick }: MapPickerProps) {
  const { t } = useI18n();
  const all = useMemo(() => rings(outline), []);
  const proj = useMemo(() => fitProjection(all, 480), [all]);
  const paths = useMemo(() => all.map((r) => ringPath(r, proj)), [all, proj]);
  const marker = point ? proj.toXY(point.lng, point.lat) : null;

  const click = (e: React.MouseEvent<SVGSVGElement>) => {
    const svg = e.currentTarget;
    const box = svg.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * proj.width;
    const y = ((e.clientY - box.top) / box.height) * proj.height;
    const [lng, lat] = proj.toLngLat(x, y);
    onPick({ lat: Number(lat.toFixed(5)), lng: Number(lng.toFixed(5)), town: nearestTown(towns, lng, lat) });
  };

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the town buttons inside and the town list above are the keyboard path
    <svg
      className="map-picker"
      viewBox={`0 0 ${proj.width} ${proj.height}`}
      role="img"
      aria-label={t('map.title')}
      onClick={click}
      data-testid="map-picker"
    >
      <title>{t('map.title')}</title>
      {paths.map((d) => (
        <path key={d.slice(0, 24)} d={d} className="map-district" />
      ))}
      {towns.map((tw) => {
        if (tw.lat === null || tw.lng === null) return null;
        const [x, y] = proj.toXY(tw.lng, tw.lat);
        const selected = tw.code === town;
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it behaves as one
          <g
            key={tw.code}
            role="button"
            tabIndex={0}
            aria-pressed={selected}
            aria-label={tw.name}
            className={`map-town${selected ? ' selected' : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              onPick({ lat: tw.lat ?? 0, lng: tw.lng ?? 0, town: tw.code });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onPick({ lat: tw.lat ?? 0, lng: tw.lng ?? 0, town: tw.code });
              }
            }}
          >
            <circle cx={x} cy={y} r={selected ? 7 : 5} />
            <text x={x + 8} y={y + 4}>
              {tw.shortName}
            </text>
          </g>
        );
      })}
      {marker ? (
        <g className="map-marker">
          <circle cx={marker[0]} cy={marker[1]} r={9} />
          <circle cx={marker[0]} cy={marker[1]} r={3} />
        </g>
      ) : null}
    </svg>
  );
}
