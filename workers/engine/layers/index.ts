/**
 * The layer registry: every layer type the lab knows, one line each. The spec schema, shape
 * inference, TF.js model, Keras code, editor, run summaries and every exporter and importer read
 * this table. A new layer type is one file exporting a `defineLayer({...})` plus one line here.
 */
import type { z } from 'zod';
import { activationLayer } from './activation.ts';
import { averagePooling2d } from './average-pooling2d.ts';
import { batchNormalization } from './batch-normalization.ts';
import { conv2d } from './conv2d.ts';
import type { LayerDefinition } from './definition.ts';
import { dense } from './dense.ts';
import { dropout } from './dropout.ts';
import { flatten } from './flatten.ts';
import { globalAveragePooling2d } from './global-average-pooling2d.ts';
import { leakyRelu } from './leaky-relu.ts';
import { maxPooling2d } from './max-pooling2d.ts';
import { reshape } from './reshape.ts';

/** In palette order. Keys are Keras class names (checked against each definition's className by a test). */
export const LAYERS = {
  Dense: dense,
  Conv2D: conv2d,
  MaxPooling2D: maxPooling2d,
  AveragePooling2D: averagePooling2d,
  GlobalAveragePooling2D: globalAveragePooling2d,
  Flatten: flatten,
  Dropout: dropout,
  BatchNormalization: batchNormalization,
  Activation: activationLayer,
  LeakyReLU: leakyRelu,
  Reshape: reshape,
};

export type LayerClass = keyof typeof LAYERS;
export const LAYER_CLASSES = Object.keys(LAYERS) as LayerClass[];

type SchemaOf<K extends LayerClass> = (typeof LAYERS)[K]['schema'];
/** A complete (default-filled) config of one layer class. */
export type LayerConfigOf<K extends LayerClass> = z.output<SchemaOf<K>>;
/** One layer of a validated spec. */
export type LayerSpec = { [K in LayerClass]: { class_name: K; config: LayerConfigOf<K> } }[LayerClass];
/** What a spec author may write for one layer (defaults may be left out). */
export type LayerSpecInput = { [K in LayerClass]: { class_name: K; config?: z.input<SchemaOf<K>> } }[LayerClass];

export function isLayerClass(name: unknown): name is LayerClass {
  return typeof name === 'string' && Object.hasOwn(LAYERS, name);
}

/**
 * The definition of a layer class, typed for generic callers: its functions take the config of a
 * LayerSpec of that class (the pairing LayerSpec guarantees).
 */
export function layerDefinition(className: LayerClass): LayerDefinition {
  return LAYERS[className] as unknown as LayerDefinition;
}

export { ACTIVATIONS, isActivation } from './activations.ts';
export type { Activation } from './activations.ts';
export type { FieldKind, FirstLayerWeights, LayerDefinition, LayerField, LayerInference, Shape, TrainedLayerOf, WeightArray } from './definition.ts';
export { ShapeError, pair, showShape } from './common.ts';
export { viewOfOutput } from './view.ts';
export type { LayerView } from './view.ts';
export { kerasAutoNames, kerasSnakeCase } from './naming.ts';
