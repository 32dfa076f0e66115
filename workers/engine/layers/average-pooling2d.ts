/** AveragePooling2D: averages each window. */
import { defineLayer } from './definition.ts';
import { pooling, poolDescribe, poolOnnx, poolTfjsArgs } from './pooling.ts';

export const averagePooling2d = defineLayer({
  className: 'AveragePooling2D',
  ...pooling,
  blurb: 'Average each window',
  build: (c, { tf, common }) => tf.layers.averagePooling2d(poolTfjsArgs(c, common)),
  // Keras averages over real pixels only, never over 'same' padding.
  onnx: poolOnnx('AveragePool', [{ name: 'count_include_pad', int: 0 }]),
  numpy: String.raw`
    return pool(x, cfg, np.nanmean)`,
  describe: poolDescribe('AvgPool'),
});
