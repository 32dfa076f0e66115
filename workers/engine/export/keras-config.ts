/**
 * config.json and metadata.json of a Keras 3 `.keras` archive, shaped like Keras 3's
 * `serialize_keras_object(model)`: {module, class_name, config, registered_name, build_config}.
 * No compile_config: Keras omits it for an uncompiled model, and the TF.js optimizer state cannot be
 * carried over, so the model loads ready for inference (USAGE.txt shows how to compile it).
 */
import { layerDefinition } from '../layers/index.ts';
import type { Json, JsonObject } from '../layers/definition.ts';
import type { TrainedModel } from './trained-model.ts';

// Layer dtypes are written as the plain string, which every Keras 3.x release accepts
// (newer releases write a DTypePolicy dict but still read the string).
const DTYPE = 'float32';
/** The Keras version whose saving format this mirrors; Keras does not check it when loading. */
export const KERAS_FORMAT_VERSION = '3.3.3';

function kerasObject(module: string, className: string, config: JsonObject, extra: JsonObject = {}): JsonObject {
  return { module, class_name: className, config, registered_name: null, ...extra };
}

const batched = (shape: number[]): Json[] => [null, ...shape];

/** The dict Keras 3 writes to config.json for this Sequential model. */
export function kerasModelConfig(spec: TrainedModel, modelName = 'sequential'): JsonObject {
  const inputLayer = kerasObject('keras.layers', 'InputLayer', {
    batch_shape: batched(spec.inputShape),
    dtype: DTYPE,
    sparse: false,
    name: 'input_layer',
  });
  const layers = spec.layers.map(({ name, spec: layer, inputShape }) =>
    kerasObject(
      'keras.layers',
      layer.class_name,
      { name, trainable: true, dtype: DTYPE, ...layerDefinition(layer.class_name).kerasConfig(layer.config) },
      { build_config: { input_shape: batched(inputShape) } },
    ),
  );
  return kerasObject(
    'keras',
    'Sequential',
    { name: modelName, trainable: true, dtype: DTYPE, layers: [inputLayer, ...layers], build_input_shape: batched(spec.inputShape) },
    { build_config: { input_shape: batched(spec.inputShape) } },
  );
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** metadata.json: Keras writes `date_saved` with strftime("%Y-%m-%d@%H:%M:%S") in local time. */
export function kerasMetadata(date: Date): JsonObject {
  const day = `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  const time = `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
  return { keras_version: KERAS_FORMAT_VERSION, date_saved: `${day}@${time}` };
}
