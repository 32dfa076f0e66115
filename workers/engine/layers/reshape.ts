/** Reshape: another shape for the same values (without the batch axis). */
import { z } from 'zod';
import { layerName, positiveInt, product, ShapeError, showShape } from './common.ts';
import { defineLayer } from './definition.ts';
import { py } from './python.ts';

export const reshape = defineLayer({
  className: 'Reshape',
  schema: z.strictObject({
    name: layerName,
    target_shape: z.array(positiveInt('each target_shape entry'), { error: 'target_shape must be a list of whole numbers' }).min(1),
  }),
  editorDefaults: { target_shape: [28, 28, 1] },
  blurb: 'Change the shape, keep the values',
  fields: [{ key: 'target_shape', label: 'Target shape', kind: 'shape', help: 'Comma-separated, without the batch axis, e.g. 28, 28, 1.' }],
  firstInput: 'grid',
  infer({ target_shape: target }, input, { layer, from }) {
    if (product(target) !== product(input)) {
      throw new ShapeError(
        `${layer}: target_shape ${showShape(target)} holds ${product(target)} values but its input ${showShape(input)} from ${from} has ${product(input)}`,
      );
    }
    return { outputShape: target, trainableParams: 0, nonTrainableParams: 0 };
  },
  build: (c, { tf, common }) => tf.layers.reshape({ ...common, targetShape: c.target_shape }),
  fromTfjs: (c) => ({ target_shape: c['targetShape'] }),
  weights: [],
  kerasConfig: (c) => ({ target_shape: c.target_shape }),
  kerasArgs: (c) => [py(c.target_shape)],
  onnx: {
    layout: 'keras',
    add: (g, { name, config }) => void g.add('Reshape', name, [g.int64Constant(`${name}/shape`, [-1, ...config.target_shape])]),
  },
  numpy: String.raw`
    return x.reshape((len(x), *cfg["target_shape"]))`,
  describe: (c) => `Reshape ${c.target_shape.join('×')}`,
});
