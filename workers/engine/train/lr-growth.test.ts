/** The learning-rate range test's per-batch growth: each optimizer's step really follows the rate, and a growing rate ends in the NaN guard. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { parseSpec, presetSpec } from '../spec/index.ts';
import type { OptimizerSpec } from '../spec/index.ts';
import { createOptimizer, setLearningRate } from './optimizers.ts';
import { createTraining } from './training.ts';

beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
  await tf.ready();
});

/** How far one step on loss = sum(x²) from x = 1 moves x. */
function stepSize(spec: OptimizerSpec, learningRate: number | null): number {
  const optimizer = createOptimizer(spec);
  if (learningRate !== null) setLearningRate(optimizer, learningRate);
  const x = tf.variable(tf.ones([4]));
  optimizer.minimize(() => tf.sum(tf.square(x)) as tf.Scalar, false, [x]);
  const moved = 1 - x.dataSync()[0]!;
  x.dispose();
  optimizer.dispose();
  return moved;
}

describe('setLearningRate', () => {
  for (const name of ['sgd', 'rmsprop', 'adam', 'adagrad'] as const) {
    it(`${name}: a step ten times the rate moves ten times as far`, () => {
      const spec = parseSpec({ ...presetSpec('chollet-ch2'), compile: { optimizer: { name, learning_rate: 0.001 } } }).compile.optimizer;
      const base = stepSize(spec, null);
      expect(base).toBeGreaterThan(0);
      expect(stepSize(spec, 0.01) / base).toBeCloseTo(10, 3);
    });
  }
  it('sgd with momentum follows the rate too', () => {
    const spec = parseSpec({ ...presetSpec('chollet-ch2'), compile: { optimizer: { name: 'sgd', learning_rate: 0.001, momentum: 0.9 } } }).compile.optimizer;
    expect(stepSize(spec, 0.01) / stepSize(spec, null)).toBeCloseTo(10, 3);
  });
});

describe('fit.lr_growth', () => {
  it('grows the rate each batch: the loss first falls, then blows up (or the NaN guard stops the run)', async () => {
    const spec = parseSpec({ ...presetSpec('chollet-ch2'), compile: { optimizer: { name: 'sgd', learning_rate: 0.001 } }, fit: { epochs: 1, batch_size: 16, subset: 2000, lr_growth: 1.1 } });
    const losses: number[] = [];
    let last: { batch: number; mean: number } | null = null;
    const run = createTraining({
      spec,
      train: loadMnist('train', 2000),
      batchEventIntervalMs: 0,
      onEvent: (e) => {
        if (e.type !== 'batch') return;
        losses.push(last ? (e.batch * e.loss - last.batch * last.mean) / (e.batch - last.batch) : e.loss);
        last = { batch: e.batch, mean: e.loss };
      },
    });
    const end = await run.done;
    run.model.dispose();
    // 125 batches: the rate goes from 0.001 to 0.001 × 1.1^124 ≈ 136
    const lowest = Math.min(...losses);
    const lowestAt = losses.indexOf(lowest);
    expect(lowest).toBeLessThan(losses[0]! * 0.7);
    if (end.type === 'error') expect(end.message).toMatch(/the loss became (NaN|infinite)/);
    else expect(Math.max(...losses.slice(lowestAt))).toBeGreaterThan(lowest * 4);
    // without growth the same run does not blow up
    const steady = createTraining({ spec: parseSpec({ ...spec, fit: { ...spec.fit, lr_growth: undefined } }), train: loadMnist('train', 2000), onEvent: () => undefined });
    const steadyEnd = await steady.done;
    steady.model.dispose();
    expect(steadyEnd.type).toBe('done');
  });
});
