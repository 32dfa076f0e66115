import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { initBackend } from '../../../workers/engine/backend.ts';
import { mnistImageOfStrokes } from './pipeline.ts';
import { MNIST_PIXELS } from './preprocess.ts';
import { strokesForDigit } from './test-strokes.ts';

// The e2e test draws these strokes with the mouse and expects a model trained on MNIST to read
// them: check that here with the book's network trained briefly on real MNIST digits.
describe('strokesForDigit', () => {
  let model: tf.LayersModel;

  beforeAll(async () => {
    await initBackend('wasm');
    const { images, labels, count } = loadMnist('train', 10_000);
    const x = tf.tensor2d(Float32Array.from(images, (v) => v / 255), [count, MNIST_PIXELS]); // [n, 784]
    const y = tf.tensor1d(Float32Array.from(labels)); // [n]
    const net = tf.sequential({
      layers: [
        tf.layers.dense({ units: 512, activation: 'relu', inputShape: [MNIST_PIXELS], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
        tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      ],
    });
    net.compile({ optimizer: 'rmsprop', loss: 'sparseCategoricalCrossentropy' });
    // Seeded weights and no shuffling (MNIST's order is already mixed): the same network every run.
    await net.fit(x, y, { epochs: 2, batchSize: 128, shuffle: false, verbose: 0 });
    x.dispose();
    y.dispose();
    model = net;
  });

  afterAll(() => model?.dispose());

  function read(digit: number, placement: { x: number; y: number; size: number }): number {
    const image = mnistImageOfStrokes(strokesForDigit(digit, placement))!;
    return tf.tidy(() => (model.predict(tf.tensor2d(Float32Array.from(image, (v) => v / 255), [1, MNIST_PIXELS])) as tf.Tensor).argMax(1).dataSync()[0]!);
  }

  it('draws all ten digits inside the placement square', () => {
    const placement = { x: 0.3, y: 0.2, size: 0.4 };
    for (let digit = 0; digit <= 9; digit++) {
      for (const point of strokesForDigit(digit, placement).flat()) {
        expect(point.x).toBeGreaterThanOrEqual(0.3);
        expect(point.x).toBeLessThanOrEqual(0.7);
        expect(point.y).toBeGreaterThanOrEqual(0.2);
        expect(point.y).toBeLessThanOrEqual(0.6);
      }
    }
    expect(() => strokesForDigit(10, placement)).toThrow(/integer 0–9, got 10/);
  });

  it('are read correctly by a small MNIST-trained network (≥ 9 of 10 at each of several placements)', () => {
    const placements = [
      { x: 0.15, y: 0.12, size: 0.72 },
      { x: 0.05, y: 0.05, size: 0.4 },
      { x: 0.5, y: 0.45, size: 0.45 },
      { x: 0.02, y: 0.02, size: 0.95 },
    ];
    for (const placement of placements) {
      const wrong = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((digit) => ({ digit, read: read(digit, placement) })).filter((r) => r.read !== r.digit);
      expect(wrong.length, `misread at ${JSON.stringify(placement)}: ${JSON.stringify(wrong)}`).toBeLessThanOrEqual(1);
    }
  });
});
