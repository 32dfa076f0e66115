/**
 * Export → import round trips: a `.keras` archive and TF.js files come back predicting the same.
 * The models are trained briefly on real MNIST first: a fresh model's zero biases and identity
 * BatchNorm (mean 0, variance 1, gamma 1, beta 0) would let a round trip that drops or swaps those
 * weights pass unnoticed.
 */
import * as tf from '@tensorflow/tfjs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { pixelTransform } from '../data.ts';
import { exportModel } from '../export/index.ts';
import { predict } from '../predict.ts';
import type { ModelSpec } from '../spec/schema.ts';
import { presetSpec } from '../spec/presets.ts';
import { parseSpec } from '../spec/validate.ts';
import { createTraining } from '../train/training.ts';
import { importModel } from './import-model.ts';

const images = loadMnist('test', 64).images;
const trainSet = loadMnist('train', 512);
const scale = pixelTransform('scale');

/** One epoch on 512 real MNIST images (8 batches of 64): enough to move every weight off its initial value. */
async function trainBriefly(spec: ModelSpec): Promise<tf.LayersModel> {
  const fit = { ...spec.fit, epochs: 1, batch_size: 64, validation_split: 0, subset: 512 };
  const run = createTraining({ spec: { ...spec, fit }, train: trainSet, onEvent: () => undefined });
  expect((await run.done).type).toBe('done');
  return run.model;
}

/** Which weights start where: a trained model must have moved every one of them. Returns the kinds it checked. */
const INITIAL: Record<string, number> = { bias: 0, beta: 0, moving_mean: 0, gamma: 1, moving_variance: 1 };

function expectTrained(model: tf.LayersModel): string[] {
  const checked = new Set<string>();
  for (const variable of model.weights) {
    const kind = variable.originalName.split('/').at(-1)!;
    const initial = INITIAL[kind];
    if (initial === undefined) continue;
    const values = variable.read().dataSync();
    const moved = Math.max(...Array.from(values, (v) => Math.abs(v - initial)));
    expect(moved, `${variable.originalName} is still at its initial ${initial}`).toBeGreaterThan(1e-3);
    checked.add(kind);
  }
  return [...checked].sort();
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const cnn = parseSpec({
  ...presetSpec('lenet5'),
  layers: [
    { class_name: 'Conv2D', config: { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' } },
    { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
    { class_name: 'BatchNormalization', config: {} },
    { class_name: 'Flatten', config: {} },
    { class_name: 'Dropout', config: { rate: 0.2 } },
    { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
  ],
});

describe.each([
  ['the default MLP', presetSpec('chollet-ch2'), ['bias']],
  ['a CNN with every weighted layer type', cnn, ['beta', 'bias', 'gamma', 'moving_mean', 'moving_variance']],
])('importing %s', (_name, spec, trainedKinds) => {
  it('from .keras and from TF.js files predicts exactly like the exported (trained) model', async () => {
    const original = await trainBriefly(spec);
    expect(expectTrained(original)).toEqual(trainedKinds);
    const expected = await predict(original, images, scale);
    const { files } = await exportModel(original, ['keras', 'tfjs']);
    const byName = (name: string) => files.find((f) => f.name === name)!;

    const keras = await importModel([{ name: 'model.keras', bytes: byName('keras/model.keras').bytes }]);
    expect(keras.spec?.layers.map((l) => l.class_name)).toEqual(spec.layers.map((l) => l.class_name));
    expect(keras.assumedPreprocessing).toBe(true);
    const fromKeras = await predict(keras.model, images, keras.transform);
    expect(Math.max(...fromKeras.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-6);

    const tfjs = await importModel([
      { name: 'model.json', bytes: byName('tfjs/model.json').bytes },
      { name: 'weights.bin', bytes: byName('tfjs/weights.bin').bytes },
    ]);
    expect(Array.from(await predict(tfjs.model, images, tfjs.transform))).toEqual(Array.from(expected));
    for (const m of [original, keras.model, tfjs.model]) m.dispose();
  });
});

describe('bad model files', () => {
  it('are refused with a specific message', async () => {
    await expect(importModel([{ name: 'x.keras', bytes: strToU8('not a zip') }])).rejects.toThrow(/not a zip archive/);
    const functional = zipSync({ 'config.json': strToU8(JSON.stringify({ class_name: 'Functional', config: {} })), 'model.weights.h5': new Uint8Array(8) });
    await expect(importModel([{ name: 'f.keras', bytes: functional }])).rejects.toThrow(/Functional model; MNIST Lab reads Sequential/);
    const lstm = zipSync({
      'config.json': strToU8(JSON.stringify({ class_name: 'Sequential', config: { layers: [{ class_name: 'LSTM', config: {} }] } })),
      'model.weights.h5': new Uint8Array(8),
    });
    await expect(importModel([{ name: 'l.keras', bytes: lstm }])).rejects.toThrow(/Layer 1 is a LSTM, which MNIST Lab does not have/);
    await expect(importModel([{ name: 'model.json', bytes: strToU8('{"modelTopology":{},"weightsManifest":[{"paths":["w.bin"],"weights":[]}]}') }])).rejects.toThrow(
      /needs w\.bin: choose it too/,
    );
    expect(Object.keys(unzipSync(functional))).toContain('config.json');
  });
});
