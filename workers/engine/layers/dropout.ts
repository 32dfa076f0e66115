/** Dropout: randomly silences inputs while training; the identity at inference. */
import { z } from 'zod';
import { layerName, sameShape } from './common.ts';
import { defineLayer } from './definition.ts';

export const dropout = defineLayer({
  className: 'Dropout',
  schema: z.strictObject({
    name: layerName,
    rate: z
      .number({ error: 'rate must be a number' })
      .min(0, 'rate must be between 0 and 1 (the fraction of inputs dropped)')
      .lt(1, 'rate must be below 1: a rate of 1 would drop every input'),
  }),
  editorDefaults: { rate: 0.5 },
  blurb: 'Randomly silence inputs while training',
  fields: [{ key: 'rate', label: 'Rate', kind: 'rate', help: 'Fraction of inputs set to 0 at each training step.' }],
  firstInput: 'grid',
  infer: (_c, input) => sameShape(input),
  build: (c, { tf, common, dropoutSeed }) => tf.layers.dropout({ ...common, rate: c.rate, seed: dropoutSeed }),
  fromTfjs: (c) => ({ rate: c['rate'] ?? 0 }),
  weights: [],
  kerasConfig: (c) => ({ rate: c.rate, seed: null, noise_shape: null }),
  kerasArgs: (c) => [String(c.rate)],
  onnx: { layout: 'any', add: () => undefined },
  numpy: String.raw`
    return x  # only active while training`,
  describe: (c) => `Dropout ${c.rate}`,
  summary: (c) => ({ group: 'Dropout', value: String(c.rate) }),
});
