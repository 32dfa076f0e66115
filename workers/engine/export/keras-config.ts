/**
 * config.json and metadata.json of a Keras 3 `.keras` archive, shaped like Keras 3's
 * `serialize_keras_object(model)`: {module, class_name, config, registered_name, build_config}.
 * No compile_config: Keras omits it for an uncompiled model, and the TF.js optimizer state cannot be
 * carried over, so the model loads ready for inference (USAGE.txt shows how to compile it).
 */
import type { LayerSpec, ModelSpec } from './model-spec.ts';

// Layer dtypes are written as the plain string, which every Keras 3.x release accepts
// (newer releases write a DTypePolicy dict but still read the string).
const DTYPE = 'float32';
/** The Keras version whose saving format this mirrors; Keras does not check it when loading. */
export const KERAS_FORMAT_VERSION = '3.3.3';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function kerasObject(module: string, className: string, config: JsonObject, extra: JsonObject = {}): JsonObject {
  return { module, class_name: className, config, registered_name: null, ...extra };
}

function initializer(className: 'GlorotUniform' | 'Zeros' | 'Ones'): JsonObject {
  return kerasObject('keras.initializers', className, className === 'GlorotUniform' ? { seed: null } : {});
}

const NO_REGULARIZERS = { kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null };

function layerConfig(layer: LayerSpec): JsonObject {
  const common = { name: layer.name, trainable: true, dtype: DTYPE };
  switch (layer.kind) {
    case 'Dense':
      return {
        ...common,
        units: layer.units,
        activation: layer.activation,
        use_bias: layer.useBias,
        kernel_initializer: initializer('GlorotUniform'),
        bias_initializer: initializer('Zeros'),
        ...NO_REGULARIZERS,
      };
    case 'Conv2D':
      return {
        ...common,
        filters: layer.filters,
        kernel_size: layer.kernelSize,
        strides: layer.strides,
        padding: layer.padding,
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        groups: 1,
        activation: layer.activation,
        use_bias: layer.useBias,
        kernel_initializer: initializer('GlorotUniform'),
        bias_initializer: initializer('Zeros'),
        activity_regularizer: null,
        ...NO_REGULARIZERS,
      };
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return { ...common, pool_size: layer.poolSize, padding: layer.padding, strides: layer.strides, data_format: 'channels_last' };
    case 'BatchNormalization':
      return {
        ...common,
        axis: -1,
        momentum: layer.momentum,
        epsilon: layer.epsilon,
        center: layer.center,
        scale: layer.scale,
        beta_initializer: initializer('Zeros'),
        gamma_initializer: initializer('Ones'),
        moving_mean_initializer: initializer('Zeros'),
        moving_variance_initializer: initializer('Ones'),
        beta_regularizer: null,
        gamma_regularizer: null,
        beta_constraint: null,
        gamma_constraint: null,
      };
    case 'Flatten':
      return { ...common, data_format: 'channels_last' };
    case 'Dropout':
      return { ...common, rate: layer.rate, seed: null, noise_shape: null };
    case 'Reshape':
      return { ...common, target_shape: layer.targetShape };
  }
}

const batched = (shape: number[]): Json[] => [null, ...shape];

/** The dict Keras 3 writes to config.json for this Sequential model. */
export function kerasModelConfig(spec: ModelSpec, modelName = 'sequential'): JsonObject {
  const inputLayer = kerasObject('keras.layers', 'InputLayer', {
    batch_shape: batched(spec.inputShape),
    dtype: DTYPE,
    sparse: false,
    name: 'input_layer',
  });
  const layers = spec.layers.map((layer) =>
    kerasObject('keras.layers', layer.kind, layerConfig(layer), { build_config: { input_shape: batched(layer.inputShape) } }),
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
