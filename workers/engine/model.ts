/**
 * buildModel: a tf.Sequential from a validated spec, with Keras' layer names and seeded
 * initialisers (glorot_uniform kernels, zero biases), so one seed gives one set of initial weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, ModelSpec } from './spec/schema.ts';
import { kerasLayerNames } from './spec/names.ts';
import { modelInputShape } from './spec/shapes.ts';
import { layerDefinition } from './layers/index.ts';
import { deriveSeed } from './random.ts';

/** Seed streams derived from fit.seed, one per purpose, so adding a layer does not shift the shuffles. */
export const SEED_STREAM = { kernel: 1, dropout: 2, shuffle: 3 } as const;

function createLayer(layer: LayerSpec, name: string, seed: number, inputShape: number[] | undefined): tf.layers.Layer {
  return layerDefinition(layer.class_name).build(layer.config, {
    tf,
    common: inputShape ? { name, inputShape } : { name },
    initializers: () => ({
      kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, SEED_STREAM.kernel) }),
      biasInitializer: tf.initializers.zeros(),
    }),
    dropoutSeed: deriveSeed(seed, SEED_STREAM.dropout),
  });
}

/** The spec must come from validateSpec/parseSpec (shapes already checked). */
export function buildModel(spec: ModelSpec): tf.Sequential {
  const names = kerasLayerNames(spec.layers);
  const inputShape = modelInputShape(spec.layers[0]);
  const model = tf.sequential({ name: spec.name ?? 'sequential' });
  spec.layers.forEach((layer, i) => {
    model.add(createLayer(layer, names[i]!, deriveSeed(spec.fit.seed, i), i === 0 ? inputShape : undefined));
  });
  return model;
}

/**
 * TF.js' Dropout reuses its seed on every call, which would drop the same units on every batch.
 * The training loop gives each dropout layer a fresh seed per step (deterministic from fit.seed).
 */
export function reseedDropout(model: tf.LayersModel, stepSeed: number): void {
  model.layers.forEach((layer, index) => {
    if (layer.getClassName() === 'Dropout') (layer as unknown as { seed: number }).seed = deriveSeed(stepSeed, SEED_STREAM.dropout, index);
  });
}

/** The shape one example is fed as (without the batch axis), read from the model itself. */
export function inputShapeOf(model: tf.LayersModel): number[] {
  const shape = model.inputs[0]?.shape;
  if (!shape) throw new Error('the model has no input');
  return shape.slice(1).map((d) => {
    if (d === null) throw new Error('the model input has an unknown dimension');
    return d;
  });
}
