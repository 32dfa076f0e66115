/** MaxPooling2D: keeps the largest value of each window. */
import { defineLayer } from './definition.ts';
import { pooling, poolDescribe, poolOnnx, poolTfjsArgs } from './pooling.ts';

export const maxPooling2d = defineLayer({
  className: 'MaxPooling2D',
  ...pooling,
  blurb: 'Keep the largest value of each window',
  build: (c, { tf, common }) => tf.layers.maxPooling2d(poolTfjsArgs(c, common)),
  onnx: poolOnnx('MaxPool'),
  numpy: String.raw`
    return pool(x, cfg, np.nanmax)`,
  describe: poolDescribe('MaxPool'),
});
