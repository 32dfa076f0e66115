/**
 * chart.js (about half of the renderer's source) loaded on first use, with the parts our line
 * charts need registered once: the app's first screen never parses it.
 */
import type * as ChartJs from 'chart.js';

let loading: Promise<typeof ChartJs> | undefined;

export function loadChartJs(): Promise<typeof ChartJs> {
  loading ??= import('chart.js').then((m) => {
    m.Chart.register(m.LineController, m.LineElement, m.PointElement, m.LinearScale, m.LogarithmicScale, m.Decimation, m.Tooltip, m.Legend);
    return m;
  });
  return loading;
}
