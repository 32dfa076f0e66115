/** Activation: applies one activation function on its own, e.g. after a linear Conv2D or before BatchNormalization. */
import { z } from 'zod';
import { layerName, requiredActivation, sameShape, tfjsActivation } from './common.ts';
import { defineLayer } from './definition.ts';
import { py } from './python.ts';

export const activationLayer = defineLayer({
  className: 'Activation',
  schema: z.strictObject({ name: layerName, activation: requiredActivation }),
  editorDefaults: { activation: 'relu' },
  blurb: 'One activation function as its own layer',
  fields: [{ key: 'activation', label: 'Activation', kind: 'activation', help: 'Applied to every value; softmax over the last axis.' }],
  firstInput: 'grid',
  infer: (_c, input) => sameShape(input),
  outputActivation: (c) => c.activation,
  build: (c, { tf, common }) => tf.layers.activation({ ...common, activation: c.activation }),
  fromTfjs: (c) => ({ activation: tfjsActivation(c) }),
  weights: [],
  kerasConfig: (c) => ({ activation: c.activation }),
  kerasArgs: (c) => [py(c.activation)],
  onnx: { layout: 'any', add: (g, { name, config }) => g.activation(config.activation, name) },
  numpy: String.raw`
    return ACTIVATIONS[cfg["activation"]](x)`,
  describe: (c) => `Activation ${c.activation}`,
});
