/**
 * The layer-by-layer outputs equal a hand-written forward pass of each layer type (float64 loops
 * in test-support/manual-forward.ts), on models trained briefly on real MNIST (TF.js cpu backend).
 * Each layer is checked from the previous layer's reported output, so an error is pinned to its layer.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualForward, type Tensor3 } from '../../../test-support/manual-forward.ts';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { imageBatch, lookupTable, type PixelTransform } from '../data.ts';
import { readTrainedModel } from '../export/trained-model.ts';
import { LAYER_CLASSES, type LayerSpecInput } from '../layers/index.ts';
import { buildModel, inputShapeOf } from '../model.ts';
import { parseSpec } from '../spec/index.ts';
import { layerOutputs } from './layer-outputs.ts';

const TOLERANCE = 1e-5;
const SCALE: PixelTransform = { mode: 'scale', mean: 0, std: 1 };
const train = loadMnist('train', 256);
const test = loadMnist('test', 3);

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(async () => {
  for (const model of cache.values()) (await model).dispose();
});

const cache = new Map<string, Promise<tf.LayersModel>>();

/** One epoch of Adam on 256 real digits: trained weights, moved BatchNormalization statistics. Kept for the file. */
function trained(name: string): Promise<tf.LayersModel> {
  let model = cache.get(name);
  if (!model) cache.set(name, (model = train1(MODELS[name]!)));
  return model;
}

async function train1(layers: LayerSpecInput[]): Promise<tf.LayersModel> {
  const model = buildModel(parseSpec({ layers, compile: { optimizer: 'adam' } }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const x = imageBatch(train.images, lookupTable(SCALE), null, 0, train.count, inputShapeOf(model));
  const y = tf.oneHot(tf.tensor1d(train.labels, 'int32'), 10);
  await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
  tf.dispose([x, y]);
  return model;
}

const MODELS: Record<string, LayerSpecInput[]> = {
  mlp: [
    { class_name: 'Dense', config: { units: 24, activation: 'selu' } },
    { class_name: 'BatchNormalization', config: { momentum: 0.5 } },
    { class_name: 'Dropout', config: { rate: 0.3 } },
    { class_name: 'Dense', config: { units: 12, activation: 'tanh' } },
    { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
  ],
  convnet: [
    { class_name: 'Conv2D', config: { filters: 4, kernel_size: 3, activation: 'relu' } },
    { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
    { class_name: 'Conv2D', config: { filters: 3, kernel_size: [3, 2], strides: 2, padding: 'same', activation: 'elu' } },
    { class_name: 'AveragePooling2D', config: { pool_size: 3, strides: 2, padding: 'same' } },
    { class_name: 'BatchNormalization', config: { momentum: 0.5 } },
    { class_name: 'LeakyReLU', config: { negative_slope: 0.2 } },
    { class_name: 'Activation', config: { activation: 'sigmoid' } },
    { class_name: 'GlobalAveragePooling2D' },
    { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
  ],
  reshaped: [
    { class_name: 'Reshape', config: { target_shape: [28, 28, 1] } },
    { class_name: 'AveragePooling2D', config: { pool_size: 2 } },
    { class_name: 'Flatten' },
    { class_name: 'Dense', config: { units: 10 } },
    { class_name: 'Activation', config: { activation: 'softmax' } },
  ],
};

describe('layerOutputs', () => {
  it('the test models cover every layer type of the registry', () => {
    const covered = new Set(Object.values(MODELS).flatMap((layers) => layers.map((l) => l.class_name)));
    expect([...covered].sort()).toEqual([...LAYER_CLASSES].sort());
  });

  it.each(Object.keys(MODELS))('%s: every layer equals a manual forward pass within 1e-5', async (name) => {
    const model = await trained(name);
    const description = readTrainedModel(model);
    for (let k = 0; k < test.count; k++) {
      const image = test.images.slice(k * 784, (k + 1) * 784);
      const result = await layerOutputs(model, image, SCALE);
      expect(result.layers.map((l) => l.className)).toEqual(MODELS[name]!.map((l) => l.class_name));
      let input: Tensor3 = { shape: result.inputShape, values: Float64Array.from(image, (v) => v / 255) };
      description.layers.forEach((layer, i) => {
        const output = result.layers[i]!;
        const expected = manualForward(layer.spec, input, layer.weights.map((w) => w.values));
        expect(output.shape, layer.name).toEqual(expected.shape);
        expect(output.values.length).toBe(expected.values.length);
        let worst = 0;
        expected.values.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - output.values[j]!))));
        expect(worst, `${name} ${layer.name} (${layer.spec.class_name})`).toBeLessThan(TOLERANCE);
        input = { shape: output.shape, values: Float64Array.from(output.values) };
      });
      // The last layer is what predict() answers.
      const probabilities = tf.tidy(() => (model.predict(imageBatch(image, lookupTable(SCALE), null, 0, 1, inputShapeOf(model))) as tf.Tensor).dataSync());
      const last = result.layers.at(-1)!;
      expect(last.view).toBe('probabilities');
      last.values.forEach((v, j) => expect(v).toBeCloseTo(probabilities[j]!, 6));
    }
  });

  it('names each layer’s view from its registry definition', async () => {
    const model = await trained('convnet');
    const result = await layerOutputs(model, test.images.slice(0, 784), SCALE);
    expect(result.layers.map((l) => [l.className, l.view, l.shape.join('×')])).toEqual([
      ['Conv2D', 'feature-maps', '26×26×4'],
      ['MaxPooling2D', 'feature-maps', '13×13×4'],
      ['Conv2D', 'feature-maps', '7×7×3'],
      ['AveragePooling2D', 'feature-maps', '4×4×3'],
      ['BatchNormalization', 'shape', '4×4×3'],
      ['LeakyReLU', 'feature-maps', '4×4×3'],
      ['Activation', 'feature-maps', '4×4×3'],
      ['GlobalAveragePooling2D', 'units', '3'],
      ['Dense', 'probabilities', '10'],
    ]);
  });

  it('refuses anything but one 28×28 image, and keeps the tensor count flat', async () => {
    const model = await trained('reshaped');
    await expect(layerOutputs(model, new Uint8Array(783), SCALE)).rejects.toThrow(/784 bytes\), got 783 bytes/);
    await layerOutputs(model, test.images.slice(0, 784), SCALE);
    const before = tf.memory().numTensors;
    await layerOutputs(model, test.images.slice(0, 784), SCALE);
    expect(tf.memory().numTensors).toBe(before);
  });
});
