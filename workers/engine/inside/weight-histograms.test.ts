import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { imageBatch, lookupTable } from '../data.ts';
import { buildModel, inputShapeOf } from '../model.ts';
import { parseSpec } from '../spec/index.ts';
import { histogram, weightHistograms } from './weight-histograms.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('weight histograms', () => {
  it('bins values between their min and max, the max in the last bin', () => {
    const h = histogram(Float32Array.from([0, 1, 2, 3, 4, 4]), 4);
    expect([...h.counts]).toEqual([1, 1, 1, 3]);
    expect([h.min, h.max]).toEqual([0, 4]);
    expect(h.mean).toBeCloseTo(14 / 6, 10);
    expect(h.std).toBeCloseTo(Math.sqrt((0 + 1 + 4 + 9 + 16 + 16) / 6 - (14 / 6) ** 2), 10);
    expect([...histogram(Float32Array.from([2, 2]), 3).counts]).toEqual([2, 0, 0]);
  });

  it('describes every variable of a trained model, counting each weight once', async () => {
    const model = buildModel(
      parseSpec({
        layers: [
          { class_name: 'Reshape', config: { target_shape: [28, 28, 1] } },
          { class_name: 'Conv2D', config: { filters: 4, kernel_size: 3, activation: 'relu' } },
          { class_name: 'BatchNormalization' },
          { class_name: 'Flatten' },
          { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
        ],
        compile: { optimizer: 'adam' },
      }),
    );
    const train = loadMnist('train', 128);
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const x = imageBatch(train.images, lookupTable({ mode: 'scale', mean: 0, std: 1 }), null, 0, train.count, inputShapeOf(model));
    const y = tf.oneHot(tf.tensor1d(train.labels, 'int32'), 10);
    await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
    const found = await weightHistograms(model, 20);
    expect(found.map((h) => `${h.layer}/${h.variable} ${h.shape.join('×')}`)).toEqual([
      'conv2d/kernel 3×3×1×4',
      'conv2d/bias 4',
      'batch_normalization/gamma 4',
      'batch_normalization/beta 4',
      'batch_normalization/moving_mean 4',
      'batch_normalization/moving_variance 4',
      'dense/kernel 2704×10',
      'dense/bias 10',
    ]);
    const kernel = found.find((h) => h.layer === 'dense' && h.variable === 'kernel')!;
    const values = model.layers.at(-1)!.getWeights()[0]!.dataSync();
    expect(kernel.counts.reduce((a, b) => a + b, 0)).toBe(27_040);
    expect(kernel.min).toBe(Math.min(...values));
    expect(kernel.max).toBe(Math.max(...values));
    // Trained: the biases moved away from their zero start.
    expect(found.find((h) => h.layer === 'dense' && h.variable === 'bias')!.std).toBeGreaterThan(0);
    tf.dispose([x, y]);
    model.dispose();
  });
});
