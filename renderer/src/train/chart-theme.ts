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
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#17202a'),
    muted: v('--muted', '#5d6b7a'),
    grid: v('--chart-grid', '#e6e9ee'),
    train: v('--chart-train', '#3b6fe0'),
    val: v('--chart-val', '#d9480f'),
    surface: v('--surface', '#ffffff'),
  };
}

/** Calls `onchange` when the OS switches between light and dark; returns the unsubscribe. */
export function onColorSchemeChange(onchange: () => void): () => void {
  const query = matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', onchange);
  return () => query.removeEventListener('change', onchange);
}

/** `#3b6fe0` at `alpha` as an rgba() string (chart.js needs real colours, not color-mix). */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!hex) return color;
  const n = parseInt(hex[1]!, 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
