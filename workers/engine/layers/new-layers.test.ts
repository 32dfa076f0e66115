/**
 * The registry's proof: LeakyReLU, GlobalAveragePooling2D and Activation, each added as one file
 * plus one registry line, go through everything a layer type does — editor fields, shapes, real
 * TF.js training on MNIST (the engine's own loop, wasm backend), Keras code, all four exports
 * checked in their own runtimes, and import from `.keras`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPython, h5Paths, maxAbsDiff, runKerasCheck, runNpzReference, runOnnx, runPredictNumpy } from '../../../test-support/export-runtimes.ts';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { specSummary } from '../../../electron/services/runs/spec-summary.ts';
import { defaultLayerConfig } from '../../../renderer/src/model/design.ts';
import { LAYER_BLURBS, LAYER_FIELDS } from '../../../renderer/src/model/layer-fields.ts';
import { describeLayer } from '../../../renderer/src/runs/layer-diff.ts';
import { initBackend } from '../backend.ts';
import { exportModel } from '../export/export-model.ts';
import { onnx } from '../export/onnx-proto-module.ts';
import { encodeNpy } from '../export/npy.ts';
import type { ExportFile } from '../export/types.ts';
import { importModel } from '../import/import-model.ts';
import { buildModel, inputShapeOf } from '../model.ts';
import { kerasCode, parseSpec, validateSpec } from '../spec/index.ts';
import type { ModelSpec } from '../spec/index.ts';
import { createTraining } from '../train/training.ts';
import type { DoneEvent, EpochEvent } from '../train/events.ts';
import { LAYER_CLASSES, LAYERS } from './index.ts';

const NEW_LAYERS = ['LeakyReLU', 'GlobalAveragePooling2D', 'Activation'] as const;
const TEST_COUNT = 200;
const TOLERANCE = 1e-4;

const spec: ModelSpec = parseSpec({
  name: 'new layers',
  layers: [
    { class_name: 'Conv2D', config: { filters: 16, kernel_size: 4, strides: 4 } }, // 28 → 7, linear
    { class_name: 'LeakyReLU', config: { negative_slope: 0.1 } },
    { class_name: 'Conv2D', config: { filters: 32, kernel_size: 3 } }, // 7 → 5
    { class_name: 'Activation', config: { activation: 'relu' } },
    { class_name: 'GlobalAveragePooling2D' }, // (5, 5, 32) → (32)
    { class_name: 'Dense', config: { units: 10 } },
    { class_name: 'Activation', config: { activation: 'softmax' } },
  ],
  compile: { optimizer: { name: 'adam', learning_rate: 0.01 } },
  fit: { epochs: 3, batch_size: 32, seed: 7 },
});

let python: string;
let workDir: string;
let model: tf.LayersModel;
let done: DoneEvent;
const epochs: EpochEvent[] = [];
let files: ExportFile[];
const test = loadMnist('test', TEST_COUNT);
const scaled = Float32Array.from(test.images, (p) => p / 255);
let expected: Float32Array;

const fileOf = (name: string) => {
  const f = files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name} in the export`);
  return f.bytes;
};

beforeAll(async () => {
  await initBackend('wasm');
  python = findPython();
  workDir = mkdtempSync(join(tmpdir(), 'mnist-lab-new-layers-'));
  const run = createTraining({ spec, train: loadMnist('train', 2048), test, onEvent: (e) => e.type === 'epoch' && epochs.push(e) });
  const end = await run.done;
  if (end.type !== 'done') throw new Error(`training failed: ${JSON.stringify(end)}`);
  done = end;
  model = run.model;
  expected = tf.tidy(() => Float32Array.from((model.predict(tf.tensor(scaled, [TEST_COUNT, ...inputShapeOf(model)])) as tf.Tensor).dataSync()));
  ({ files } = await exportModel(model, ['tfjs', 'keras', 'onnx', 'npz'], { modelName: 'new layers', date: new Date(2026, 11, 1, 12) }));
  for (const f of files) {
    mkdirSync(dirname(join(workDir, f.name)), { recursive: true });
    writeFileSync(join(workDir, f.name), f.bytes);
  }
  writeFileSync(join(workDir, 'scaled.bin'), scaled);
  writeFileSync(join(workDir, 'pixels.npy'), encodeNpy(test.images, [TEST_COUNT, 28, 28]));
}, 600_000);

afterAll(() => {
  model?.dispose();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the layer registry', () => {
  it('keys every definition by its Keras class name and holds the three new types', () => {
    for (const className of LAYER_CLASSES) expect(LAYERS[className].className).toBe(className);
    expect(LAYER_CLASSES).toEqual(expect.arrayContaining([...NEW_LAYERS]));
  });

  it.each(NEW_LAYERS)('%s: the palette default validates, and the editor has a field for each of its settings', (className) => {
    const config = defaultLayerConfig(className);
    expect(Object.keys(config).sort()).toEqual(LAYER_FIELDS[className].map((f) => f.key).sort());
    expect(LAYER_BLURBS[className].length).toBeGreaterThan(10);
    const layers = [{ class_name: 'Conv2D', config: { filters: 4, kernel_size: 3 } }, { class_name: className, config }, { class_name: 'Flatten' }, { class_name: 'Dense', config: { units: 10, activation: 'softmax' } }];
    expect(validateSpec({ layers, compile: { optimizer: 'adam' } }).errors).toEqual([]);
  });

  it('gives LeakyReLU Keras 3’s default slope and refuses negative ones', () => {
    const report = validateSpec({ layers: [{ class_name: 'LeakyReLU', config: { negative_slope: -1 } }], compile: { optimizer: 'sgd' } });
    expect(report.errors[0]!.message).toBe('layer 1 (LeakyReLU): negative_slope must be ≥ 0 (Keras refuses negative slopes)');
    expect(LAYERS.LeakyReLU.schema.parse({})).toEqual({ negative_slope: 0.3 });
  });

  it('names what GlobalAveragePooling2D needs and accepts a final Activation softmax', () => {
    const flat = validateSpec({ layers: [{ class_name: 'Dense', config: { units: 10 } }, { class_name: 'GlobalAveragePooling2D' }], compile: { optimizer: 'sgd' } });
    expect(flat.errors[0]!.message).toBe(
      'layer 2 (GlobalAveragePooling2D) needs a 3-D input (height, width, channels) but gets [10] from layer 1 (Dense); image layers must come before Flatten and Dense',
    );
    const noSoftmax = validateSpec({ ...spec, layers: spec.layers.slice(0, -1) });
    expect(noSoftmax.errors.map((e) => e.message)).toEqual([
      "layer 6 (Dense) is the last layer: with loss 'sparse_categorical_crossentropy' it needs activation 'softmax' so its 10 outputs are probabilities (it has 'linear')",
    ]);
  });
});

describe('a model of the new layer types', () => {
  it('has the shapes and parameter counts TF.js builds', () => {
    const report = validateSpec(spec);
    const built = buildModel(spec);
    expect(report.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['conv2d', [7, 7, 16], 4 * 4 * 16 + 16],
      ['leaky_re_lu', [7, 7, 16], 0],
      ['conv2d_1', [5, 5, 32], 3 * 3 * 16 * 32 + 32],
      ['activation', [5, 5, 32], 0],
      ['global_average_pooling2d', [32], 0],
      ['dense', [10], 330],
      ['activation_1', [10], 0],
    ]);
    expect(built.layers.map((l) => [l.name, (l.outputShape as number[]).slice(1), l.countParams()])).toEqual(report.layers.map((l) => [l.name, l.outputShape, l.params]));
    built.dispose();
  });

  it('trains on real MNIST with the engine’s training loop', () => {
    console.info(`new layers: epoch losses ${epochs.map((e) => e.loss.toFixed(3)).join(' → ')}, test accuracy ${(done.test!.accuracy * 100).toFixed(1)} %`);
    expect(epochs).toHaveLength(3);
    expect(epochs[2]!.loss).toBeLessThan(epochs[0]!.loss);
    expect(done.test!.accuracy).toBeGreaterThan(0.3); // chance is 0.1
  });

  it('is summed up in the runs table and in comparisons', () => {
    expect(specSummary(spec)).toBe('Conv 16 → 32 → GAP → Dense 10 · adam · 3 ep');
    expect(spec.layers.map(describeLayer)).toEqual([
      'Conv2D 16 4×4 stride 4×4',
      'LeakyReLU 0.1',
      'Conv2D 32 3×3',
      'Activation relu',
      'GlobalAvgPool',
      'Dense 10',
      'Activation softmax',
    ]);
  });

  it('is written as Keras code', () => {
    const code = kerasCode(spec);
    expect(code).toContain('    layers.LeakyReLU(negative_slope=0.1),\n');
    expect(code).toContain('    layers.Activation("relu"),\n');
    expect(code).toContain('    layers.GlobalAveragePooling2D(),\n');
    expect(code).toContain('    layers.Activation("softmax"),\n');
    expect(kerasCode({ ...spec, layers: [{ class_name: 'LeakyReLU', config: { negative_slope: 0.3 } }] })).toContain('    layers.LeakyReLU(),\n');
  });

  it(`ONNX: onnxruntime-web matches TF.js within ${TOLERANCE}, with LeakyRelu and GlobalAveragePool nodes`, async () => {
    const { dims, data } = await runOnnx(fileOf('onnx/model.onnx'), scaled, [TEST_COUNT, 28, 28, 1]);
    expect(dims).toEqual([TEST_COUNT, 10]);
    const diff = maxAbsDiff(data, expected);
    console.info(`ONNX new layers: max |Δ| vs TF.js = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
    const graph = onnx.ModelProto.decode(fileOf('onnx/model.onnx')).graph as OnnxTypes.GraphProto;
    expect(graph.node.map((n) => n.opType)).toEqual(['Transpose', 'Conv', 'LeakyRelu', 'Conv', 'Relu', 'GlobalAveragePool', 'Flatten', 'MatMul', 'Add', 'Softmax']);
    const leaky = (graph.node as OnnxTypes.NodeProto[]).find((n) => n.opType === 'LeakyRelu')!;
    expect((leaky.attribute as OnnxTypes.AttributeProto[]).map((a) => [a.name, Number(a.f.toFixed(6))])).toEqual([['alpha', 0.1]]);
  });

  it(`NumPy: the independent pass and the shipped predict_numpy.py match TF.js within ${TOLERANCE}`, () => {
    const reference = runNpzReference(python, join(workDir, 'npz'), join(workDir, 'scaled.bin'), [TEST_COUNT, 28, 28, 1], join(workDir, 'ref.bin'));
    expect(Object.keys(reference.keys).sort()).toEqual(['conv2d/bias', 'conv2d/kernel', 'conv2d_1/bias', 'conv2d_1/kernel', 'dense/bias', 'dense/kernel']);
    const shipped = runPredictNumpy(python, join(workDir, 'npz'), join(workDir, 'pixels.npy'), join(workDir, 'predict.npy'));
    expect(shipped.digits).toHaveLength(TEST_COUNT);
    for (const [what, predictions] of [['reference', reference.predictions], ['predict_numpy.py', shipped.predictions]] as const) {
      const diff = maxAbsDiff(predictions, expected);
      console.info(`NumPy ${what} new layers: max |Δ| vs TF.js = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(TOLERANCE);
    }
    const specJson = JSON.parse(strFromU8(fileOf('npz/spec.json'))) as { layers: { class_name: string; config: object }[] };
    expect(specJson.layers[1]).toMatchObject({ class_name: 'LeakyReLU', config: { negative_slope: expect.closeTo(0.1, 6) } });
  });

  it(`Keras 3: h5py finds Keras' layout, and config.json + h5 predict like TF.js within ${TOLERANCE}`, () => {
    const { report, predictions } = runKerasCheck(python, join(workDir, 'keras'), join(workDir, 'scaled.bin'), [TEST_COUNT, 28, 28, 1], join(workDir, 'keras.bin'));
    const weighted = (path: string, ...shapes: number[][]): [string, number[]?][] => [
      [`layers/${path}`, undefined],
      [`layers/${path}/vars`, undefined],
      ...shapes.map((shape, i): [string, number[]] => [`layers/${path}/vars/${i}`, shape]),
    ];
    const layout = [
      ['layers', undefined],
      ...weighted('activation'),
      ...weighted('activation_1'),
      ...weighted('conv2d', [4, 4, 1, 16], [16]),
      ...weighted('conv2d_1', [3, 3, 16, 32], [32]),
      ...weighted('dense', [32, 10], [10]),
      ...weighted('global_average_pooling2d'),
      ...weighted('leaky_re_lu'),
      ['vars', undefined],
    ];
    expect(h5Paths(report.weights_h5)).toEqual(layout);
    expect(h5Paths(report.keras_h5)).toEqual(layout);
    expect(report.standalone_matches_archive).toBe(true);
    const layers = report.config.config.layers;
    expect(layers.map((l) => [l.class_name, l.config.name])).toEqual([
      ['InputLayer', 'input_layer'],
      ['Conv2D', 'conv2d'],
      ['LeakyReLU', 'leaky_re_lu'],
      ['Conv2D', 'conv2d_1'],
      ['Activation', 'activation'],
      ['GlobalAveragePooling2D', 'global_average_pooling2d'],
      ['Dense', 'dense'],
      ['Activation', 'activation_1'],
    ]);
    expect(layers[2]!.config).toMatchObject({ negative_slope: expect.closeTo(0.1, 6), trainable: true, dtype: 'float32' });
    expect(layers[5]!.config).toMatchObject({ data_format: 'channels_last', keepdims: false });
    expect(layers[7]!.config).toMatchObject({ activation: 'softmax' });
    const diff = maxAbsDiff(predictions, expected);
    console.info(`Keras new layers: max |Δ| (config.json + h5 via NumPy) vs TF.js = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
  });

  it('TF.js: model.json + weights.bin load back and predict exactly the same', async () => {
    const reloaded = await importModel([
      { name: 'model.json', bytes: fileOf('tfjs/model.json') },
      { name: 'weights.bin', bytes: fileOf('tfjs/weights.bin') },
    ]);
    const again = tf.tidy(() => Float32Array.from((reloaded.model.predict(tf.tensor(scaled, [TEST_COUNT, 28, 28, 1])) as tf.Tensor).dataSync()));
    reloaded.model.dispose();
    expect(maxAbsDiff(again, expected)).toBe(0);
  });

  it('imports from .keras with the trained weights, as the same layer specs', async () => {
    const imported = await importModel([{ name: 'model.keras', bytes: fileOf('keras/model.keras') }]);
    expect(imported.spec?.layers.map((l) => [l.class_name, 'negative_slope' in l.config ? Number(l.config.negative_slope.toFixed(6)) : null])).toEqual(
      spec.layers.map((l) => [l.class_name, 'negative_slope' in l.config ? l.config.negative_slope : null]),
    );
    expect(imported.spec?.layers.filter((l) => l.class_name === 'Activation').map((l) => l.config)).toEqual([{ activation: 'relu' }, { activation: 'softmax' }]);
    const again = tf.tidy(() => Float32Array.from((imported.model.predict(tf.tensor(scaled, [TEST_COUNT, 28, 28, 1])) as tf.Tensor).dataSync()));
    imported.model.dispose();
    expect(maxAbsDiff(again, expected)).toBeLessThan(1e-6);
  });

  it('imports a Keras 2 style LeakyReLU (alpha) and refuses keepdims=True pooling, naming the layer', async () => {
    const entries = unzipSync(fileOf('keras/model.keras'));
    const withConfig = (edit: (layers: { class_name: string; config: Record<string, unknown> }[]) => void) => {
      const config = JSON.parse(strFromU8(entries['config.json']!)) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
      edit(config.config.layers);
      return zipSync({ ...entries, 'config.json': strToU8(JSON.stringify(config)) });
    };
    const keras2 = withConfig((layers) => {
      const leaky = layers[2]!.config;
      leaky['alpha'] = 0.2;
      delete leaky['negative_slope'];
    });
    const imported = await importModel([{ name: 'old.keras', bytes: keras2 }]);
    expect(imported.spec?.layers[1]).toEqual({ class_name: 'LeakyReLU', config: { negative_slope: 0.2 } });
    imported.model.dispose();
    const keepdims = withConfig((layers) => void (layers[5]!.config['keepdims'] = true));
    await expect(importModel([{ name: 'k.keras', bytes: keepdims }])).rejects.toThrow(/Layer 5 \(GlobalAveragePooling2D\): keepdims=True is not supported/);
  });
});
