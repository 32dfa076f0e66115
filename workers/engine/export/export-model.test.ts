/**
 * Trains small models on real MNIST (TF.js cpu backend), exports every format, and proves each
 * export with its own runtime: onnxruntime-web (wasm) for ONNX, Python NumPy for .npz (an
 * independent reference forward pass and the shipped predict_numpy.py), h5py for the Keras 3
 * files, and tf.loadLayersModel for TF.js.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPython, h5Paths, maxAbsDiff, runKerasCheck, runNpzReference, runOnnx, runPredictNumpy } from '../../../test-support/export-runtimes.ts';
import type { KerasReport } from '../../../test-support/export-runtimes.ts';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { exportModel } from './export-model.ts';
import { readTrainedModel } from './trained-model.ts';
import { encodeNpy } from './npy.ts';
import { onnx } from './onnx-proto-module.ts';
import { samePadding } from './onnx-graph.ts';
import type { ExportFile } from './types.ts';

const TEST_COUNT = 200;
const TRAIN_COUNT = 1024; // 16 steps of 64
const TOLERANCE = 1e-4;
const FIXED_DATE = new Date(2026, 10, 29, 12, 0, 0);

interface Trained {
  name: string;
  model: tf.LayersModel;
  /** TF.js predictions on the test images, [TEST_COUNT * 10] */
  expected: Float32Array;
  /** Share of the test images TF.js classifies correctly. */
  accuracy: number;
  dir: string;
  files: ExportFile[];
}

function buildMlp(): tf.Sequential {
  // Every activation except relu/linear (covered by the Flatten model), plus BatchNormalization on
  // a rank-2 tensor (the folded Mul/Add path in ONNX).
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 64, activation: 'selu' }),
      tf.layers.batchNormalization({ momentum: 0.5 }),
      tf.layers.dense({ units: 32, activation: 'elu' }),
      tf.layers.dropout({ rate: 0.2 }),
      tf.layers.dense({ units: 16, activation: 'tanh' }),
      tf.layers.dense({ units: 16, activation: 'sigmoid' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

function buildCnn(): tf.Sequential {
  // 'same' pools with stride 2 on even sizes need asymmetric padding (0 before, 1 after).
  return tf.sequential({
    layers: [
      tf.layers.reshape({ inputShape: [28, 28], targetShape: [28, 28, 1] }),
      tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }), // 28 → 14
      tf.layers.conv2d({ filters: 12, kernelSize: 3, padding: 'valid', activation: 'relu' }), // 14 → 12
      tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }), // 12 → 6
      tf.layers.batchNormalization({ momentum: 0.5 }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.25 }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

function buildFlattenMlp(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28] }),
      tf.layers.dense({ units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 16, activation: 'linear' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

const MODELS: { name: string; build: () => tf.Sequential }[] = [
  { name: 'mlp', build: buildMlp },
  { name: 'cnn', build: buildCnn },
  { name: 'flatten', build: buildFlattenMlp },
];

function inputShapeOf(model: tf.LayersModel): number[] {
  return model.inputs[0]!.shape.slice(1) as number[];
}

function fileOf(t: Trained, name: string): Uint8Array {
  const f = t.files.find((x) => x.name === name);
  if (!f) throw new Error(`export of ${t.name} has no ${name}; got ${t.files.map((x) => x.name).join(', ')}`);
  return f.bytes;
}

let python: string;
let workDir: string;
let scaled: Float32Array; // pixels / 255
const trained = new Map<string, Trained>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  python = findPython();
  workDir = mkdtempSync(join(tmpdir(), 'mnist-lab-export-'));
  const train = loadMnist('train', TRAIN_COUNT);
  const test = loadMnist('test', TEST_COUNT);
  scaled = Float32Array.from(test.images, (p) => p / 255);
  writeFileSync(join(workDir, 'scaled.bin'), scaled);
  writeFileSync(join(workDir, 'pixels.npy'), encodeNpy(test.images, [TEST_COUNT, 28, 28]));

  for (const { name, build } of MODELS) {
    const model = build();
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const shape = inputShapeOf(model);
    const x = tf.tensor(Float32Array.from(train.images, (p) => p / 255), [train.count, ...shape]);
    const y = tf.tensor1d(Float32Array.from(train.labels));
    await model.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0 });
    tf.dispose([x, y]);
    const expected = tf.tidy(() => (model.predict(tf.tensor(scaled, [TEST_COUNT, ...shape])) as tf.Tensor).dataSync() as Float32Array);
    const { files } = await exportModel(model, ['tfjs', 'keras', 'onnx', 'npz'], { modelName: `test ${name}`, date: FIXED_DATE });
    const dir = join(workDir, name);
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.name)), { recursive: true });
      writeFileSync(join(dir, f.name), f.bytes);
    }
    let correct = 0;
    for (let i = 0; i < TEST_COUNT; i++) {
      const row = Array.from(expected.subarray(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === test.labels[i]) correct++;
    }
    trained.set(name, { name, model, expected: Float32Array.from(expected), accuracy: correct / TEST_COUNT, dir, files });
  }
}, 600_000); // trains three models on the cpu backend: minutes on a busy 2-core machine

