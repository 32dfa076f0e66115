/**
 * What one layer type is, in one object: its config schema, editor fields, shape rule, TF.js
 * construction, Keras config and code, ONNX nodes, NumPy forward pass and descriptions. Each layer
 * file exports one definition; index.ts collects them in the registry table that every other module
 * reads. Definitions are plain data plus pure functions: TF.js is injected into `build` (a type-only
 * import here), so the renderer can read fields and shapes without bundling TF.js.
 */
import type * as Tfjs from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { Activation } from './activations.ts';
import type { OnnxGraphBuilder, OnnxLayout } from './onnx-builder.ts';
import type { LayerView } from './view.ts';

export type Shape = number[];

type Initializer = ReturnType<typeof Tfjs.initializers.zeros>;

export type FieldKind = 'int' | 'size2d' | 'size2d-or-same' | 'activation' | 'padding' | 'rate' | 'fraction' | 'positive' | 'bool' | 'shape';

/** One control in the model editor. */
export interface LayerField {
  key: string;
  label: string;
  kind: FieldKind;
  /** one line shown as the control's description */
  help: string;
}

export interface LayerInference {
  outputShape: Shape;
  trainableParams: number;
  nonTrainableParams: number;
}

/** Where a layer sits, for messages: `layer` = "layer 3 (Conv2D)", `from` = "layer 2 (Dense)" or "the input image". */
export interface LayerPlace {
  layer: string;
  from: string;
}

export interface BuildContext {
  tf: typeof Tfjs;
  /** the Keras name, plus the model's input shape on the first layer */
  common: { name: string; inputShape?: number[] };
  /** glorot_uniform kernels seeded for this layer, zero biases */
  initializers(): { kernelInitializer: Initializer; biasInitializer: Initializer };
  /** seed for layers that draw random numbers while training */
  dropoutSeed: number;
}

/** One variable of a trained layer. */
export interface WeightArray {
  /** Keras variable name inside its layer: kernel, bias, gamma, beta, moving_mean, moving_variance */
  name: string;
  shape: number[];
  values: Float32Array;
}

/** A layer of a trained model, as the exporters see it (shapes without the batch axis). */
export interface TrainedLayerOf<C> {
  /** Keras auto-name (dense, dense_1, …), also the H5 group and the npz key prefix */
  name: string;
  config: C;
  inputShape: Shape;
  outputShape: Shape;
  /** in Keras order (`weights` of the definition), only those the layer has */
  weights: WeightArray[];
}

/** A first layer's trained kernel as the Evaluate panel draws it: one 28×28 tile per unit, or the filters. */
export type FirstLayerWeights =
  | { kind: 'dense'; units: number; kernel: Float32Array /* [784, units] */ }
  | { kind: 'conv'; filters: number; kernelSize: [number, number]; channels: number; kernel: Float32Array /* [kh, kw, in, out] */ };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Config schemas are strict zod objects whose keys are Keras' argument names. */
export type ConfigSchema = z.ZodObject;

export interface LayerDefinition<S extends ConfigSchema = ConfigSchema> {
  /** Keras' class name, also the spec's class_name */
  className: string;
  schema: S;
  /** what a layer added from the palette starts with (the values Chollet's examples use) */
  editorDefaults: z.input<S>;
  /** one line for the palette */
  blurb: string;
  fields: LayerField[];
  /** how a 28×28 image enters the model when this is the first layer: [784], [28, 28, 1] or [28, 28] */
  firstInput: 'flat' | 'image' | 'grid';
  /** output shape and parameter counts (as Keras' model.summary()); throws ShapeError for an unsuitable input */
  infer(config: z.output<S>, input: Shape, place: LayerPlace): LayerInference;
  /** the activation applied to this layer's output, for the "softmax at the end" rule */
  outputActivation?(config: z.output<S>): Activation;
  build(config: z.output<S>, context: BuildContext): Tfjs.layers.Layer;
  /** the spec config (schema input) of a TF.js layer's getConfig(); throws a message for what cannot be carried over */
  fromTfjs(config: Record<string, unknown>): Record<string, unknown>;
  /** variable names in Keras' save order (also TF.js' order) */
  weights: readonly string[];
  /** the layer-specific part of its Keras 3 config.json entry (name, trainable and dtype are added) */
  kerasConfig(config: z.output<S>): JsonObject;
  /** the spec config from a Keras config.json entry; default: the schema's keys, nulls dropped */
  fromKeras?(config: Record<string, unknown>): Record<string, unknown>;
  /** the arguments of `layers.X(...)` in generated Keras code (the name is added when it is not the default) */
  kerasArgs(config: z.output<S>): string[];
  onnx: {
    /** the layout the layer's nodes expect ('any': they work in both and keep it) */
    layout: OnnxLayout | 'any';
    add(graph: OnnxGraphBuilder, layer: TrainedLayerOf<z.output<S>>): void;
  };
  /** body of `def forward(x, cfg, w)` in predict_numpy.py: x channels-last, w maps variable names to arrays */
  numpy: string;
  /** its kernel (the first weight) drawn as first-layer weights, when it is the model's first layer with weights; absent or null: not drawn */
  firstLayerWeights?(kernel: { shape: readonly number[]; values: Float32Array }): FirstLayerWeights | null;
  /** "Dense 512 relu", "Dropout 0.5": one line for run comparisons */
  describe(config: z.output<S>): string;
  /** how its output is drawn in the layer-by-layer view, given its output shape (see view.ts) */
  view(config: z.output<S>, outputShape: Shape): LayerView;
  /** the word of the run summary line ("Dense 512 → 10"); null: not shown there */
  summary?(config: z.output<S>): { group: string; value: string } | null;
}

/** Identity, for type inference: the config type comes from the schema. */
export function defineLayer<S extends ConfigSchema>(definition: LayerDefinition<S>): LayerDefinition<S> {
  return definition;
}
