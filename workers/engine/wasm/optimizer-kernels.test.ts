/**
 * The fused optimizer updates (one SIMD kernel per variable on wasm) against tfjs' stock
 * optimizers on the cpu backend: same variables, gradients and hyper-parameters, several steps,
 * odd sizes (scalar tails); values and slots within 1e-5 relative (the float32 operations are the
 * same and in the same order, so in practice they agree to the last bit or two).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { FusedAdamOptimizer, FusedMomentumOptimizer, FusedRMSPropOptimizer, FusedSGDOptimizer } from '../train/fused-optimizers.ts';
import { FUSED_UPDATE } from './optimizer-kernels.ts';

const TOL = 1e-5;
const SHAPES = [[7, 5], [3], [2, 3, 2, 4], [1]];

function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out[i] = s / 2 ** 30 - 1;
  }
  return out;
}

type Make = () => tf.Optimizer;

/** Trains fresh variables for `steps` steps; returns the final variables and optimizer weights as arrays. */
async function train(make: Make, steps: number): Promise<Float32Array[]> {
  const vars = SHAPES.map((shape, i) => tf.variable(tf.tensor(values(tf.util.sizeFromShape(shape), 10 + i), shape), true, `v${i}-${Math.random()}`));
  const optimizer = make();
  for (let step = 0; step < steps; step++) {
    const grads: tf.NamedTensorMap = {};
    vars.forEach((v, i) => (grads[v.name] = tf.tensor(values(v.size, 100 * step + i), v.shape)));
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const weights = await optimizer.getWeights();
  const out = [...vars.map((v) => v.dataSync() as Float32Array), ...weights.map((w) => w.tensor.dataSync() as Float32Array)];
  optimizer.dispose();
  tf.dispose(vars);
  return out;
}

function maxRelErr(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

const cases: [string, Make, Make, string][] = [
  ['rmsprop', () => new FusedRMSPropOptimizer(0.01, 0.9, 0, 1e-7), () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7), FUSED_UPDATE.rmsprop],
  ['rmsprop + momentum', () => new FusedRMSPropOptimizer(0.01, 0.8, 0.5, 1e-6), () => tf.train.rmsprop(0.01, 0.8, 0.5, 1e-6), FUSED_UPDATE.rmsprop],
  ['adam', () => new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-7), () => tf.train.adam(0.01, 0.9, 0.999, 1e-7), FUSED_UPDATE.adam],
  ['sgd + momentum', () => new FusedMomentumOptimizer(0.05, 0.9), () => tf.train.momentum(0.05, 0.9), FUSED_UPDATE.momentum],
  ['sgd + nesterov', () => new FusedMomentumOptimizer(0.05, 0.9, true), () => tf.train.momentum(0.05, 0.9, true), FUSED_UPDATE.momentum],
  ['sgd', () => new FusedSGDOptimizer(0.1), () => tf.train.sgd(0.1), FUSED_UPDATE.sgd],
];

describe('fused optimizer updates on wasm equal tfjs stock optimizers on cpu', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });
  afterAll(async () => {
    await initBackend('wasm');
  });
  for (const [name, fused, stock, kernel] of cases) {
    it(`${name}: variables and slots after 4 steps`, async () => {
      await tf.setBackend('cpu');
      const ref = await train(stock, 4);
      await initBackend('wasm');
      // the fused kernel really runs (and only once per variable per step)
      const calls = { n: 0 };
      const config = tf.getKernel(kernel, 'wasm')!;
      tf.unregisterKernel(kernel, 'wasm');
      tf.registerKernel({ ...config, kernelFunc: (args) => (calls.n++, config.kernelFunc(args)) });
      let got: Float32Array[];
      try {
        got = await train(fused, 4);
      } finally {
        tf.unregisterKernel(kernel, 'wasm');
        tf.registerKernel(config);
      }
      expect(calls.n).toBe(4 * SHAPES.length);
      expect(got.length).toBe(ref.length);
      got.forEach((g, i) => expect(maxRelErr(g, ref[i]!), `array ${i}`).toBeLessThanOrEqual(TOL));
    });
  }
  it('off wasm the fused optimizers run the stock update (cpu: identical results)', async () => {
    await tf.setBackend('cpu');
    const ref = await train(() => tf.train.adam(0.01), 3);
    const got = await train(() => new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-7), 3);
    got.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(ref[i]!)));
  });
  it('the stepped weight is a new tensor each step (XNNPACK packs weights by tensor id)', async () => {
    await initBackend('wasm');
    const w = tf.variable(tf.tensor2d(values(12, 3), [4, 3]));
    const x = tf.tensor2d(values(8, 4), [2, 4]);
    const optimizer = new FusedSGDOptimizer(0.5);
    const before = tf.matMul(x, w).dataSync().slice();
    optimizer.applyGradients({ [w.name]: tf.onesLike(w) });
    const after = tf.matMul(x, w).dataSync();
    const expected = tf.tidy(() => tf.matMul(x, tf.sub(tf.tensor2d(values(12, 3), [4, 3]), 0.5)).dataSync());
    expect(Array.from(after)).not.toEqual(Array.from(before));
    expect(maxRelErr(after as Float32Array, expected as Float32Array)).toBeLessThanOrEqual(1e-6);
    tf.dispose([w, x]);
    optimizer.dispose();
  });
});
