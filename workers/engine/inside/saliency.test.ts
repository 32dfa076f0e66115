/**
 * Saliency against a finite-difference check: on a tiny model trained briefly on real MNIST (cpu
 * backend), each pixel's gradient equals (p(x + h) − p(x − h)) / 2h computed by two forward passes.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { imageBatch, lookupTable, type PixelTransform } from '../data.ts';
import { buildModel, inputShapeOf } from '../model.ts';
import { parseSpec } from '../spec/index.ts';
import { saliency } from './saliency.ts';

const SCALE: PixelTransform = { mode: 'scale', mean: 0, std: 1 };
const train = loadMnist('train', 256);
const test = loadMnist('test', 2);
let model: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  // Smooth activations: the central difference is then accurate to O(h²).
  model = buildModel(
    parseSpec({
      layers: [
        { class_name: 'Reshape', config: { target_shape: [28, 28, 1] } },
        { class_name: 'Conv2D', config: { filters: 2, kernel_size: 5, strides: 3, activation: 'tanh' } },
        { class_name: 'Flatten' },
        { class_name: 'Dense', config: { units: 8, activation: 'sigmoid' } },
        { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
      ],
      compile: { optimizer: 'adam' },
    }),
  );
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const x = imageBatch(train.images, lookupTable(SCALE), null, 0, train.count, inputShapeOf(model));
  const y = tf.oneHot(tf.tensor1d(train.labels, 'int32'), 10);
  await model.fit(x, y, { epochs: 2, batchSize: 32, verbose: 0 });
  tf.dispose([x, y]);
});

afterAll(() => model.dispose());

/** p(class) with the pixels as the model sees them, in float64 bookkeeping around float32 passes. */
function probability(pixels: Float32Array, classIndex: number): number {
  return tf.tidy(() => (model.predict(tf.tensor(pixels, [1, 28, 28])) as tf.Tensor).dataSync()[classIndex]!);
}

describe('saliency', () => {
  it.each([undefined, 3])('matches central differences for every pixel (class %s)', async (chosen) => {
    for (let k = 0; k < test.count; k++) {
      const image = test.images.slice(k * 784, (k + 1) * 784);
      const result = await saliency(model, image, SCALE, chosen);
      const pixels = Float32Array.from(image, (v) => v / 255);
      const top = result.probabilities.indexOf(Math.max(...result.probabilities));
      expect(result.classIndex).toBe(chosen ?? top);
      const h = 1e-2;
      let worst = 0;
      let largest = 0;
      for (let p = 0; p < 784; p++) {
        const up = pixels.slice();
        const down = pixels.slice();
        up[p]! += h;
        down[p]! -= h;
        const numeric = (probability(up, result.classIndex) - probability(down, result.classIndex)) / (2 * h);
        worst = Math.max(worst, Math.abs(numeric - result.gradient[p]!));
        largest = Math.max(largest, Math.abs(result.gradient[p]!));
      }
      expect(largest).toBeGreaterThan(1e-3); // a real signal, not all zeros
      // float32 forward passes: differences of probabilities carry ~1e-7 / 2h of rounding noise
      expect(worst / largest).toBeLessThan(2e-2);
    }
  });

  it('refuses a bad image or class, and keeps the tensor count flat', async () => {
    const image = test.images.slice(0, 784);
    await expect(saliency(model, image.slice(1), SCALE)).rejects.toThrow(/784 bytes\), got 783 bytes/);
    await expect(saliency(model, image, SCALE, 10)).rejects.toThrow(/digit 0–9, got 10/);
    await saliency(model, image, SCALE);
    const before = tf.memory().numTensors;
    await saliency(model, image, SCALE, 1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
