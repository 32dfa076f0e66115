/** Compare view data: chart series per run, and the final-metrics table with the best per column. */
import type { RunRecord } from '../../../electron/api/contracts/runs.ts';
import { emaSmooth, epochPosition } from '../train/train-math.ts';
import type { Point } from '../train/train-math.ts';

export interface RunSeries {
  id: string;
  name: string;
  points: Point[];
}

/** Per-epoch validation accuracy; train accuracy when no run held out a validation set. */
export function accuracySeries(runs: readonly RunRecord[]): { metric: 'val_acc' | 'acc'; series: RunSeries[] } {
  const anyValidation = runs.some((r) => r.epochs.some((e) => e.val_acc !== null));
  const metric = anyValidation ? 'val_acc' : 'acc';
  const series = runs.map((r) => ({
    id: r.id,
    name: r.name,
    points: r.epochs.flatMap((e) => {
      const y = e[metric];
      return y === null ? [] : [{ x: e.epoch, y }];
    }),
  }));
  return { metric, series };
}

export function trainLossSeries(runs: readonly RunRecord[]): RunSeries[] {
  return runs.map((r) => ({ id: r.id, name: r.name, points: r.epochs.map((e) => ({ x: e.epoch, y: e.loss })) }));
}

/** Batches per epoch: from the training-set size when known, else the largest batch index seen. */
export function batchesPerEpoch(run: RunRecord): number {
  if (run.settings.trainCount) return Math.ceil(run.settings.trainCount / run.spec.fit.batch_size);
  return run.batches.reduce((max, p) => Math.max(max, p.batch), 1);
}

/** Per-batch loss on an axis counted in epochs (so runs with other batch sizes line up), smoothed. */
export function batchLossSeries(runs: readonly RunRecord[], smoothing: number): RunSeries[] {
  return runs.map((r) => {
    const perEpoch = batchesPerEpoch(r);
    const raw = r.batches.map((p) => ({ x: epochPosition(p.epoch, p.batch, perEpoch), y: p.loss }));
    return { id: r.id, name: r.name, points: emaSmooth(raw, smoothing) };
  });
}

export type MetricKey = 'testAccuracy' | 'testLoss' | 'valAccuracy' | 'trainLoss' | 'seconds' | 'epochs';

export interface MetricColumn {
  key: MetricKey;
  label: string;
  better: 'higher' | 'lower' | null;
}

export const METRIC_COLUMNS: readonly MetricColumn[] = [
  { key: 'testAccuracy', label: 'Test accuracy', better: 'higher' },
  { key: 'testLoss', label: 'Test loss', better: 'lower' },
  { key: 'valAccuracy', label: 'Final val. accuracy', better: 'higher' },
  { key: 'trainLoss', label: 'Final train loss', better: 'lower' },
  { key: 'epochs', label: 'Epochs', better: null },
  { key: 'seconds', label: 'Training time', better: 'lower' },
];

export interface MetricsRow {
  id: string;
  name: string;
  values: Record<MetricKey, number | null>;
}

export function metricsRows(runs: readonly RunRecord[]): MetricsRow[] {
  return runs.map((r) => {
    const last = r.epochs.at(-1);
    return {
      id: r.id,
      name: r.name,
      values: {
        testAccuracy: r.test?.accuracy ?? null,
        testLoss: r.test?.loss ?? null,
        valAccuracy: last?.val_acc ?? null,
        trainLoss: last?.loss ?? null,
        epochs: r.epochs.length,
        seconds: r.epochs.length > 0 ? r.seconds : null,
      },
    };
  });
}

/** Run ids holding the best value of each column (ties share it; no best with fewer than 2 values). */
export function bestIds(rows: readonly MetricsRow[]): Record<MetricKey, Set<string>> {
  const best = {} as Record<MetricKey, Set<string>>;
  for (const column of METRIC_COLUMNS) {
    const present = rows.filter((r) => r.values[column.key] !== null);
    best[column.key] = new Set();
    if (!column.better || present.length < 2) continue;
    const values = present.map((r) => r.values[column.key]!);
    const target = column.better === 'higher' ? Math.max(...values) : Math.min(...values);
    if (values.every((v) => v === target)) continue;
    for (const r of present) if (r.values[column.key] === target) best[column.key].add(r.id);
  }
  return best;
}

/** "+0.31 pt" / "−1.20 pt" against the first run; null when either side lacks the value. */
export function accuracyDelta(value: number | null, baseline: number | null): string | null {
  if (value === null || baseline === null) return null;
  const points = (value - baseline) * 100;
  if (Math.abs(points) < 0.005) return '±0 pt';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(2)} pt`;
}

/** One sentence for the learner: which run won, by how much, at what cost in time. */
export function verdict(rows: readonly MetricsRow[]): string | null {
  const tested = rows.filter((r) => r.values.testAccuracy !== null);
  if (tested.length < 2) return null;
  const sorted = [...tested].sort((a, b) => b.values.testAccuracy! - a.values.testAccuracy!);
  const [top, runnerUp] = sorted as [MetricsRow, MetricsRow];
  const gap = (top.values.testAccuracy! - runnerUp.values.testAccuracy!) * 100;
  if (gap < 0.005) return `${top.name} and ${runnerUp.name} reach the same test accuracy.`;
  let sentence = `${top.name} has the best test accuracy, ${gap.toFixed(2)} points above ${runnerUp.name}`;
  const [t, r] = [top.values.seconds, runnerUp.values.seconds];
  if (t !== null && r !== null && r > 0) {
    const ratio = t / r;
    if (ratio > 1.15) sentence += `, but took ${ratio.toFixed(1)}× as long`;
    else if (ratio < 0.87) sentence += `, and trained ${(1 / ratio).toFixed(1)}× faster`;
  }
  if (gap < 0.3) sentence += ' — a gap this small can come from the random seed alone';
  return `${sentence}.`;
}
