/**
 * Reads a trained tf.LayersModel into a plain, format-neutral description: each layer's spec (the
 * engine's one LayerSpec type, from the registry's `fromTfjs`), its Keras name, shapes and float32
 * weight copies. Every encoder works from this, so TF.js quirks are handled once.
 */
import type * as tf from '@tensorflow/tfjs';
import { isLayerClass, kerasAutoNames, LAYER_CLASSES, layerDefinition } from '../layers/index.ts';
import type { LayerSpec, WeightArray } from '../layers/index.ts';

export type { WeightArray } from '../layers/index.ts';

export interface TrainedLayer {
  /** Keras 3 auto-name, also the H5 path segment: dense, dense_1, conv2d, max_pooling2d … */
  name: string;
  spec: LayerSpec;
  /** Shapes without the batch dimension. */
  inputShape: number[];
  outputShape: number[];
  /** In Keras save order (which is also TF.js order). */
  weights: WeightArray[];
}

export interface TrainedModel {
  /** Without the batch dimension: [28, 28], [784] … */
  inputShape: number[];
  outputShape: number[];
  layers: TrainedLayer[];
}

function knownDims(dims: readonly (number | null)[], where: string): number[] {
  if (dims.some((d) => d === null || !Number.isInteger(d) || d <= 0)) {
    throw new Error(`${where}: every dimension except the batch must be known to export, got [${dims.join(', ')}]`);
  }
  return dims as number[];
}

const shapeWithoutBatch = (shape: readonly (number | null)[], where: string) => knownDims(shape.slice(1), where);

function readWeights(layer: tf.layers.Layer, order: readonly string[], className: string, where: string): WeightArray[] {
  const byName = new Map<string, WeightArray>();
  for (const variable of layer.weights) {
    const name = variable.originalName.split('/').pop() ?? variable.originalName;
    // Copy: backends may hand out their live buffers, and the model may keep training.
    const values = Float32Array.from(variable.read().dataSync() as Float32Array);
    byName.set(name, { name, shape: knownDims(variable.shape, where), values });
  }
  const ordered = order.flatMap((name) => {
    const w = byName.get(name);
    return w ? [w] : [];
  });
  if (ordered.length !== byName.size) throw new Error(`${where}: unexpected weights [${[...byName.keys()].join(', ')}] for a ${className} layer`);
  return ordered;
}

function layerSpec(layer: tf.layers.Layer, className: LayerSpec['class_name'], where: string): LayerSpec {
  const definition = layerDefinition(className);
  let input: Record<string, unknown>;
  try {
    input = definition.fromTfjs(layer.getConfig() as Record<string, unknown>);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const parsed = definition.schema.safeParse(input);
  if (!parsed.success) throw new Error(`${where}: cannot be exported (${parsed.error.issues.map((i) => i.message).join('; ')})`);
  return { class_name: className, config: parsed.data } as LayerSpec;
}

/** Describes a sequential model of the registry's layer types; throws a specific error for anything else. */
export function readTrainedModel(model: tf.LayersModel): TrainedModel {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`only single-input, single-output models can be exported (got ${model.inputs.length} inputs, ${model.outputs.length} outputs)`);
  }
  const tfLayers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  const classNames = tfLayers.map((layer) => {
    const className = layer.getClassName();
    if (!isLayerClass(className)) {
      throw new Error(`layer '${layer.name}' is a ${className}, which cannot be exported; supported: ${LAYER_CLASSES.join(', ')}`);
    }
    return className;
  });
  if (tfLayers.length === 0) throw new Error('the model has no layers to export');
  const names = kerasAutoNames(classNames.map((className) => ({ className })));
  const layers = tfLayers.map((layer, i): TrainedLayer => {
    const className = classNames[i]!;
    const where = `layer '${layer.name}' (${className})`;
    return {
      name: names[i]!,
      spec: layerSpec(layer, className, where),
      inputShape: shapeWithoutBatch((layer.input as tf.SymbolicTensor).shape, where),
      outputShape: shapeWithoutBatch(layer.outputShape as (number | null)[], where),
      weights: readWeights(layer, layerDefinition(className).weights, className, where),
    };
  });
  return { inputShape: shapeWithoutBatch(model.inputs[0]!.shape, 'model input'), outputShape: shapeWithoutBatch(model.outputs[0]!.shape, 'model output'), layers };
}

/** Keras-style variable path, e.g. `dense/kernel`; also the .npz key. */
export function weightPath(layer: TrainedLayer, weight: WeightArray): string {
  return `${layer.name}/${weight.name}`;
}
