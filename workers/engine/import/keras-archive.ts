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
import { kerasActivationName } from '../layers/common.ts';
import { isLayerClass, kerasAutoNames, LAYER_CLASSES, layerDefinition } from '../layers/index.ts';
import type { LayerClass } from '../layers/index.ts';
import type { ModelSpec } from '../spec/schema.ts';
import { parseSpec } from '../spec/validate.ts';

type Json = Record<string, unknown>;

/** Only the settings the lab's spec knows are carried over (the schema's keys); the rest are Keras defaults. */
function specConfig(className: LayerClass, config: Json): Json {
  const definition = layerDefinition(className);
  if (definition.fromKeras) return definition.fromKeras(config);
  const kept: Json = {};
  for (const key of Object.keys(definition.schema.shape)) {
    if (key === 'name' || config[key] === undefined || config[key] === null) continue;
    kept[key] = key === 'activation' ? kerasActivationName(config[key]) : config[key];
  }
  return kept;
}

const ACCEPTED_INPUTS = ['784', '28,28', '28,28,1'];

export class ModelImportError extends Error {
  override name = 'ModelImportError';
}

function layerSpecs(config: Json): { class_name: LayerClass; config: Json }[] {
  if (config.class_name !== 'Sequential') {
    throw new ModelImportError(`This .keras file holds a ${String(config.class_name)} model; MNIST Lab reads Sequential models.`);
  }
  const layers = ((config.config as Json | undefined)?.layers ?? []) as { class_name: string; config: Json }[];
  const out: { class_name: LayerClass; config: Json }[] = [];
  for (const layer of layers) {
    // "Layer N" counts the lab's way: the InputLayer is not one of the model's layers.
    const index = out.length;
    if (layer.class_name === 'InputLayer') {
      const shape = ((layer.config.batch_shape ?? layer.config.batch_input_shape) as unknown[] | undefined)?.slice(1);
      if (shape && !ACCEPTED_INPUTS.includes(shape.join(','))) {
        throw new ModelImportError(`The model's input is (${shape.join(', ')}); MNIST Lab feeds 28×28 images: (784,), (28, 28) or (28, 28, 1).`);
      }
      continue;
    }
    if (!isLayerClass(layer.class_name)) {
      throw new ModelImportError(`Layer ${index + 1} is a ${layer.class_name}, which MNIST Lab does not have (it knows ${LAYER_CLASSES.join(', ')}).`);
    }
    try {
      out.push({ class_name: layer.class_name, config: specConfig(layer.class_name, layer.config ?? {}) });
    } catch (error) {
      throw new ModelImportError(`Layer ${index + 1} (${layer.class_name}): ${(error as Error).message}.`);
    }
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
    // Keras names the H5 groups by class, never by the layer's own name.
    const groups = kerasAutoNames(spec.layers.map((layer) => ({ className: layer.class_name })));
    return spec.layers.map((_layer, index) => {
      const group = `layers/${groups[index]!}/vars`;
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
