/**
 * Test-only reference: each layer type's forward pass written out by hand in float64 loops, from
 * the layer's spec config and its trained weights (channels last, Keras' conventions).
 */
import type { LayerSpec } from '../workers/engine/layers/index.ts';
import { SELU_ALPHA, SELU_SCALE } from '../workers/engine/layers/activations.ts';

export interface Tensor3 {
  shape: number[];
  values: Float64Array;
}

const pair = (v: number | number[]): [number, number] => (Array.isArray(v) ? [v[0]!, v[1]!] : [v, v]);

function activate(name: string, values: Float64Array): Float64Array {
  if (name === 'softmax') {
    const max = Math.max(...values);
    const e = values.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  }
  const f: Record<string, (x: number) => number> = {
    linear: (x) => x,
    relu: (x) => Math.max(x, 0),
    sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    tanh: Math.tanh,
    elu: (x) => (x > 0 ? x : Math.expm1(x)),
    selu: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
  };
  const fn = f[name];
  if (!fn) throw new Error(`no reference for activation ${name}`);
  return values.map(fn);
}

/** Output size and the padding before the first row/column, as TF computes them. */
function window1d(size: number, kernel: number, stride: number, padding: 'valid' | 'same'): { out: number; before: number } {
  if (padding === 'valid') return { out: Math.floor((size - kernel) / stride) + 1, before: 0 };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  return { out, before: Math.floor(total / 2) };
}

function pool(x: Tensor3, size: number | number[], strides: number | number[] | null, padding: 'valid' | 'same', kind: 'max' | 'avg'): Tensor3 {
  const [h, w, c] = x.shape as [number, number, number];
  const [kh, kw] = pair(size);
  const [sh, sw] = strides === null ? [kh, kw] : pair(strides);
  const rows = window1d(h, kh, sh, padding);
  const cols = window1d(w, kw, sw, padding);
  const out = new Float64Array(rows.out * cols.out * c);
  for (let i = 0; i < rows.out; i++)
    for (let j = 0; j < cols.out; j++)
      for (let ch = 0; ch < c; ch++) {
        let acc = kind === 'max' ? -Infinity : 0;
        let count = 0;
        for (let a = 0; a < kh; a++)
          for (let b = 0; b < kw; b++) {
            const y = i * sh + a - rows.before;
            const z = j * sw + b - cols.before;
            if (y < 0 || y >= h || z < 0 || z >= w) continue; // TF leaves padding out of both max and mean
            const v = x.values[(y * w + z) * c + ch]!;
            acc = kind === 'max' ? Math.max(acc, v) : acc + v;
            count++;
          }
        out[(i * cols.out + j) * c + ch] = kind === 'max' ? acc : acc / count;
      }
  return { shape: [rows.out, cols.out, c], values: out };
}

/** @param weights in the definition's Keras order */
export function manualForward(spec: LayerSpec, x: Tensor3, weights: Float32Array[]): Tensor3 {
  switch (spec.class_name) {
    case 'Dense': {
      const { units, activation } = spec.config;
      const inputs = x.values.length;
      const [kernel, bias] = weights;
      const y = new Float64Array(units);
      for (let j = 0; j < units; j++) {
        let acc = bias ? bias[j]! : 0;
        for (let i = 0; i < inputs; i++) acc += x.values[i]! * kernel![i * units + j]!;
        y[j] = acc;
      }
      return { shape: [units], values: activate(activation, y) };
    }
    case 'Conv2D': {
      const { filters, kernel_size, strides, padding, activation } = spec.config;
      const [h, w, cin] = x.shape as [number, number, number];
      const [kh, kw] = pair(kernel_size);
      const [sh, sw] = pair(strides);
      const rows = window1d(h, kh, sh, padding);
      const cols = window1d(w, kw, sw, padding);
      const [kernel, bias] = weights;
      const y = new Float64Array(rows.out * cols.out * filters);
      for (let i = 0; i < rows.out; i++)
        for (let j = 0; j < cols.out; j++)
          for (let o = 0; o < filters; o++) {
            let acc = bias ? bias[o]! : 0;
            for (let a = 0; a < kh; a++)
              for (let b = 0; b < kw; b++) {
                const r = i * sh + a - rows.before;
                const s = j * sw + b - cols.before;
                if (r < 0 || r >= h || s < 0 || s >= w) continue;
                for (let ch = 0; ch < cin; ch++) acc += x.values[(r * w + s) * cin + ch]! * kernel![((a * kw + b) * cin + ch) * filters + o]!;
              }
            y[(i * cols.out + j) * filters + o] = acc;
          }
      return { shape: [rows.out, cols.out, filters], values: activate(activation, y) };
    }
    case 'MaxPooling2D':
      return pool(x, spec.config.pool_size, spec.config.strides, spec.config.padding, 'max');
    case 'AveragePooling2D':
      return pool(x, spec.config.pool_size, spec.config.strides, spec.config.padding, 'avg');
    case 'GlobalAveragePooling2D': {
      const [h, w, c] = x.shape as [number, number, number];
      const y = new Float64Array(c);
      for (let p = 0; p < h * w; p++) for (let ch = 0; ch < c; ch++) y[ch]! += x.values[p * c + ch]! / (h * w);
      return { shape: [c], values: y };
    }
    case 'BatchNormalization': {
      const { center, scale, epsilon } = spec.config;
      const c = x.shape.at(-1)!;
      const queue = [...weights];
      const gamma = scale ? queue.shift()! : undefined;
      const beta = center ? queue.shift()! : undefined;
      const [mean, variance] = queue as [Float32Array, Float32Array];
      const y = x.values.map((v, k) => {
        const ch = k % c;
        return ((v - mean[ch]!) / Math.sqrt(variance[ch]! + epsilon)) * (gamma ? gamma[ch]! : 1) + (beta ? beta[ch]! : 0);
      });
      return { shape: x.shape, values: y };
    }
    case 'Activation':
      return { shape: x.shape, values: activate(spec.config.activation, x.values) };
    case 'LeakyReLU': {
      const slope = spec.config.negative_slope;
      return { shape: x.shape, values: x.values.map((v) => (v > 0 ? v : slope * v)) };
    }
    case 'Dropout':
      return x; // inference: every input passes unchanged
    case 'Flatten':
      return { shape: [x.values.length], values: x.values };
    case 'Reshape':
      return { shape: [...spec.config.target_shape], values: x.values };
  }
}
