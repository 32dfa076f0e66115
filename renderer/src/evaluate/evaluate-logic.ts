/** Pure helpers for the Evaluate panel: confusion-matrix cells, paging, weight images. */
import type { Rgb } from '../data/pixels.ts';

export interface ConfusionCell {
  /** true digit (row) */
  actual: number;
  /** predicted digit (column) */
  predicted: number;
}

/** Indices of the test images in one cell, in test-set order. */
export function cellImageIndices(labels: ArrayLike<number>, predicted: ArrayLike<number>, cell: ConfusionCell): number[] {
  if (labels.length !== predicted.length) {
    throw new Error(`labels (${labels.length}) and predictions (${predicted.length}) differ in length`);
  }
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === cell.actual && predicted[i] === cell.predicted) out.push(i);
  return out;
}

/** Arrow/Home/End navigation over an n×n grid; null when the key is not a move. */
export function gridMove(cell: ConfusionCell, key: string, n = 10): ConfusionCell | null {
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, v));
  switch (key) {
    case 'ArrowUp':
      return { ...cell, actual: clamp(cell.actual - 1) };
    case 'ArrowDown':
      return { ...cell, actual: clamp(cell.actual + 1) };
    case 'ArrowLeft':
      return { ...cell, predicted: clamp(cell.predicted - 1) };
    case 'ArrowRight':
      return { ...cell, predicted: clamp(cell.predicted + 1) };
    case 'Home':
      return { ...cell, predicted: 0 };
    case 'End':
      return { ...cell, predicted: n - 1 };
    default:
      return null;
  }
}

export function cellLabel(cell: ConfusionCell, count: number): string {
  return `true ${cell.actual}, predicted ${cell.predicted}: ${count} image${count === 1 ? '' : 's'}`;
}

/**
 * Colour strength of a cell, 0–1. The diagonal is scaled by its row total (recall); the errors by
 * the largest off-diagonal count, with a square root so that rare confusions stay visible.
 */
export function cellIntensity(confusion: readonly (readonly number[])[], cell: ConfusionCell): number {
  const count = confusion[cell.actual]?.[cell.predicted] ?? 0;
  if (count <= 0) return 0;
  if (cell.actual === cell.predicted) {
    const row = confusion[cell.actual]!.reduce((a, b) => a + b, 0);
    return row > 0 ? count / row : 0;
  }
  let maxOff = 0;
  confusion.forEach((r, i) => r.forEach((v, j) => i !== j && v > maxOff && (maxOff = v)));
  return maxOff > 0 ? Math.sqrt(count / maxOff) : 0;
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  /** 0-based index of the first item on this page */
  from: number;
}

export function pageOf<T>(items: readonly T[], page: number, size = 48): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.max(0, Math.min(pages - 1, page));
  return { items: items.slice(p * size, p * size + size), page: p, pages, from: p * size };
}

/** Values of one Dense unit's 784 incoming weights: kernel is [784, units] row-major. */
export function denseUnitWeights(kernel: Float32Array, units: number, unit: number): Float32Array {
  if (kernel.length !== 784 * units) throw new Error(`a Dense kernel on 784 inputs with ${units} units has ${784 * units} values, not ${kernel.length}`);
  const out = new Float32Array(784);
  for (let p = 0; p < 784; p++) out[p] = kernel[p * units + unit]!;
  return out;
}

/** One Conv2D filter for one input channel, [kh, kw]: kernel is [kh, kw, in, out]. */
export function convFilterWeights(kernel: Float32Array, kernelSize: [number, number], channels: number, filters: number, filter: number, channel = 0): Float32Array {
  const [kh, kw] = kernelSize;
  if (kernel.length !== kh * kw * channels * filters) {
    throw new Error(`a ${kh}×${kw} kernel with ${channels} channel(s) and ${filters} filters has ${kh * kw * channels * filters} values, not ${kernel.length}`);
  }
  const out = new Float32Array(kh * kw);
  for (let i = 0; i < kh * kw; i++) out[i] = kernel[(i * channels + channel) * filters + filter]!;
  return out;
}

/** Largest |w|: the symmetric scale of a diverging colour map (1 for all zeros, to avoid 0/0). */
export function symmetricScale(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a > max) max = a;
  }
  return max > 0 ? max : 1;
}


/**
 * RGBA pixels for weights on a diverging map: −scale → `negative`, 0 → `zero`, +scale → `positive`,
 * linear in between (values beyond the scale are clamped).
 */
export function divergingPixels(values: ArrayLike<number>, scale: number, negative: Rgb, zero: Rgb, positive: Rgb): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const t = Math.max(-1, Math.min(1, values[i]! / scale));
    const end = t < 0 ? negative : positive;
    const a = Math.abs(t);
    out[i * 4] = zero[0] + (end[0] - zero[0]) * a;
    out[i * 4 + 1] = zero[1] + (end[1] - zero[1]) * a;
    out[i * 4 + 2] = zero[2] + (end[2] - zero[2]) * a;
    out[i * 4 + 3] = 255;
  }
  return out;
}


