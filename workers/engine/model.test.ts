import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, inputShapeOf } from './model.ts';
import { parseSpec, presetSpec, PRESET_NAMES, validateSpec } from './spec/index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('buildModel', () => {
  it.each(PRESET_NAMES)('%s: TF.js counts the same parameters and shapes as validateSpec', (name) => {
    const spec = presetSpec(name);
    const report = validateSpec(spec);
    const model = buildModel(spec);
    expect(model.countParams()).toBe(report.totalParams);
    expect(model.layers.map((l) => l.name)).toEqual(report.layers.map((l) => l.name));
    expect(model.layers.map((l) => (l.outputShape as (number | null)[]).slice(1))).toEqual(report.layers.map((l) => l.outputShape));
    expect(inputShapeOf(model)).toEqual(report.inputShape);
    model.dispose();
  });

  it('uses Keras layer names and builds every layer class', () => {
    const spec = parseSpec({
      layers: [
        { class_name: 'Reshape', config: { target_shape: [28, 28, 1] } },
        { class_name: 'Conv2D', config: { filters: 2, kernel_size: 3, activation: 'elu' } },
        { class_name: 'BatchNormalization' },
        { class_name: 'MaxPooling2D' },
        { class_name: 'AveragePooling2D', config: { pool_size: 3, strides: 2, padding: 'same' } },
        { class_name: 'Flatten' },
        { class_name: 'Dropout', config: { rate: 0.3 } },
        { class_name: 'Dense', config: { units: 16, activation: 'selu' } },
        { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
      ],
      compile: { optimizer: 'adam' },
    });
    const model = buildModel(spec);
    expect(model.layers.map((l) => l.name)).toEqual([
      'reshape', 'conv2d', 'batch_normalization', 'max_pooling2d', 'average_pooling2d', 'flatten', 'dropout', 'dense', 'dense_1',
    ]);
    expect(model.countParams()).toBe(validateSpec(spec).totalParams);
    model.dispose();
  });

  it('same seed → same initial weights; another seed → different; biases start at zero', () => {
    const a = buildModel(presetSpec('chollet-ch2'));
    const b = buildModel(presetSpec('chollet-ch2'));
    const other = presetSpec('chollet-ch2');
    other.fit.seed = 7;
    const c = buildModel(other);
    expect(weightsOf(a)).toEqual(weightsOf(b));
    expect(weightsOf(a)[0]).not.toEqual(weightsOf(c)[0]);
    expect(weightsOf(a)[1]!.every((v) => v === 0)).toBe(true);
    // glorot_uniform limit sqrt(6 / (784 + 512))
    const limit = Math.sqrt(6 / (784 + 512));
    const largest = weightsOf(a)[0]!.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(largest).toBeLessThanOrEqual(limit);
    expect(largest).toBeGreaterThan(limit * 0.99);
    [a, b, c].forEach((m) => m.dispose());
  });
});