afterAll(() => {
  for (const t of trained.values()) t.model.dispose();
  if (workDir && !process.env['KEEP_EXPORT_TEST_FILES']) rmSync(workDir, { recursive: true, force: true });
});

function get(name: string): Trained {
  const t = trained.get(name);
  if (!t) throw new Error(`model ${name} was not trained`);
  return t;
}

describe('exportModel', () => {
  it('exports models that really learned, with BatchNormalization statistics far from their initial values', () => {
    for (const t of trained.values()) {
      console.info(`${t.name}: TF.js test accuracy on ${TEST_COUNT} images after ${TRAIN_COUNT / 64} steps = ${(t.accuracy * 100).toFixed(1)} %`);
    }
    // Chance is 10 %; anything well above it means the weights carry what was learned.
    for (const t of trained.values()) expect(t.accuracy, t.name).toBeGreaterThan(0.3);
    for (const name of ['mlp', 'cnn']) {
      const bn = readTrainedModel(get(name).model).layers.find((l) => l.spec.class_name === 'BatchNormalization')!;
      const [, , mean, variance] = bn.weights.map((w) => Array.from(w.values));
      // Untrained statistics (mean 0, variance 1) would make a wrong BatchNormalization export invisible.
      expect(Math.max(...mean!.map(Math.abs))).toBeGreaterThan(0.05);
      expect(Math.max(...variance!.map((v) => Math.abs(v - 1)))).toBeGreaterThan(0.05);
    }
  });

  it('writes every format into its own folder with a USAGE.txt', () => {
    const names = get('cnn').files.map((f) => f.name).sort();
    expect(names).toEqual(
      [
        'keras/USAGE.txt',
        'keras/model.keras',
        'keras/model.weights.h5',
        'npz/USAGE.txt',
        'npz/model.npz',
        'npz/predict_numpy.py',
        'npz/spec.json',
        'onnx/USAGE.txt',
        'onnx/model.onnx',
        'tfjs/USAGE.txt',
        'tfjs/model.json',
        'tfjs/weights.bin',
      ].sort(),
    );
    const usage = new TextDecoder().decode(fileOf(get('cnn'), 'keras/USAGE.txt'));
    expect(usage).toContain('keras.models.load_model("model.keras")');
    expect(usage).toContain('pixels / 255');
  });

  it('gives every file its own whole ArrayBuffer, so the list can be transferred to another thread', () => {
    const buffers = get('cnn').files.map((f) => f.bytes.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
    for (const f of get('cnn').files) expect([f.bytes.byteOffset, f.bytes.byteLength], f.name).toEqual([0, f.bytes.buffer.byteLength]);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await exportModel(get('mlp').model, ['tfjs', 'keras', 'onnx', 'npz']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects layers and activations it cannot export, naming them', () => {
    const gap = tf.sequential({ layers: [tf.layers.globalMaxPooling2d({ inputShape: [28, 28, 1] })] });
    expect(() => readTrainedModel(gap)).toThrow(/GlobalMaxPooling2D, which cannot be exported/);
    const softplus = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 10, activation: 'softplus' })] });
    expect(() => readTrainedModel(softplus)).toThrow(/activation "softplus" cannot be exported/);
    gap.dispose();
    softplus.dispose();
  });

  it('refuses to document standardisation it was not given the statistics for', async () => {
    await expect(exportModel(get('mlp').model, ['npz'], { preprocessing: 'standardize' })).rejects.toThrow(/needs meta.standardize/);
  });

  it('rejects unknown formats', async () => {
    await expect(exportModel(get('mlp').model, ['pickle' as never])).rejects.toThrow(/unknown export format 'pickle'/);
  });
});

