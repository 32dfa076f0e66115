/** GlobalAveragePooling2D: the mean of each channel over the whole image, (h, w, c) → (c). */
import { noSettings, needsImage, requireChannelsLast } from './common.ts';
import { defineLayer } from './definition.ts';

export const globalAveragePooling2d = defineLayer({
  className: 'GlobalAveragePooling2D',
  ...noSettings(),
  blurb: 'Average each feature map to one number',
  firstInput: 'image',
  infer(_c, input, { layer, from }) {
    needsImage(layer, input, from);
    return { outputShape: [input[2]!], trainableParams: 0, nonTrainableParams: 0 };
  },
  build: (_c, { tf, common }) => tf.layers.globalAveragePooling2d({ ...common, dataFormat: 'channelsLast' }),
  fromTfjs(c) {
    requireChannelsLast(c);
    return {};
  },
  weights: [],
  kerasConfig: () => ({ data_format: 'channels_last', keepdims: false }),
  fromKeras(c) {
    if (c['keepdims'] === true) throw new Error('keepdims=True is not supported (the lab keeps (channels,) outputs)');
    if (c['data_format'] === 'channels_first') throw new Error("data_format 'channels_first' is not supported");
    return {};
  },
  kerasArgs: () => [],
  onnx: {
    layout: 'nchw',
    add(g, { name }) {
      g.add('GlobalAveragePool', name, []); // (N, C, 1, 1)
      g.add('Flatten', name, [], [{ name: 'axis', int: 1 }]); // (N, C): the same in both layouts
      g.layout = 'keras';
    },
  },
  numpy: String.raw`
    return x.mean(axis=(1, 2))`,
  view: () => 'units',
  describe: () => 'GlobalAvgPool',
  summary: () => ({ group: 'GAP', value: '' }),
});
