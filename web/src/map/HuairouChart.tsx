/**
 * Huairou on an ECharts geo component: the shipped district outline and one
 * bubble per town at its seat, sized by a figure; clicking a bubble reports
 * the town so the page can list its tickets. No tiles, no network. The
 * situation board places incidents the same way, each with its own colour,
 * size and ring (a point's optional fields).
 */

import outline from 'virtual:huairou-outline';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

echarts.use([ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);
echarts.registerMap('huairou', outline as unknown as Parameters<typeof echarts.registerMap>[1]);

export interface TownPoint {
  code: string;
  name: string;
  lat: number;
  lng: number;
  value: number | null;
  /** this point's colour (default: the figure red) */
  color?: string;
  /** this point's diameter in pixels (default: by value) */
  size?: number;
  /** drawn with a dark ring, e.g. an incident nobody has acknowledged */
  ring?: boolean;
  /** tooltip text (default: name and value) */
  tip?: string;
}

export default function HuairouChart({
  towns,
  onTown,
  height = 420,
  caption,
  animate = true,
}: {
  towns: TownPoint[];
  onTown?(code: string): void;
  height?: number;
  /** the legend under the map (default: the towns' figure) */
  caption?: string;
  /** false for a map redrawn by polling, where the bubbles would grow again on every change */
  animate?: boolean;
}) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const onTownRef = useRef(onTown);
  onTownRef.current = onTown;
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const max = Math.max(1, ...towns.map((x) => x.value ?? 0));
    chart.setOption({
      animation: animate,
      tooltip: { trigger: 'item' },
      geo: {
        map: 'huairou',
        roam: false,
        itemStyle: { areaColor: '#e8f0f7', borderColor: '#2b5d8a', borderWidth: 1.5 },
        emphasis: { disabled: true },
        label: { show: false },
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          data: towns.map((x) => ({
            name: x.name,
            value: [x.lng, x.lat, x.value ?? 0],
            code: x.code,
            tip: x.tip,
            ...(x.size === undefined ? {} : { symbolSize: x.size }),
            ...(x.color || x.ring
              ? {
                  itemStyle: {
                    ...(x.color ? { color: x.color } : {}),
                    ...(x.ring ? { borderColor: '#1a1a1a', borderWidth: 3 } : {}),
                  },
                }
              : {}),
          })),
          symbolSize: (v: number[]) =>
            towns.some((x) => x.value !== null) ? 8 + 28 * Math.sqrt((v[2] ?? 0) / max) : 9,
          itemStyle: { color: '#c0392b', opacity: 0.8 },
          label: { show: true, formatter: '{b}', position: 'right', color: '#1a1a1a', fontSize: 11 },
          tooltip: {
            formatter: (p: { name: string; value: number[]; data?: { tip?: string } }) =>
              p.data?.tip ?? `${p.name}: ${p.value[2] ?? 0}`,
          },
        },
      ],
    });
    chart.on('click', (p) => {
      const code = (p.data as { code?: string } | undefined)?.code;
      if (code) onTownRef.current?.(code);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [towns, animate]);
  return (
    <figure className="chart">
      <div ref={el} style={{ height }} role="img" aria-label={t('map.title')} data-testid="huairou-chart" />
      <figcaption className="hint">{caption ?? t('map.legend')}</figcaption>
    </figure>
  );
}
