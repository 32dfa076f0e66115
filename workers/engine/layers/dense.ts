/** Dense: every input connected to every output. Kernel (inputs, units), then bias (units). */
import { z } from 'zod';
import { activation, activationText, KERAS_INITIALIZERS, layerName, NO_REGULARIZERS, positiveInt, ShapeError, showShape, tfjsActivation } from './common.ts';
import { defineLayer } from './definition.ts';
import { kwargs } from './python.ts';

export const dense = defineLayer({
  className: 'Dense',
  schema: z.strictObject({ name: layerName, units: positiveInt('units'), activation, use_bias: z.boolean().default(true) }),
  editorDefaults: { units: 64, activation: 'relu', use_bias: true },
  blurb: 'Every input connected to every output',
  fields: [
    { key: 'units', label: 'Units', kind: 'int', help: 'Number of outputs (neurons).' },
    { key: 'activation', label: 'Activation', kind: 'activation', help: 'Applied to each output; softmax turns the last layer into probabilities.' },
    { key: 'use_bias', label: 'Bias', kind: 'bool', help: 'Add a learned offset to each output.' },
  ],
  firstInput: 'flat',
  infer({ units, use_bias }, input, { layer, from }) {
    if (input.length !== 1) {
      throw new ShapeError(`${layer} needs a flat 1-D input but gets ${showShape(input)} from ${from}; put a Flatten layer before it`);
    }
    return { outputShape: [units], trainableParams: input[0]! * units + (use_bias ? units : 0), nonTrainableParams: 0 };
  },
  outputActivation: (c) => c.activation,
  build: (c, { tf, common, initializers }) => tf.layers.dense({ ...common, ...initializers(), units: c.units, activation: c.activation, useBias: c.use_bias }),
  fromTfjs: (c) => ({ units: c['units'], activation: tfjsActivation(c), use_bias: c['useBias'] !== false }),
  weights: ['kernel', 'bias'],
  // [784, units]: one weight per pixel and unit, drawn as a 28×28 tile per unit
  firstLayerWeights: ({ shape, values }) => (shape.length === 2 && shape[0] === 784 ? { kind: 'dense', units: shape[1]!, kernel: values } : null),
  kerasConfig: (c) => ({
    units: c.units,
    activation: c.activation,
    use_bias: c.use_bias,
    kernel_initializer: KERAS_INITIALIZERS.glorot,
    bias_initializer: KERAS_INITIALIZERS.zeros,
    ...NO_REGULARIZERS,
  }),
  kerasArgs: (c) => [String(c.units), ...kwargs([['activation', c.activation, 'linear'], ['use_bias', c.use_bias, true]])],
  onnx: {
    layout: 'keras',
    add(g, { name, config, weights }) {
      const [kernel, bias] = weights;
      g.add('MatMul', name, [g.constant(`${name}/kernel`, kernel!.shape, kernel!.values)]);
      if (bias) g.add('Add', name, [g.constant(`${name}/bias`, bias.shape, bias.values)]);
      g.activation(config.activation, name);
    },
  },
  numpy: String.raw`
    y = x @ w["kernel"] + w.get("bias", 0)
    return ACTIVATIONS[cfg["activation"]](y)`,
  view: (c) => (c.activation === 'softmax' ? 'probabilities' : 'units'),
  describe: (c) => `Dense ${c.units}${activationText(c.activation)}`,
  summary: (c) => ({ group: 'Dense', value: String(c.units) }),
});
