import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Empty } from 'antd';
import { brand } from '../../app/theme';

// Only the charts the dashboard draws (this file is its own chunk, loaded with the dashboard).
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const palette = [brand.red, '#d4860b', '#2f6fb0', '#3b8c4a', '#7a4fa0', '#8c8c8c', '#b35c1e'];
const text = { fontSize: 14, color: '#262626' };

export interface Row {
  key: string;
  label: string;
}

/** Bars per category (one or two series); clicking a bar calls onPick with the row's key. */
export function Bars<T extends Row>({ rows, series, onPick, height = 260, horizontal }: {
  rows: T[];
  series: { name: string; value: (r: T) => number; line?: boolean }[];
  onPick?: (key: string) => void;
  height?: number;
  horizontal?: boolean;
}) {
  if (!rows.some((r) => series.some((s) => s.value(r) > 0))) return <Empty description="本期暂无数据" style={{ paddingTop: 48 }} />;
  const crowded = !horizontal && rows.length > 6 && rows.some((r) => r.label.length > 3);
  const category = { type: 'category' as const, data: rows.map((r) => r.label), axisLabel: { ...text, interval: 0, rotate: crowded ? 30 : 0 } };
  const value = { type: 'value' as const, minInterval: 1, axisLabel: text };
  const option = {
    color: palette,
    tooltip: { trigger: 'axis' as const, textStyle: text },
    legend: series.length > 1 ? { top: 0, textStyle: text } : undefined,
    grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : series.length > 1 ? [value, { ...value, splitLine: { show: false } }] : value,
    series: series.map((s, i) => ({
      name: s.name,
      type: s.line ? ('line' as const) : ('bar' as const),
      yAxisIndex: !horizontal && series.length > 1 ? i : undefined,
      barMaxWidth: 36,
      data: rows.map((r) => s.value(r)),
      cursor: onPick ? 'pointer' : 'default',
    })),
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height }}
      notMerge
      onEvents={onPick ? { click: (p: { dataIndex: number }) => onPick(rows[p.dataIndex].key) } : undefined}
    />
  );
}

/** A ring of shares; clicking a slice calls onPick with the row's key. */
export function Ring<T extends Row>({ rows, value, onPick, height = 260, format }: { rows: T[]; value: (r: T) => number; onPick?: (key: string) => void; height?: number; format?: (v: number) => string }) {
  const data = rows.map((r) => ({ name: r.label, value: value(r), key: r.key })).filter((d) => d.value > 0);
  if (!data.length) return <Empty description="本期暂无数据" style={{ paddingTop: 48 }} />;
  const option = {
    color: palette,
    tooltip: { trigger: 'item' as const, textStyle: text, valueFormatter: format ? (v: unknown) => format(Number(v)) : undefined },
    legend: { bottom: 0, textStyle: text },
    series: [{ type: 'pie' as const, radius: ['40%', '68%'], center: ['50%', '45%'], label: { ...text, formatter: '{b}\n{d}%' }, data, cursor: onPick ? 'pointer' : 'default' }],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height }}
      notMerge
      onEvents={onPick ? { click: (p: { data: { key: string } }) => onPick(p.data.key) } : undefined}
    />
  );
}
