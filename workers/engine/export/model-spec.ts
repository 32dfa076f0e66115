/**
 * Reads a trained tf.LayersModel into a plain, format-neutral description (Keras names, Keras
 * shapes, float32 weight copies). Every encoder works from this, so TF.js quirks are handled once.
 */
import type * as tf from '@tensorflow/tfjs';

export const EXPORT_ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'linear'] as const;
export type ExportActivation = (typeof EXPORT_ACTIVATIONS)[number];

export interface WeightArray {
  /** Keras variable name inside its layer: kernel, bias, gamma, beta, moving_mean, moving_variance. */
  name: string;
  shape: number[];
  values: Float32Array;
}

interface LayerBase {
  /** Keras 3 auto-name, also the H5 path segment: dense, dense_1, conv2d, max_pooling2d … */
  name: string;
  /** Shapes without the batch dimension. */
  inputShape: number[];
  outputShape: number[];
  /** In Keras save order (which is also TF.js order). */
  weights: WeightArray[];
}

export type Padding = 'same' | 'valid';

export type LayerSpec =
  | (LayerBase & { kind: 'Dense'; units: number; activation: ExportActivation; useBias: boolean })
  | (LayerBase & {
      kind: 'Conv2D';
      filters: number;
      kernelSize: [number, number];
      strides: [number, number];
      padding: Padding;
      activation: ExportActivation;
      useBias: boolean;
    })
  | (LayerBase & {
      kind: 'MaxPooling2D' | 'AveragePooling2D';
      poolSize: [number, number];
      strides: [number, number];
      padding: Padding;
    })
  | (LayerBase & { kind: 'BatchNormalization'; epsilon: number; momentum: number; center: boolean; scale: boolean })
  | (LayerBase & { kind: 'Flatten' })
  | (LayerBase & { kind: 'Dropout'; rate: number })
  | (LayerBase & { kind: 'Reshape'; targetShape: number[] });

export type LayerKind = LayerSpec['kind'];

export interface ModelSpec {
  /** Without the batch dimension: [28, 28], [784] … */
  inputShape: number[];
  outputShape: number[];
  layers: LayerSpec[];
}

/** Keras' `naming.to_snake_case(class_name)`, which names both the layers and their H5 groups. */
export const KERAS_SNAKE_NAMES: Record<LayerKind, string> = {
  Dense: 'dense',
  Conv2D: 'conv2d',
  MaxPooling2D: 'max_pooling2d',
  AveragePooling2D: 'average_pooling2d',
  BatchNormalization: 'batch_normalization',
  Flatten: 'flatten',
  Dropout: 'dropout',
  Reshape: 'reshape',
};

const WEIGHT_ORDER: Record<LayerKind, readonly string[]> = {
  Dense: ['kernel', 'bias'],
  Conv2D: ['kernel', 'bias'],
  // Keras saves trainable variables first, then non-trainable: gamma, beta, moving_mean, moving_variance.
  BatchNormalization: ['gamma', 'beta', 'moving_mean', 'moving_variance'],
  MaxPooling2D: [],
  AveragePooling2D: [],
  Flatten: [],
  Dropout: [],
  Reshape: [],
};

type Config = Record<string, unknown>;

function isKind(className: string): className is LayerKind {
  return Object.hasOwn(KERAS_SNAKE_NAMES, className);
}

function knownDims(dims: readonly (number | null)[], where: string): number[] {
  if (dims.some((d) => d === null || !Number.isInteger(d) || d <= 0)) {
    throw new Error(`${where}: every dimension except the batch must be known to export, got [${dims.join(', ')}]`);
  }
  return dims as number[];
}

function shapeWithoutBatch(shape: readonly (number | null)[], where: string): number[] {
  return knownDims(shape.slice(1), where);
}

function activationOf(config: Config, where: string): ExportActivation {
  const value = config['activation'] ?? 'linear';
  if (typeof value !== 'string' || !(EXPORT_ACTIVATIONS as readonly string[]).includes(value)) {
    throw new Error(`${where}: activation ${JSON.stringify(value)} cannot be exported; supported: ${EXPORT_ACTIVATIONS.join(', ')}`);
  }
  return value as ExportActivation;
}

function pair(value: unknown, what: string, where: string): [number, number] {
  const arr = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(arr) || arr.length !== 2 || !arr.every((v) => Number.isInteger(v) && v > 0)) {
    throw new Error(`${where}: ${what} must be a positive integer pair, got ${JSON.stringify(value)}`);
  }
  return [arr[0] as number, arr[1] as number];
}

function paddingOf(config: Config, where: string): Padding {
  const value = config['padding'] ?? 'valid';
  if (value !== 'same' && value !== 'valid') throw new Error(`${where}: padding ${JSON.stringify(value)} cannot be exported`);
  return value;
}

