/** The one-node cross-entropy equals Keras' formula as tfjs autodiff computes it: value and gradient. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { computeLoss, EPSILON } from './losses.ts';

/** the chain the lab used before: −mean(Σ target·log(clip(p))) */
function kerasChain(labels: tf.Tensor1D, probs: tf.Tensor): tf.Scalar {
  const target = tf.oneHot(labels, 10).toFloat();
  return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.log(tf.clipByValue(probs, EPSILON, 1 - EPSILON))), -1))) as tf.Scalar;
}

describe('cross-entropy as one tape node', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });
  it('value and d(loss)/d(probs) equal the autodiff of the Keras chain, with clipped rows (p_y = 0, p_y = 1)', () => {
    const labels = tf.tensor1d([3, 0, 9, 9, 5, 1], 'int32');
    const raw = tf.randomUniform([6, 10], 0, 1, 'float32', 7);
    let probs = tf.div(raw, tf.sum(raw, -1, true));
    // row 1: the true digit has probability 0 (clipped below); row 2: probability 1 (clipped above)
    const rows = probs.arraySync() as number[][];
    rows[1] = rows[1]!.map((v, j) => (j === 0 ? 0 : v));
    rows[2] = rows[2]!.map((_, j) => (j === 9 ? 1 : 0));
    probs = tf.tensor2d(rows);
    const ours = tf.valueAndGrad((p: tf.Tensor) => computeLoss('sparse_categorical_crossentropy', labels, p))(probs);
    const chain = tf.valueAndGrad((p: tf.Tensor) => kerasChain(labels, p))(probs);
    expect(ours.value.dataSync()[0]).toBeCloseTo(chain.value.dataSync()[0]!, 6);
    const a = ours.grad.dataSync();
    const b = chain.grad.dataSync();
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!), `element ${i}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b[i]!)));
    // the clipped rows get no gradient, like clipByValue's
    expect(Array.from(a.slice(10, 30)).every((v) => v === 0)).toBe(true);
  });
});
