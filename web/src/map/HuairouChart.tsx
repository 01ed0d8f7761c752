/**
 * Huairou on an ECharts geo component: the shipped district outline and one
 * bubble per town at its seat, sized by a figure; clicking a bubble reports
 * the town so the page can list its tickets. No tiles, no network.
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
}

export default function HuairouChart({
  towns,
  onTown,
  height = 420,
}: {
  towns: TownPoint[];
  onTown?(code: string): void;
  height?: number;
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
          data: towns.map((x) => ({ name: x.name, value: [x.lng, x.lat, x.value ?? 0], code: x.code })),
          symbolSize: (v: number[]) =>
            towns.some((x) => x.value !== null) ? 8 + 28 * Math.sqrt((v[2] ?? 0) / max) : 9,
          itemStyle: { color: '#c0392b', opacity: 0.8 },
          label: { show: true, formatter: '{b}', position: 'right', color: '#1a1a1a', fontSize: 11 },
          tooltip: { formatter: (p: { name: string; value: number[] }) => `${p.name}: ${p.value[2] ?? 0}` },
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
  }, [towns]);
  return (
    <figure className="chart">
      <div ref={el} style={{ height }} role="img" aria-label={t('map.title')} data-testid="huairou-chart" />
      <figcaption className="hint">{t('map.legend')}</figcaption>
    </figure>
  );
}