function requireChannelsLast(config: Config, where: string): void {
  const format = config['dataFormat'] ?? 'channelsLast';
  if (format !== 'channelsLast') throw new Error(`${where}: only channels-last data is supported, got ${String(format)}`);
}

function readWeights(layer: tf.layers.Layer, kind: LayerKind, where: string): WeightArray[] {
  const byName = new Map<string, WeightArray>();
  for (const variable of layer.weights) {
    const name = variable.originalName.split('/').pop() ?? variable.originalName;
    // Copy: backends may hand out their live buffers, and the model may keep training.
    const values = Float32Array.from(variable.read().dataSync() as Float32Array);
    byName.set(name, { name, shape: knownDims(variable.shape, where), values });
  }
  const ordered = WEIGHT_ORDER[kind].flatMap((name) => {
    const w = byName.get(name);
    return w ? [w] : [];
  });
  if (ordered.length !== byName.size) {
    throw new Error(`${where}: unexpected weights [${[...byName.keys()].join(', ')}] for a ${kind} layer`);
  }
  return ordered;
}

function describeLayer(layer: tf.layers.Layer, name: string, kind: LayerKind): LayerSpec {
  const where = `layer '${layer.name}' (${kind})`;
  const config = layer.getConfig() as Config;
  const input = layer.input as tf.SymbolicTensor;
  const base: LayerBase = {
    name,
    inputShape: shapeWithoutBatch(input.shape, where),
    outputShape: shapeWithoutBatch(layer.outputShape as (number | null)[], where),
    weights: readWeights(layer, kind, where),
  };
  switch (kind) {
    case 'Dense':
      return { ...base, kind, units: Number(config['units']), activation: activationOf(config, where), useBias: config['useBias'] !== false };
    case 'Conv2D': {
      requireChannelsLast(config, where);
      const dilation = pair(config['dilationRate'] ?? 1, 'dilationRate', where);
      if (dilation[0] !== 1 || dilation[1] !== 1) throw new Error(`${where}: dilated convolutions cannot be exported`);
      return {
        ...base,
        kind,
        filters: Number(config['filters']),
        kernelSize: pair(config['kernelSize'], 'kernelSize', where),
        strides: pair(config['strides'] ?? 1, 'strides', where),
        padding: paddingOf(config, where),
        activation: activationOf(config, where),
        useBias: config['useBias'] !== false,
      };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      requireChannelsLast(config, where);
      const poolSize = pair(config['poolSize'], 'poolSize', where);
      return { ...base, kind, poolSize, strides: pair(config['strides'] ?? poolSize, 'strides', where), padding: paddingOf(config, where) };
    }
    case 'BatchNormalization': {
      const axis = Number(config['axis'] ?? -1);
      if (axis !== -1 && axis !== base.inputShape.length) {
        throw new Error(`${where}: only the last (channel) axis can be normalised, got axis ${axis}`);
      }
      return {
        ...base,
        kind,
        epsilon: Number(config['epsilon'] ?? 1e-3),
        momentum: Number(config['momentum'] ?? 0.99),
        center: config['center'] !== false,
        scale: config['scale'] !== false,
      };
    }
    case 'Flatten':
      return { ...base, kind };
    case 'Dropout':
      return { ...base, kind, rate: Number(config['rate'] ?? 0) };
    case 'Reshape':
      return { ...base, kind, targetShape: [...(config['targetShape'] as number[])] };
  }
}

/** Describes a sequential model of the engine's layer types; throws a specific error for anything else. */
export function readModelSpec(model: tf.LayersModel): ModelSpec {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`only single-input, single-output models can be exported (got ${model.inputs.length} inputs, ${model.outputs.length} outputs)`);
  }
  const counters = new Map<LayerKind, number>();
  const layers: LayerSpec[] = [];
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') continue;
    if (!isKind(className)) {
      throw new Error(`layer '${layer.name}' is a ${className}, which cannot be exported; supported: ${Object.keys(KERAS_SNAKE_NAMES).join(', ')}`);
    }
    const seen = counters.get(className) ?? 0;
    counters.set(className, seen + 1);
    const snake = KERAS_SNAKE_NAMES[className];
    layers.push(describeLayer(layer, seen === 0 ? snake : `${snake}_${seen}`, className));
  }
  if (layers.length === 0) throw new Error('the model has no layers to export');
  const inputShape = shapeWithoutBatch(model.inputs[0]!.shape, 'model input');
  const outputShape = shapeWithoutBatch(model.outputs[0]!.shape, 'model output');
  return { inputShape, outputShape, layers };
}

/** Keras-style variable path, e.g. `dense/kernel`; also the .npz key. */
export function weightPath(layer: LayerSpec, weight: WeightArray): string {
  return `${layer.name}/${weight.name}`;
}
