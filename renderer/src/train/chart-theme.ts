import type { ChartOptions } from 'chart.js';
import { cssVariableReader } from '../lib/css-theme.ts';
import type { Point } from './train-math.ts';

export interface ChartSeries {
  label: string;
  data: Point[];
  tone: 'train' | 'val';
  /** the raw line under a smoothed one: thin and faint */
  faint?: boolean;
  /** draw a dot per point (per-epoch charts) */
  points?: boolean;
}

/** Chart colours come from the CSS variables of global.css, so charts follow light/dark. */

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  train: string;
  val: string;
  surface: string;
}

export function readChartTheme(element: Element): ChartTheme {
  const v = cssVariableReader(element);
  return {
    text: v('--text', '#17202a'),
    muted: v('--muted', '#5d6b7a'),
    grid: v('--chart-grid', '#e6e9ee'),
    train: v('--chart-train', '#3b6fe0'),
    val: v('--chart-val', '#d9480f'),
    surface: v('--surface', '#ffffff'),
  };
}

/** How every line chart here behaves: points as {x, y} as given, redrawn at once, the tooltip on the nearest x. */
export const LINE_CHART_BASE = {
  animation: false,
  parsing: false,
  normalized: true,
  maintainAspectRatio: false,
  interaction: { mode: 'nearest', axis: 'x', intersect: false },
} as const satisfies ChartOptions<'line'>;

/**
 * Grid, border, tick and title colours of a line chart's two axes from the theme: on the options
 * before the chart is built (one layout instead of two), or on `chart.options` then `update`.
 */
export function styleChartAxes(options: ChartOptions<'line'>, t: ChartTheme): void {
  for (const axis of ['x', 'y'] as const) {
    const scale = options.scales![axis]!;
    scale.grid = { ...scale.grid, color: t.grid };
    scale.border = { ...scale.border, color: t.grid };
    scale.ticks = { ...scale.ticks, color: t.muted };
    if ('title' in scale && scale.title) scale.title.color = t.muted;
  }
}

/** `#3b6fe0` at `alpha` as an rgba() string (chart.js needs real colours, not color-mix). */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!hex) return color;
  const n = parseInt(hex[1]!, 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
