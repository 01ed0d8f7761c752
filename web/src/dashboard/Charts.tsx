/** The dashboard's ECharts (lazy chunk): rates by month against the baseline, and a category bar chart. */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import type { Breakdown, Trend } from './types';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

function useChart(option: echarts.EChartsCoreOption, onClick?: (name: string, index: number) => void) {
  const el = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(option);
    chart.on('click', (p) => click.current?.(String(p.name), p.dataIndex));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return el;
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

export function TrendChart({ trend }: { trend: Trend }) {
  const { t } = useI18n();
  const months = trend.months.map((m) => m.month);
  const line = (name: string, key: 'response' | 'resolution' | 'satisfaction') => ({
    name,
    type: 'line',
    data: trend.months.map((m) => pct(m.rates[key])),
    markLine:
      trend.baseline[key] === null
        ? undefined
        : {
            symbol: 'none',
            data: [{ yAxis: pct(trend.baseline[key]), name: `${trend.baselineYear}` }],
            lineStyle: { type: 'dashed' },
          },
  });
  const el = useChart({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      line(t('dash.response'), 'response'),
      line(t('dash.resolution'), 'resolution'),
      line(t('dash.satisfaction'), 'satisfaction'),
    ],
  });
  return (
    <div ref={el} className="chart-box" role="img" aria-label={t('dash.trend')} data-testid="trend-chart" />
  );
}

export function CategoryChart({ data, onPick }: { data: Breakdown; onPick(index: number): void }) {
  const { t, lang } = useI18n();
  const rows = data.rows.slice(0, 12).reverse();
  const el = useChart(
    {
      tooltip: { trigger: 'axis' },
      grid: { left: 150, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((r) => r.label[lang]) },
      series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#0b5394' } }],
    },
    (_name, index) => onPick(rows.length - 1 - index),
  );
  return (
    <div
      ref={el}
      className="chart-box"
      role="img"
      aria-label={t('dash.categories')}
      data-testid="category-chart"
    />
  );
}
