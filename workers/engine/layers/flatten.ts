/** Flatten: an image becomes one long vector, in channels-last order as Keras flattens. */
import { noSettings, product } from './common.ts';
import { defineLayer } from './definition.ts';

export const flatten = defineLayer({
  className: 'Flatten',
  ...noSettings(),
  blurb: 'Image → one long vector',
  firstInput: 'grid',
  infer: (_c, input) => ({ outputShape: [product(input)], trainableParams: 0, nonTrainableParams: 0 }),
  build: (_c, { tf, common }) => tf.layers.flatten(common),
  fromTfjs: () => ({}),
  weights: [],
  kerasConfig: () => ({ data_format: 'channels_last' }),
  kerasArgs: () => [],
  onnx: {
    layout: 'keras',
    add: (g, { name }) => void g.add('Flatten', name, [], [{ name: 'axis', int: 1 }]),
  },
  numpy: String.raw`
    return x.reshape(len(x), -1)`,
  view: () => 'shape',
  describe: () => 'Flatten',
});
