/**
 * buildModel: a tf.Sequential from a validated spec, with Keras' layer names and seeded
 * initialisers (glorot_uniform kernels, zero biases), so one seed gives one set of initial weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, ModelSpec } from './spec/schema.ts';
import { kerasLayerNames } from './spec/names.ts';
import { modelInputShape, pair } from './spec/shapes.ts';
import { deriveSeed } from './random.ts';

/** Seed streams derived from fit.seed, one per purpose, so adding a layer does not shift the shuffles. */
export const SEED_STREAM = { kernel: 1, dropout: 2, shuffle: 3 } as const;

function createLayer(layer: LayerSpec, name: string, seed: number, inputShape: number[] | undefined): tf.layers.Layer {
  const common = inputShape ? { name, inputShape } : { name };
  const kernel = () => ({
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, SEED_STREAM.kernel) }),
    biasInitializer: tf.initializers.zeros(),
  });
  switch (layer.class_name) {
    case 'Dense': {
      const c = layer.config;
      return tf.layers.dense({ ...common, ...kernel(), units: c.units, activation: c.activation, useBias: c.use_bias });
    }
    case 'Conv2D': {
      const c = layer.config;
      return tf.layers.conv2d({
        ...common,
        ...kernel(),
        filters: c.filters,
        kernelSize: pair(c.kernel_size),
        strides: pair(c.strides),
        padding: c.padding,
        activation: c.activation,
        useBias: c.use_bias,
      });
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const c = layer.config;
      const args = {
        ...common,
        poolSize: pair(c.pool_size),
        strides: c.strides === null ? pair(c.pool_size) : pair(c.strides),
        padding: c.padding,
      };
      return layer.class_name === 'MaxPooling2D' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    }
    case 'Flatten':
      return tf.layers.flatten(common);
    case 'Dropout':
      return tf.layers.dropout({ ...common, rate: layer.config.rate, seed: deriveSeed(seed, SEED_STREAM.dropout) });
    case 'BatchNormalization': {
      const c = layer.config;
      return tf.layers.batchNormalization({ ...common, axis: -1, momentum: c.momentum, epsilon: c.epsilon, center: c.center, scale: c.scale });
    }
    case 'Reshape':
      return tf.layers.reshape({ ...common, targetShape: layer.config.target_shape });
  }
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
