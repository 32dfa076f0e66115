/**
 * How a model's weights are distributed: one histogram per variable (kernel, bias, gamma, …) of
 * every layer that has weights. With the epoch slider these show how training moved them.
 */
import type * as tf from '@tensorflow/tfjs';
import { computingLayers } from './layer-outputs.ts';

export interface WeightHistogram {
  /** the layer's TF.js name (dense, conv2d_1 …) */
  layer: string;
  /** kernel, bias, gamma, beta, moving_mean, moving_variance */
  variable: string;
  shape: number[];
  /** `counts.length` equal bins from min to max (the last bin includes max) */
  min: number;
  max: number;
  counts: Uint32Array;
  mean: number;
  std: number;
}

export function histogram(values: Float32Array, bins: number): Pick<WeightHistogram, 'min' | 'max' | 'counts' | 'mean' | 'std'> {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const counts = new Uint32Array(bins);
  if (values.length === 0) return { min: 0, max: 0, counts, mean: 0, std: 0 };
  const mean = sum / values.length;
  let squares = 0;
  const width = (max - min) / bins;
  for (const v of values) {
    squares += (v - mean) ** 2;
    counts[width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0]!++;
  }
  return { min, max, counts, mean, std: Math.sqrt(squares / values.length) };
}

export async function weightHistograms(model: tf.LayersModel, bins = 40): Promise<WeightHistogram[]> {
  const found: WeightHistogram[] = [];
  for (const layer of computingLayers(model)) {
    for (const variable of layer.weights) {
      const values = (await variable.read().data()) as Float32Array;
      found.push({
        layer: layer.name,
        variable: variable.originalName.split('/').pop() ?? variable.originalName,
        shape: variable.shape.map((d) => d ?? 0),
        ...histogram(values, bins),
      });
    }
  }
  return found;
}
