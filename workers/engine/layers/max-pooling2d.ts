/** MaxPooling2D: keeps the largest value of each window. */
import { defineLayer } from './definition.ts';
import { pads2d } from './onnx-builder.ts';
import { pair } from './common.ts';
import { pooling, poolStrides } from './pooling.ts';

export const maxPooling2d = defineLayer({
  className: 'MaxPooling2D',
  ...pooling,
  blurb: 'Keep the largest value of each window',
  build: (c, { tf, common }) => tf.layers.maxPooling2d(pooling.tfjsArgs(c, common)),
  onnx: {
    layout: 'nchw',
    add(g, { name, config, inputShape }) {
      const size = pair(config.pool_size);
      const strides = poolStrides(config);
      g.add('MaxPool', name, [], [
        { name: 'kernel_shape', ints: size },
        { name: 'strides', ints: strides },
        { name: 'pads', ints: pads2d(config.padding, inputShape, size, strides) },
      ]);
    },
  },
  numpy: String.raw`
    return pool(x, cfg, np.nanmax)`,
  describe: pooling.describe('MaxPool'),
});
