/** AveragePooling2D: averages each window (over real pixels only, never over 'same' padding). */
import { defineLayer } from './definition.ts';
import { pads2d } from './onnx-builder.ts';
import { pair } from './common.ts';
import { pooling, poolStrides } from './pooling.ts';

export const averagePooling2d = defineLayer({
  className: 'AveragePooling2D',
  ...pooling,
  blurb: 'Average each window',
  build: (c, { tf, common }) => tf.layers.averagePooling2d(pooling.tfjsArgs(c, common)),
  onnx: {
    layout: 'nchw',
    add(g, { name, config, inputShape }) {
      const size = pair(config.pool_size);
      const strides = poolStrides(config);
      g.add('AveragePool', name, [], [
        { name: 'kernel_shape', ints: size },
        { name: 'strides', ints: strides },
        { name: 'pads', ints: pads2d(config.padding, inputShape, size, strides) },
        { name: 'count_include_pad', int: 0 },
      ]);
    },
  },
  numpy: String.raw`
    return pool(x, cfg, np.nanmean)`,
  describe: pooling.describe('AvgPool'),
});
