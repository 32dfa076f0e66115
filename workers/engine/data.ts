/**
 * Worker-side data: the images stay as the Uint8Array they arrived in ([n*784] bytes, 47 MB for
 * the full train set) and each batch is built by mapping its bytes through a 256-entry lookup
 * table into a fresh Float32Array. A resident float32 tensor of the train set would be 188 MB (an
 * int32 tensor of the bytes is as large: TF.js has no uint8 dtype), and gathering a batch from it
 * on wasm measured slower (2.9–3.8 ms vs 0.5–0.9 ms per 128-image batch, 60 000 images, Node).
 */
import * as tf from '@tensorflow/tfjs';
import type { Preprocessing } from './spec/schema.ts';

export const PIXELS = 784;

/**
 * One split of a dataset (train or test) as bytes: what the datasets service reads, the renderer
 * shows and hands to the worker (transferred), and the engine trains on. The one type for it.
 */
export interface SplitBytes {
  /** [count, 28, 28] pixels 0–255, row-major */
  images: Uint8Array;
  /** [count] class indices 0–9 */
  labels: Uint8Array;
  count: number;
}

/** A dataset's two splits in memory (service, renderer and CLI hold it; the worker gets copies of the splits). */
export interface LoadedDataset {
  /** catalog name, e.g. "mnist" */
  name: string;
  /** class names, index = label */
  classes: string[];
  train: SplitBytes;
  test: SplitBytes;
}

/** How raw bytes become model inputs; plain data so it can travel with a trained model. */
export interface PixelTransform {
  mode: Preprocessing;
  /** in raw pixel units (0–255); used by 'standardize' only */
  mean: number;
  std: number;
}

export function checkImageSet(set: SplitBytes, what: string): void {
  if (set.count !== set.labels.length) throw new Error(`${what}: ${set.count} examples announced but ${set.labels.length} labels given`);
  if (set.images.length !== set.labels.length * PIXELS) {
    throw new Error(`${what}: ${set.images.length} image bytes do not match ${set.labels.length} labels × 784 pixels`);
  }
  for (let i = 0; i < set.labels.length; i++) {
    if (set.labels[i]! > 9) throw new Error(`${what}: label ${i} is ${set.labels[i]}, expected a digit 0–9`);
  }
}

/** The first `count` examples (a view, no copy). */
export function headOf(set: SplitBytes, count: number): SplitBytes {
  return { images: set.images.subarray(0, count * PIXELS), labels: set.labels.subarray(0, count), count };
}

/** examples [start, end) (a view, no copy). */
export function sliceOf(set: SplitBytes, start: number, end: number): SplitBytes {
  return { images: set.images.subarray(start * PIXELS, end * PIXELS), labels: set.labels.subarray(start, end), count: end - start };
}

/** Mean and standard deviation over every pixel of the set (Keras: `x.mean()`, `x.std()`). */
export function pixelTransform(mode: Preprocessing, train?: SplitBytes): PixelTransform {
  if (mode !== 'standardize') return { mode, mean: 0, std: 1 };
  if (!train || train.images.length === 0) throw new Error("preprocessing 'standardize' needs training images to measure mean and std");
  const histogram = new Float64Array(256);
  for (let i = 0; i < train.images.length; i++) histogram[train.images[i]!]!++;
  let sum = 0;
  let sumSq = 0;
  for (let v = 0; v < 256; v++) {
    sum += histogram[v]! * v;
    sumSq += histogram[v]! * v * v;
  }
  const n = train.images.length;
  const mean = sum / n;
  const std = Math.sqrt(Math.max(sumSq / n - mean * mean, 0));
  // An all-black training set has std 0; dividing by 1 then keeps values finite.
  return { mode, mean, std: std > 0 ? std : 1 };
}

export function lookupTable(t: PixelTransform): Float32Array {
  const lut = new Float32Array(256);
  for (let v = 0; v < 256; v++) {
    lut[v] = t.mode === 'scale' ? v / 255 : t.mode === 'raw' ? v : (v - t.mean) / t.std;
  }
  return lut;
}

/**
 * Images `order[start..end)` as a float tensor of shape [end-start, ...inputShape].
 * `order` null means examples start..end in their stored order.
 */
export function imageBatch(
  images: Uint8Array,
  lut: Float32Array,
  order: Int32Array | null,
  start: number,
  end: number,
  inputShape: readonly number[],
): tf.Tensor {
  const n = end - start;
  const values = new Float32Array(n * PIXELS);
  for (let b = 0; b < n; b++) {
    const src = (order ? order[start + b]! : start + b) * PIXELS;
    const dst = b * PIXELS;
    for (let p = 0; p < PIXELS; p++) values[dst + p] = lut[images[src + p]!]!;
  }
  return tf.tensor(values, [n, ...inputShape], 'float32');
}

/** Labels `order[start..end)` as int32 [end-start]. */
export function labelBatch(labels: Uint8Array, order: Int32Array | null, start: number, end: number): tf.Tensor1D {
  const n = end - start;
  const values = new Int32Array(n);
  for (let b = 0; b < n; b++) values[b] = labels[order ? order[start + b]! : start + b]!;
  return tf.tensor1d(values, 'int32');
}
