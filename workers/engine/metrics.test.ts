import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../test-support/mnist-files.ts';
import { confusionMatrix, evaluate, precisionRecall } from './metrics.ts';
import { buildModel } from './model.ts';
import { presetSpec } from './spec/index.ts';
import { pixelTransform } from './data.ts';
import { predict } from './predict.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('confusion matrix, precision, recall', () => {
  it('counts true × predicted and divides by column and row sums', () => {
    const labels = [0, 0, 0, 1, 1, 2];
    const predicted = [0, 0, 1, 1, 2, 2];
    const m = confusionMatrix(labels, predicted);
    expect(m[0]!.slice(0, 3)).toEqual([2, 1, 0]);
    expect(m[1]!.slice(0, 3)).toEqual([0, 1, 1]);
    expect(m[2]!.slice(0, 3)).toEqual([0, 0, 1]);
    const { precision, recall } = precisionRecall(m);
    expect(precision.slice(0, 3)).toEqual([1, 0.5, 0.5]);
    expect(recall.slice(0, 3)).toEqual([2 / 3, 0.5, 1]);
    // digits never seen nor predicted
    expect(precision[9]).toBe(0);
    expect(recall[9]).toBe(0);
  });
});

describe('evaluate and predict on real MNIST', () => {
  it('agree with each other and with a loss computed by hand', async () => {
    const test = loadMnist('test', 300);
    const spec = presetSpec('chollet-ch2');
    const model = buildModel(spec);
    const transform = pixelTransform('scale');
    const before = tf.memory().numTensors;
    const result = await evaluate(model, test, transform, 'sparse_categorical_crossentropy', 128);
    const probs = await predict(model, test.images, transform, 100);
    expect(tf.memory().numTensors).toBe(before);

    expect(probs.length).toBe(3000);
    let lossSum = 0;
    let correct = 0;
    const predicted: number[] = [];
    for (let i = 0; i < 300; i++) {
      const row = probs.subarray(i * 10, i * 10 + 10);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      const best = row.indexOf(Math.max(...row));
      predicted.push(best);
      if (best === test.labels[i]) correct++;
      lossSum -= Math.log(Math.min(Math.max(row[test.labels[i]!]!, 1e-7), 1 - 1e-7));
    }
    expect(result.count).toBe(300);
    expect(result.accuracy).toBe(correct / 300);
    expect(result.loss).toBeCloseTo(lossSum / 300, 4);
    expect(result.confusion).toEqual(confusionMatrix(test.labels, predicted));
    expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(300);
    model.dispose();
  });

  it('predict rejects a buffer that is not whole images', async () => {
    const model = buildModel(presetSpec('chollet-ch2'));
    await expect(predict(model, new Uint8Array(100), pixelTransform('scale'))).rejects.toThrow('got 100 bytes, not a positive multiple of 784');
    model.dispose();
  });
});
