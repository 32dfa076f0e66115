/**
 * Products from A's non-zeros (sparse.wat, chosen in gemm.ts when A is mostly exact zeros, as an
 * MNIST batch is): the same float32 values as our dense GEMM, bit for bit, and the cpu backend's
 * within 1e-5; a dense A takes the dense path.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { createRandom } from '../random.ts';
import { simdGemm, sparseProductCount, type GemmOperands } from './gemm.ts';

/** [rows, cols] with about `zeros` of its entries exactly 0 and the rest in (0, 1] (pixels), seeded */
function sparseMatrix(rows: number, cols: number, zeros: number, seed: number): Float32Array {
  const u = createRandom(seed);
  return Float32Array.from({ length: rows * cols }, () => (u() < zeros ? 0 : 1 - u()));
}
const values = (n: number, seed: number): Float32Array => {
  const u = createRandom(seed);
  return Float32Array.from({ length: n }, () => 2 * u() - 1);
};

/** C through simdGemm with the sparse path allowed or not */
function product(op: Omit<GemmOperands, 'sparseA'>, dims: { M: number; N: number; K: number }, sparseA: boolean): Float32Array {
  const info = simdGemm(tf.backend() as BackendWasm, { ...op, sparseA }, { ...dims, outBatch: [] });
  const t = tf.engine().makeTensorFromTensorInfo(info);
  const out = t.dataSync() as Float32Array;
  t.dispose();
  return out;
}

async function onCpu(fn: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend('cpu');
  const t = fn();
  const out = t.dataSync() as Float32Array;
  t.dispose();
  await tf.setBackend('wasm');
  return out;
}

function worstRelative(got: Float32Array, want: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / Math.max(1, Math.abs(want[i]!)));
  return worst;
}

describe('products from a sparse A', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  // N = 70: two 32-column slices, one of 4, two single columns; M = 37 rows; K = 300
  const cases = [
    { name: 'A·B', M: 37, K: 300, N: 70, transposeA: false, bias: false, relu: false },
    { name: 'Aᵀ stored [K, M] (a Dense layer’s dW = xᵀ·g)', M: 37, K: 300, N: 70, transposeA: true, bias: false, relu: false },
    { name: 'relu(A·B + bias) (a Dense(relu) layer)', M: 37, K: 300, N: 70, transposeA: false, bias: true, relu: true },
    { name: 'the default recipe’s first layer, 128×784·784×512', M: 128, K: 784, N: 512, transposeA: false, bias: true, relu: true },
  ];
  for (const c of cases) {
    it(`${c.name}: equals the dense GEMM exactly and the cpu backend`, async () => {
      const aValues = sparseMatrix(c.M, c.K, 0.8, 1); // A [M, K], 80 % zeros
      const aStored = c.transposeA ? tf.tidy(() => tf.tensor2d(aValues, [c.M, c.K]).transpose()) : tf.tensor2d(aValues, [c.M, c.K]);
      const b = tf.tensor2d(values(c.K * c.N, 2), [c.K, c.N]);
      const bias = c.bias ? tf.tensor1d(values(c.N, 3)) : null;
      const op = { a: aStored, b, transposeA: c.transposeA, transposeB: false, bias, relu: c.relu };
      const before = sparseProductCount();
      const sparse = product(op, c, true);
      expect(sparseProductCount(), 'the product ran from A’s non-zeros').toBe(before + 1);
      const dense = product(op, c, false);
      expect(sparseProductCount()).toBe(before + 1);
      expect(Array.from(sparse)).toEqual(Array.from(dense));
      const aData = aStored.dataSync();
      const bData = b.dataSync();
      const biasData = bias?.dataSync();
      const cpu = await onCpu(() =>
        tf.tidy(() => {
          const y = tf.matMul(tf.tensor2d(aData, aStored.shape as [number, number]), tf.tensor2d(bData, [c.K, c.N]), c.transposeA, false);
          const z = biasData != null ? y.add(tf.tensor1d(biasData)) : y;
          return c.relu ? z.relu() : z;
        }),
      );
      expect(worstRelative(sparse, cpu)).toBeLessThan(1e-5);
      tf.dispose([aStored, b, bias].filter((t) => t != null));
    });
  }

  it('a dense A (90 % non-zero) takes the dense GEMM', () => {
    const a = tf.tensor2d(sparseMatrix(64, 200, 0.1, 4), [64, 200]);
    const b = tf.tensor2d(values(200 * 64, 5), [200, 64]);
    const before = sparseProductCount();
    product({ a, b, transposeA: false, transposeB: false, bias: null, relu: false }, { M: 64, K: 200, N: 64 }, true);
    expect(sparseProductCount()).toBe(before);
    tf.dispose([a, b]);
  });

  it('a NaN in A is a non-zero: its row of C is NaN, as in the dense product', () => {
    const aValues = sparseMatrix(8, 64, 0.9, 6);
    aValues[3 * 64 + 10] = NaN;
    const a = tf.tensor2d(aValues, [8, 64]);
    const b = tf.tensor2d(values(64 * 40, 7), [64, 40]);
    const before = sparseProductCount();
    const c = product({ a, b, transposeA: false, transposeB: false, bias: null, relu: false }, { M: 8, K: 64, N: 40 }, true);
    expect(sparseProductCount()).toBe(before + 1);
    expect(c.slice(3 * 40, 4 * 40).every(Number.isNaN)).toBe(true);
    expect(c.slice(0, 3 * 40).some(Number.isNaN)).toBe(false);
    tf.dispose([a, b]);
  });
});
