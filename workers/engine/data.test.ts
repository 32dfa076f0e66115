import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../test-support/mnist-files.ts';
import { checkImageSet, imageBatch, labelBatch, lookupTable, pixelTransform } from './data.ts';
import { splitTrainSet } from './train/training.ts';
import { createRandom, deriveSeed, shuffledIndices } from './random.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mnist = loadMnist('train', 1000);

describe('pixel transforms', () => {
  it('scale, raw and standardize map bytes as Keras preprocessing does', () => {
    expect(Array.from(lookupTable(pixelTransform('scale')).subarray(254))).toEqual([Math.fround(254 / 255), 1]);
    expect(lookupTable(pixelTransform('raw'))[200]).toBe(200);
    const t = pixelTransform('standardize', mnist);
    // MNIST's pixel mean is 0.1307 of full scale
    expect(t.mean / 255).toBeCloseTo(0.13, 1);
    let sum = 0;
    let sumSq = 0;
    for (const v of mnist.images) {
      sum += v;
      sumSq += v * v;
    }
    const n = mnist.images.length;
    expect(t.mean).toBeCloseTo(sum / n, 9);
    expect(t.std).toBeCloseTo(Math.sqrt(sumSq / n - (sum / n) ** 2), 9);
    expect(() => pixelTransform('standardize')).toThrow(/needs training images/);
  });

  it('rejects mismatched image bytes and labels that are not digits', () => {
    expect(() => checkImageSet({ images: new Uint8Array(784 * 2), labels: new Uint8Array(3), count: 3 }, 'train set')).toThrow(
      'train set: 1568 image bytes do not match 3 labels × 784 pixels',
    );
    expect(() => checkImageSet({ images: new Uint8Array(784), labels: Uint8Array.of(12), count: 1 }, 'test set')).toThrow('label 0 is 12');
  });
});

describe('batches', () => {
  it('gathers images in the given order, shaped for the model', () => {
    const lut = lookupTable(pixelTransform('scale'));
    const order = Int32Array.of(5, 3, 900);
    const xs = imageBatch(mnist.images, lut, order, 1, 3, [28, 28, 1]);
    expect(xs.shape).toEqual([2, 28, 28, 1]);
    const values = xs.dataSync();
    for (let p = 0; p < 784; p++) {
      expect(values[p]).toBe(Math.fround(mnist.images[3 * 784 + p]! / 255));
      expect(values[784 + p]).toBe(Math.fround(mnist.images[900 * 784 + p]! / 255));
    }
    const ys = labelBatch(mnist.labels, order, 0, 3);
    expect(Array.from(ys.dataSync())).toEqual([mnist.labels[5], mnist.labels[3], mnist.labels[900]]);
    tf.dispose([xs, ys]);
  });

  it('seeded shuffles are permutations, repeatable, and differ by seed', () => {
    const a = shuffledIndices(1000, createRandom(deriveSeed(42, 3)));
    const b = shuffledIndices(1000, createRandom(deriveSeed(42, 3)));
    const c = shuffledIndices(1000, createRandom(deriveSeed(43, 3)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});

describe('splitTrainSet', () => {
  it('takes the subset from the start and the validation split from its end, like Keras', () => {
    const { train, validation } = splitTrainSet(mnist, 500, 0.2);
    expect(train.labels.length).toBe(400);
    expect(validation!.labels.length).toBe(100);
    expect(train.labels[0]).toBe(mnist.labels[0]);
    expect(validation!.labels[0]).toBe(mnist.labels[400]);
    expect(validation!.images.subarray(0, 784)).toEqual(mnist.images.subarray(400 * 784, 401 * 784));
    expect(splitTrainSet(mnist, null, 0).train.labels.length).toBe(1000);
    expect(splitTrainSet(mnist, 5000, 0).train.labels.length).toBe(1000);
    expect(() => splitTrainSet(mnist, 1, 0.5)).toThrow('validation_split 0.5 of 1 examples leaves no training examples');
  });
});
