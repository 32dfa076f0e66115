import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { imageBatch, lookupTable, type PixelTransform } from '../data.ts';
import { buildModel, inputShapeOf } from '../model.ts';
import { predict } from '../predict.ts';
import { parseSpec } from '../spec/index.ts';
import { rankMistakes } from './mistakes.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('rankMistakes', () => {
  it('keeps only wrong answers, highest −log p(true) first', () => {
    const rows = [
      [0.9, 0.1], // true 0, right
      [0.6, 0.4], // true 1, wrong: loss −log 0.4
      [0.99, 0.01], // true 1, wrong: loss −log 0.01
      [1, 0], // true 1, wrong: p(true) 0 → clamped to 1e-7
    ].map((pair) => [...pair, 0, 0, 0, 0, 0, 0, 0, 0]);
    const result = rankMistakes(Float32Array.from(rows.flat()), Uint8Array.from([0, 1, 1, 1]));
    expect([...result.index]).toEqual([3, 2, 1]);
    expect([...result.label]).toEqual([1, 1, 1]);
    expect([...result.predicted]).toEqual([0, 0, 0]);
    expect(result.loss[0]).toBeCloseTo(-Math.log(1e-7), 4);
    expect(result.loss[1]).toBeCloseTo(-Math.log(0.01), 4);
    expect(result.loss[2]).toBeCloseTo(-Math.log(0.4), 4);
    expect(result.confidence[2]).toBeCloseTo(0.6, 6);
    expect(() => rankMistakes(new Float32Array(9), new Uint8Array(1))).toThrow(/10 probabilities per image/);
  });

  it('on a model trained on real MNIST: every wrong answer, sorted, the worst one’s loss TF.js’ crossentropy', async () => {
    const transform: PixelTransform = { mode: 'scale', mean: 0, std: 1 };
    const train = loadMnist('train', 512);
    const test = loadMnist('test', 300);
    const model = buildModel(parseSpec({ layers: [{ class_name: 'Dense', config: { units: 10, activation: 'softmax' } }], compile: { optimizer: 'adam' } }));
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
    const x = imageBatch(train.images, lookupTable(transform), null, 0, train.count, inputShapeOf(model));
    const y = tf.tensor1d(train.labels, 'float32');
    await model.fit(x, y, { epochs: 2, batchSize: 32, verbose: 0 });
    const probabilities = await predict(model, test.images, transform);
    const mistakes = rankMistakes(probabilities, test.labels);
    let wrong = 0;
    for (let i = 0; i < test.count; i++) if (probabilities.subarray(i * 10, i * 10 + 10).indexOf(Math.max(...probabilities.subarray(i * 10, i * 10 + 10))) !== test.labels[i]) wrong++;
    expect(mistakes.index.length).toBe(wrong);
    expect(wrong).toBeGreaterThan(0);
    for (let m = 1; m < mistakes.loss.length; m++) expect(mistakes.loss[m - 1]).toBeGreaterThanOrEqual(mistakes.loss[m]!);
    // The worst mistake's loss is TF.js' own crossentropy for that one image.
    const worst = mistakes.index[0]!;
    const tfLoss = tf.tidy(() =>
      tf.losses.softmaxCrossEntropy(tf.oneHot([test.labels[worst]!], 10), tf.log(tf.tensor2d(probabilities.slice(worst * 10, worst * 10 + 10), [1, 10]))).dataSync()[0]!,
    );
    expect(mistakes.loss[0]).toBeCloseTo(tfLoss, 3);
    tf.dispose([x, y]);
    model.dispose();
  });
});
