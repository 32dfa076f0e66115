/** LeakyReLU (Keras 3): x for x ≥ 0, negative_slope · x below 0, so negative inputs keep a small gradient. */
import { z } from 'zod';
import { layerName, sameShape } from './common.ts';
import { defineLayer } from './definition.ts';
import { kwargs } from './python.ts';

/** Keras 3's default (Keras 2 called it alpha, also 0.3). */
const DEFAULT_SLOPE = 0.3;

export const leakyRelu = defineLayer({
  className: 'LeakyReLU',
  schema: z.strictObject({
    name: layerName,
    negative_slope: z.number({ error: 'negative_slope must be a number' }).min(0, 'negative_slope must be ≥ 0 (Keras refuses negative slopes)').default(DEFAULT_SLOPE),
  }),
  editorDefaults: { negative_slope: DEFAULT_SLOPE },
  blurb: 'ReLU that lets a little of the negatives through',
  fields: [{ key: 'negative_slope', label: 'Negative slope', kind: 'fraction', help: 'Factor for inputs below 0 (0 gives a plain ReLU).' }],
  firstInput: 'grid',
  infer: (_c, input) => sameShape(input),
  build: (c, { tf, common }) => tf.layers.leakyReLU({ ...common, alpha: c.negative_slope }),
  fromTfjs: (c) => ({ negative_slope: c['alpha'] ?? DEFAULT_SLOPE }),
  weights: [],
  kerasConfig: (c) => ({ negative_slope: c.negative_slope }),
  fromKeras: (c) => ({ negative_slope: c['negative_slope'] ?? c['alpha'] ?? DEFAULT_SLOPE }),
  kerasArgs: (c) => kwargs([['negative_slope', c.negative_slope, DEFAULT_SLOPE]]),
  onnx: {
    layout: 'any',
    add: (g, { name, config }) => void g.add('LeakyRelu', name, [], [{ name: 'alpha', float: config.negative_slope }]),
  },
  numpy: String.raw`
    return np.where(x >= 0, x, cfg["negative_slope"] * x)`,
  describe: (c) => `LeakyReLU ${c.negative_slope}`,
});
