/**
 * Reads a Keras 3 `.keras` archive (config.json + model.weights.h5) of a Sequential model made of
 * the lab's layer types into an engine spec and a TF.js model with the file's weights. Weights
 * live at layers/<snake_class><_counter>/vars/<i> (Keras 3 saving_lib), in Keras' variable order,
 * which is also TF.js's.
 */
import type * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import type * as H5wasmModule from 'h5wasm';
import { buildModel } from '../model.ts';
import { presetSpec } from '../spec/presets.ts';
import { LAYER_CLASSES, type LayerClass, type ModelSpec } from '../spec/schema.ts';
import { parseSpec } from '../spec/validate.ts';

type Json = Record<string, unknown>;

/** Only the settings the lab's spec knows are carried over; the rest are Keras defaults. */
const KEPT_FIELDS: Record<LayerClass, string[]> = {
  Dense: ['units', 'activation', 'use_bias'],
  Conv2D: ['filters', 'kernel_size', 'strides', 'padding', 'activation', 'use_bias'],
  MaxPooling2D: ['pool_size', 'strides', 'padding'],
  AveragePooling2D: ['pool_size', 'strides', 'padding'],
  Flatten: [],
  Dropout: ['rate'],
  BatchNormalization: ['momentum', 'epsilon', 'center', 'scale'],
  Reshape: ['target_shape'],
};

const ACCEPTED_INPUTS = ['784', '28,28', '28,28,1'];

export class ModelImportError extends Error {
  override name = 'ModelImportError';
}

/** Keras' own to_snake_case: Conv2D → conv2d, MaxPooling2D → max_pooling2d. */
function snakeCase(className: string): string {
  return className
    .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

function activationName(value: unknown): unknown {
  // Newer Keras may write an activation as a serialised object instead of its name.
  if (value && typeof value === 'object' && 'config' in value) return (value as { config: { name?: unknown } }).config.name;
  return value;
}

function layerSpecs(config: Json): { class_name: LayerClass; config: Json }[] {
  if (config.class_name !== 'Sequential') {
    throw new ModelImportError(`This .keras file holds a ${String(config.class_name)} model; MNIST Lab reads Sequential models.`);
  }
  const layers = ((config.config as Json | undefined)?.layers ?? []) as { class_name: string; config: Json }[];
  const out: { class_name: LayerClass; config: Json }[] = [];
  for (const [index, layer] of layers.entries()) {
    if (layer.class_name === 'InputLayer') {
      const shape = ((layer.config.batch_shape ?? layer.config.batch_input_shape) as unknown[] | undefined)?.slice(1);
      if (shape && !ACCEPTED_INPUTS.includes(shape.join(','))) {
        throw new ModelImportError(`The model's input is (${shape.join(', ')}); MNIST Lab feeds 28×28 images: (784,), (28, 28) or (28, 28, 1).`);
      }
      continue;
    }
    if (!(LAYER_CLASSES as readonly string[]).includes(layer.class_name)) {
      throw new ModelImportError(`Layer ${index + 1} is a ${layer.class_name}, which MNIST Lab does not have (it knows ${LAYER_CLASSES.join(', ')}).`);
    }
    const className = layer.class_name as LayerClass;
    const kept: Json = {};
    for (const field of KEPT_FIELDS[className]) {
      if (layer.config[field] !== undefined && layer.config[field] !== null) kept[field] = field === 'activation' ? activationName(layer.config[field]) : layer.config[field];
    }
    out.push({ class_name: className, config: kept });
  }
  return out;
}

async function readH5Weights(bytes: Uint8Array, spec: ModelSpec): Promise<{ values: Float32Array; shape: number[] }[][]> {
  const h5wasm: typeof H5wasmModule = await import('h5wasm');
  await h5wasm.ready;
  const FS = h5wasm.FS;
  if (!FS) throw new ModelImportError('The HDF5 reader did not start.');
  const path = `/mnist-lab-import-${Date.now()}-${Math.random().toString(36).slice(2)}.h5`;
  FS.writeFile(path, bytes);
  const file = new h5wasm.File(path, 'r');
  try {
    const counters = new Map<string, number>();
    return spec.layers.map((layer) => {
      const base = snakeCase(layer.class_name);
      const seen = counters.get(base) ?? 0;
      counters.set(base, seen + 1);
      const group = `layers/${seen === 0 ? base : `${base}_${seen}`}/vars`;
      const vars = file.get(group) as InstanceType<typeof h5wasm.Group> | null;
      const names = vars ? vars.keys().sort((a, b) => Number(a) - Number(b)) : [];
      return names.map((name) => {
        const dataset = vars!.get(name) as InstanceType<typeof h5wasm.Dataset>;
        return { values: Float32Array.from(dataset.value as ArrayLike<number>), shape: [...(dataset.shape ?? [])] };
      });
    });
  } finally {
    file.close();
    FS.unlink(path);
  }
}

export async function importKerasArchive(bytes: Uint8Array, tfjs: typeof tf): Promise<{ model: tf.LayersModel; spec: ModelSpec }> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new ModelImportError('This is not a .keras file (it is not a zip archive).');
  }
  const configBytes = entries['config.json'];
  const weightBytes = entries['model.weights.h5'];
  if (!configBytes || !weightBytes) throw new ModelImportError('This .keras file lacks config.json or model.weights.h5.');
  const config = JSON.parse(new TextDecoder().decode(configBytes)) as Json;
  const defaults = presetSpec('chollet-ch2');
  const spec = parseSpec({ ...defaults, name: String((config.config as Json | undefined)?.name ?? 'keras model'), layers: layerSpecs(config) });
  const weights = await readH5Weights(weightBytes, spec);
  const model = buildModel(spec);
  for (const [index, layer] of model.layers.entries()) {
    const expected = layer.getWeights();
    const found = weights[index] ?? [];
    if (found.length !== expected.length || found.some((w, i) => w.shape.join() !== expected[i]!.shape.join())) {
      model.dispose();
      throw new ModelImportError(
        `Layer ${index + 1} (${spec.layers[index]!.class_name}) has weights of shapes [${found.map((w) => `(${w.shape.join(', ')})`).join(', ')}] in the file; the architecture needs [${expected.map((w) => `(${w.shape.join(', ')})`).join(', ')}].`,
      );
    }
    if (found.length > 0) {
      const tensors = found.map((w) => tfjs.tensor(w.values, w.shape));
      layer.setWeights(tensors); // the variables keep their own reference to the data
      for (const t of tensors) t.dispose();
    }
  }
  return { model, spec };
}
