/**
 * For e2e/gemm-threads.spec.ts, in a cross-origin isolated worker: products and convolutions big
 * enough for our GEMM to split them between threads, on wasm with 2 threads, then on the cpu
 * backend; replies with the GEMM's thread count and each case's largest relative difference.
 */
import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../../workers/engine/random.ts';
import { initBackend } from '../../workers/engine/backend.ts';
import { sparseProductCount } from '../../workers/engine/wasm/gemm.ts';
import { FusedRMSPropOptimizer } from '../../workers/engine/train/fused-optimizers.ts';
import { threadedSplitCount } from '../../workers/engine/wasm/split.ts';

/** the worker's global, typed structurally (a webworker lib reference would retype the whole tests project) */
declare const self: { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown): void };

/** n deterministic values in [-1, 1) */
function values(n: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: n }, () => 2 * random() - 1);
}

/** every case: named outputs as flat arrays (same seeds on both backends) */
function cases(): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  const keep = (name: string, t: tf.Tensor): void => {
    out[name] = t.dataSync() as Float32Array;
  };
  tf.tidy(() => {
    // partial 4×8 tiles on both edges, every transpose, a long K (chunks), a batch
    for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const a = tf.tensor(values(130 * 300, 1), tA ? [300, 130] : [130, 300]);
      const b = tf.tensor(values(300 * 70, 2), tB ? [70, 300] : [300, 70]);
      keep(`matMul tA=${tA} tB=${tB}`, tf.matMul(a, b, tA, tB));
    }
    const longK = tf.matMul(tf.tensor(values(20000 * 40, 3), [20000, 40]), tf.tensor(values(20000 * 36, 4), [20000, 36]), true, false);
    keep('matMul K=20000 (4 chunks of K)', longK);
    // wide B (its panels are what the threads claim, each packing its own) with chunks of K
    keep('matMul wide B, K=20000', tf.matMul(tf.tensor(values(40 * 20000, 7), [40, 20000]), tf.tensor(values(20000 * 100, 8), [20000, 100])));
    // an A of pixels, 81 % exact zeros (an MNIST batch): products from its non-zeros, rows claimed by the threads
    const pixels = tf.relu(tf.tensor2d(values(128 * 784, 9), [128, 784]).mul(2.6).sub(1.6));
    keep('sparse A: relu(x·W + b), 128×784·784×512', tf.fused.matMul({ a: pixels, b: tf.tensor2d(values(784 * 500, 10), [784, 500]), bias: tf.tensor1d(values(500, 11)), activation: 'relu' }));
    keep('sparse A transposed: xᵀ·g', tf.matMul(pixels, tf.tensor2d(values(128 * 500, 12), [128, 500]), true, false));
    keep('batched matMul', tf.matMul(tf.tensor(values(3 * 100 * 90, 5), [3, 100, 90]), tf.tensor(values(3 * 90 * 60, 6), [3, 90, 60])));
    const bias = tf.tensor1d(values(70, 7));
    keep('fused matMul + bias + relu', tf.fused.matMul({ a: tf.tensor2d(values(130 * 300, 1), [130, 300]), b: tf.tensor2d(values(300 * 70, 2), [300, 70]), bias, activation: 'relu' }));
    /** a 3×3 convolution's forward pass, input and filter gradients (im2col / col2im + GEMM), seeded */
    const convolution = (name: string, shape: [number, number, number, number], filters: number, pad: 'same' | 'valid', seed: number): void => {
      const x = tf.tensor4d(values(shape.reduce((a, b) => a * b), seed), shape);
      const filter = tf.tensor4d(values(9 * shape[3] * filters, seed + 1), [3, 3, shape[3], filters]);
      const conv = (p: tf.Tensor, q: tf.Tensor): tf.Tensor => tf.conv2d(p as tf.Tensor4D, q as tf.Tensor4D, 1, pad);
      const y = conv(x, filter);
      const r = tf.tensor(values(y.size, seed + 2), y.shape);
      keep(name, y);
      const [dx, dw] = tf.grads((p: tf.Tensor, q: tf.Tensor) => conv(p, q).mul(r).sum())([x, filter]);
      keep(`${name} dx`, dx!);
      keep(`${name} dW`, dw!);
    };
    convolution('conv2d', [8, 20, 19, 8], 24, 'same', 8); // 8 channels: dW through im2col_panels
    // a first layer's weight gradient (one channel, valid windows): our direct kernel, relaxed SIMD here
    const x1 = tf.tensor4d(values(4 * 12 * 11, 11), [4, 12, 11, 1]);
    const f1 = tf.tensor4d(values(3 * 3 * 8, 12), [3, 3, 1, 8]);
    const r1 = tf.tensor4d(values(4 * 10 * 9 * 8, 13), [4, 10, 9, 8]);
    const [, dw1] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.conv2d(p as tf.Tensor4D, q as tf.Tensor4D, 1, 'valid').mul(r1).sum())([x1, f1]);
    keep('conv2d dW, one input channel', dw1!);

    // memory-bound kernels cut between the threads (split.ts): by elements or by image
    const maps = tf.tensor4d(values(64 * 26 * 26 * 32, 14), [64, 26, 26, 32]);
    keep('ReLU gradient, 64×26×26×32 (by elements)', tf.grad((p: tf.Tensor) => tf.relu(p).mul(maps).sum())(maps));
    const pooledR = tf.tensor4d(values(16 * 13 * 13 * 32, 15), [16, 13, 13, 32]);
    const maps16 = tf.tensor4d(values(16 * 26 * 26 * 32, 16), [16, 26, 26, 32]);
    keep('2×2 max-pool, 16×26×26×32 (by image)', tf.maxPool(maps16 as tf.Tensor4D, 2, 2, 'valid'));
    keep('2×2 max-pool gradient, 16×26×26×32 (by image)', tf.grad((p: tf.Tensor) => tf.maxPool(p as tf.Tensor4D, 2, 2, 'valid').mul(pooledR).sum())(maps16));
    // im2col, col2im and dW's panels over 1 MB each: cut by image
    convolution('conv2d 32×13×13×32 → 64', [32, 13, 13, 32], 64, 'valid', 17);
  });
  // two RMSprop steps on a 784×512 weight: the fused update by elements (cpu: tfjs' own update)
  const weight = tf.variable(tf.tensor2d(values(784 * 512, 20), [784, 512]));
  const optimizer = new FusedRMSPropOptimizer(0.001, 0.9, 0, 1e-7, false);
  for (const seed of [21, 22]) {
    const gradient = tf.tensor2d(values(784 * 512, seed), [784, 512]);
    optimizer.applyGradients({ [weight.name]: gradient });
    gradient.dispose();
  }
  keep('RMSprop update, 784×512 (by elements)', weight);
  optimizer.dispose();
  weight.dispose();
  return out;
}

self.onmessage = async (event: MessageEvent<{ wasmPaths: string }>) => {
  try {
    const info = await initBackend('wasm', { wasmPaths: event.data.wasmPaths, threads: 2 });
    const wasm = cases();
    await initBackend('cpu');
    const cpu = cases();
    const errors: Record<string, number> = {};
    for (const [name, got] of Object.entries(wasm)) {
      const ref = cpu[name]!;
      let scale = 0;
      for (const v of ref) scale = Math.max(scale, Math.abs(v));
      let worst = got.length === ref.length ? 0 : Infinity;
      for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(got[i]! - ref[i]!) / Math.max(scale, 1e-6));
      errors[name] = worst;
    }
    self.postMessage({ gemmThreads: info.gemmThreads, crossOriginIsolated: info.crossOriginIsolated, errors, sparseProducts: sparseProductCount(), threadedSplits: threadedSplitCount() });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
};