describe('ONNX export', () => {
  it('computes TensorFlow’s asymmetric same padding', () => {
    expect(samePadding(28, 3, 1)).toEqual([1, 1]);
    expect(samePadding(28, 3, 2)).toEqual([0, 1]);
    expect(samePadding(12, 3, 2)).toEqual([0, 1]);
    expect(samePadding(28, 2, 2)).toEqual([0, 0]);
  });

  it.each(MODELS.map((m) => m.name))('%s: opset, IR version, input and output are what users are told', (name) => {
    const t = get(name);
    const model = onnx.ModelProto.decode(fileOf(t, 'onnx/model.onnx'));
    expect(Number(model.irVersion)).toBe(7);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 13]]);
    // decode() fills every repeated field, so the class types (non-null arrays) apply.
    const graph = model.graph as OnnxTypes.GraphProto;
    const dims = (v: OnnxTypes.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect(graph.input.map((i) => i.name)).toEqual(['input']);
    expect(dims(graph.input[0]!)).toEqual(['N', ...inputShapeOf(t.model)]);
    expect(graph.output.map((o) => o.name)).toEqual(['probabilities']);
    expect(dims(graph.output[0]!)).toEqual(['N', 10]);
    const produced = new Set(graph.node.flatMap((n) => n.output));
    const known = new Set([...produced, 'input', ...graph.initializer.map((i) => i.name)]);
    for (const node of graph.node as OnnxTypes.NodeProto[]) for (const input of node.input) expect(known.has(input), `${node.name} reads ${input}`).toBe(true);
    expect(produced.has('probabilities')).toBe(true);
  });

  it.each(MODELS.map((m) => m.name))(`%s: onnxruntime-web matches TF.js within ${TOLERANCE}`, async (name) => {
    const t = get(name);
    const probabilities = await runOnnx(fileOf(t, 'onnx/model.onnx'), scaled, [TEST_COUNT, ...inputShapeOf(t.model)]);
    expect(probabilities.dims).toEqual([TEST_COUNT, 10]);
    const diff = maxAbsDiff(probabilities.data, t.expected);
    console.info(`ONNX ${name}: max |Δ| vs TF.js = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('NumPy export', () => {
  it.each(MODELS.map((m) => m.name))(`%s: independent NumPy forward pass matches TF.js within ${TOLERANCE}`, (name) => {
    const t = get(name);
    const shape = [TEST_COUNT, ...inputShapeOf(t.model)];
    const { keys, predictions } = runNpzReference(python, join(t.dir, 'npz'), join(workDir, 'scaled.bin'), shape, join(t.dir, 'npz-reference.bin'));
    const expectedKeys = readTrainedModel(t.model).layers.flatMap((l) => l.weights.map((w) => [`${l.name}/${w.name}`, { dtype: 'float32', shape: w.shape }]));
    expect(keys).toEqual(Object.fromEntries(expectedKeys));
    const diff = maxAbsDiff(predictions, t.expected);
    console.info(`NumPy reference ${name}: max |Δ| vs TF.js = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
  });

  it('names npz arrays like Keras variable paths', () => {
    const spec = JSON.parse(new TextDecoder().decode(fileOf(get('cnn'), 'npz/spec.json'))) as { layers: { name: string; weights: string[] }[] };
    expect(spec.layers.map((l) => [l.name, l.weights])).toEqual([
      ['reshape', []],
      ['conv2d', ['conv2d/kernel', 'conv2d/bias']],
      ['max_pooling2d', []],
      ['conv2d_1', ['conv2d_1/kernel', 'conv2d_1/bias']],
      ['average_pooling2d', []],
      ['batch_normalization', ['batch_normalization/gamma', 'batch_normalization/beta', 'batch_normalization/moving_mean', 'batch_normalization/moving_variance']],
      ['flatten', []],
      ['dropout', []],
      ['dense', ['dense/kernel', 'dense/bias']],
    ]);
  });

  it.each(MODELS.map((m) => m.name))(`%s: the shipped predict_numpy.py matches TF.js within ${TOLERANCE}`, (name) => {
    const t = get(name);
    const { digits, predictions } = runPredictNumpy(python, join(t.dir, 'npz'), join(workDir, 'pixels.npy'), join(t.dir, 'predict-numpy.npy'));
    expect(digits).toHaveLength(TEST_COUNT);
    const diff = maxAbsDiff(predictions, t.expected);
    console.info(`predict_numpy.py ${name}: max |Δ| vs TF.js = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
  });
});

/** A saveable's group as Keras 3 writes it: the group, its `vars`, and one dataset per variable of these shapes. */
const saveable = (path: string, ...vars: number[][]): [string, number[]?][] => [[path, undefined], [`${path}/vars`, undefined], ...vars.map((shape, i): [string, number[]] => [`${path}/vars/${i}`, shape])];

/**
 * What Keras 3 writes (saving_lib._save_state / H5Entry, read in keras-team/keras): a `vars` group
 * per saveable — the model root, then `layers/<snake_case class><_k>` for every layer of
 * `model.layers` (InputLayer excluded), even when empty — holding datasets "0", "1", … in the
 * layer's variable order (BatchNormalization: gamma, beta, moving_mean, moving_variance).
 */
const EXPECTED_KERAS_H5: Record<string, [string, number[]?][]> = {
  cnn: [
    ['layers', undefined],
    ...saveable('layers/average_pooling2d'),
    ...saveable('layers/batch_normalization', [12], [12], [12], [12]),
    ...saveable('layers/conv2d', [3, 3, 1, 8], [8]),
    ...saveable('layers/conv2d_1', [3, 3, 8, 12], [12]),
    ...saveable('layers/dense', [432, 10], [10]),
    ...saveable('layers/dropout'),
    ...saveable('layers/flatten'),
    ...saveable('layers/max_pooling2d'),
    ...saveable('layers/reshape'),
    ['vars', undefined],
  ],
  mlp: [
    ['layers', undefined],
    ...saveable('layers/batch_normalization', [64], [64], [64], [64]),
    ...saveable('layers/dense', [784, 64], [64]),
    ...saveable('layers/dense_1', [64, 32], [32]),
    ...saveable('layers/dense_2', [32, 16], [16]),
    ...saveable('layers/dense_3', [16, 16], [16]),
    ...saveable('layers/dense_4', [16, 10], [10]),
    ...saveable('layers/dropout'),
    ['vars', undefined],
  ],
};

const listingAsExpected = h5Paths;

describe('Keras 3 export', () => {
  const reports = new Map<string, KerasReport>();
  function report(name: string): KerasReport {
    const cached = reports.get(name);
    if (cached) return cached;
    const t = get(name);
    const shape = [TEST_COUNT, ...inputShapeOf(t.model)];
    const { report: parsed, predictions } = runKerasCheck(python, join(t.dir, 'keras'), join(workDir, 'scaled.bin'), shape, join(t.dir, 'keras-reference.bin'));
    const diff = maxAbsDiff(predictions, t.expected);
    console.info(`Keras ${name}: max |Δ| (config.json + h5 via NumPy) vs TF.js = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
    reports.set(name, parsed);
    return parsed;
  }

  it('says plainly that Keras itself is not run', () => {
    console.info('Keras not installable here (no internet, no Debian package): checked the H5 layout with h5py and the predictions with NumPy');
    expect(python).toBeTruthy();
  });

  it.each(['cnn', 'mlp'])('%s: model.weights.h5 and the h5 inside model.keras hold exactly the Keras 3 paths and shapes', (name) => {
    const r = report(name);
    expect(listingAsExpected(r.weights_h5)).toEqual(EXPECTED_KERAS_H5[name]);
    expect(listingAsExpected(r.keras_h5)).toEqual(EXPECTED_KERAS_H5[name]);
    expect(r.standalone_matches_archive).toBe(true);
    expect([r.weights_h5.root_attrs, r.keras_h5.root_attrs]).toEqual([[], []]);
  });

  it.each(MODELS.map((m) => m.name))(`%s: config.json + h5 weights predict like TF.js within ${TOLERANCE}`, (name) => {
    expect(report(name).standalone_matches_archive).toBe(true);
  });

  it('archive holds metadata.json, config.json and model.weights.h5, stored like Python zipfile', () => {
    const r = report('cnn');
    expect(r.zip_names).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
    expect(r.zip_compress_types).toEqual([0]);
    expect(r.metadata).toEqual({ keras_version: '3.3.3', date_saved: '2026-11-29@12:00:00' });
  });

  it('config.json is a serialized keras.Sequential whose layer list starts with its InputLayer', () => {
    const { config } = report('cnn');
    expect([config.module, config.class_name, config.registered_name]).toEqual(['keras', 'Sequential', null]);
    expect(config.build_config).toEqual({ input_shape: [null, 28, 28] });
    expect(config.config.layers.map((l) => [l.class_name, l.config.name])).toEqual([
      ['InputLayer', 'input_layer'],
      ['Reshape', 'reshape'],
      ['Conv2D', 'conv2d'],
      ['MaxPooling2D', 'max_pooling2d'],
      ['Conv2D', 'conv2d_1'],
      ['AveragePooling2D', 'average_pooling2d'],
      ['BatchNormalization', 'batch_normalization'],
      ['Flatten', 'flatten'],
      ['Dropout', 'dropout'],
      ['Dense', 'dense'],
    ]);
  });
});

describe('TF.js export', () => {
  it.each(MODELS.map((m) => m.name))('%s: tf.loadLayersModel on model.json + weights.bin predicts exactly the same', async (name) => {
    const t = get(name);
    const json = JSON.parse(readFileSync(join(t.dir, 'tfjs/model.json'), 'utf8')) as {
      modelTopology: object;
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    };
    expect(json.weightsManifest.map((m) => m.paths)).toEqual([['weights.bin']]);
    const bin = readFileSync(join(t.dir, 'tfjs/weights.bin'));
    const handler: tf.io.IOHandler = {
      load: async () => ({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0]!.weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      }),
    };
    const reloaded = await tf.loadLayersModel(handler);
    const again = tf.tidy(() => (reloaded.predict(tf.tensor(scaled, [TEST_COUNT, ...inputShapeOf(t.model)])) as tf.Tensor).dataSync() as Float32Array);
    reloaded.dispose();
    expect(maxAbsDiff(Float32Array.from(again), t.expected)).toBe(0);
  });
});
