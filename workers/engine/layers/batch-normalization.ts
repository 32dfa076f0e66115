/**
 * BatchNormalization over the last (channel) axis. Variables in Keras order: gamma, beta (when
 * scale/center), then the non-trainable moving_mean and moving_variance.
 */
import { z } from 'zod';
import { KERAS_INITIALIZERS, layerName } from './common.ts';
import { defineLayer } from './definition.ts';
import { kwargs } from './python.ts';

export const batchNormalization = defineLayer({
  className: 'BatchNormalization',
  schema: z.strictObject({
    name: layerName,
    momentum: z.number().gt(0, 'momentum must be between 0 and 1').lt(1, 'momentum must be between 0 and 1').default(0.99),
    epsilon: z.number().gt(0, 'epsilon must be greater than 0').default(0.001),
    center: z.boolean().default(true),
    scale: z.boolean().default(true),
  }),
  editorDefaults: { momentum: 0.99, epsilon: 0.001, center: true, scale: true },
  blurb: 'Re-centre and re-scale activations',
  fields: [
    { key: 'momentum', label: 'Momentum', kind: 'fraction', help: 'How slowly the moving mean and variance follow each batch.' },
    { key: 'epsilon', label: 'Epsilon', kind: 'positive', help: 'Added to the variance to avoid dividing by 0.' },
    { key: 'center', label: 'Center (β)', kind: 'bool', help: 'Learn an offset.' },
    { key: 'scale', label: 'Scale (γ)', kind: 'bool', help: 'Learn a factor.' },
  ],
  firstInput: 'grid',
  infer({ center, scale }, input) {
    const features = input[input.length - 1]!;
    // gamma and beta train; the moving mean and variance are the 2 × features non-trainable ones.
    return { outputShape: input, trainableParams: (center ? features : 0) + (scale ? features : 0), nonTrainableParams: 2 * features };
  },
  build: (c, { tf, common }) => tf.layers.batchNormalization({ ...common, axis: -1, momentum: c.momentum, epsilon: c.epsilon, center: c.center, scale: c.scale }),
  fromTfjs(c) {
    const axis = Number(c['axis'] ?? -1);
    if (axis !== -1) throw new Error(`only the last (channel) axis can be normalised, got axis ${axis}`);
    return { epsilon: c['epsilon'] ?? 1e-3, momentum: c['momentum'] ?? 0.99, center: c['center'] !== false, scale: c['scale'] !== false };
  },
  weights: ['gamma', 'beta', 'moving_mean', 'moving_variance'],
  kerasConfig: (c) => ({
    axis: -1,
    momentum: c.momentum,
    epsilon: c.epsilon,
    center: c.center,
    scale: c.scale,
    beta_initializer: KERAS_INITIALIZERS.zeros,
    gamma_initializer: KERAS_INITIALIZERS.ones,
    moving_mean_initializer: KERAS_INITIALIZERS.zeros,
    moving_variance_initializer: KERAS_INITIALIZERS.ones,
    beta_regularizer: null,
    gamma_regularizer: null,
    beta_constraint: null,
    gamma_constraint: null,
  }),
  kerasArgs: (c) => kwargs([['momentum', c.momentum, 0.99], ['epsilon', c.epsilon, 0.001], ['center', c.center, true], ['scale', c.scale, true]]),
  onnx: {
    layout: 'any',
    add(g, { name, config, inputShape, weights }) {
      const channels = inputShape[inputShape.length - 1]!;
      const weight = (key: string) => weights.find((w) => w.name === key)?.values;
      const gamma = weight('gamma') ?? new Float32Array(channels).fill(1);
      const beta = weight('beta') ?? new Float32Array(channels);
      const mean = weight('moving_mean')!;
      const variance = weight('moving_variance')!;
      if (g.layout === 'nchw') {
        const inputs = [
          g.constant(`${name}/gamma`, [channels], gamma),
          g.constant(`${name}/beta`, [channels], beta),
          g.constant(`${name}/moving_mean`, [channels], mean),
          g.constant(`${name}/moving_variance`, [channels], variance),
        ];
        g.add('BatchNormalization', name, inputs, [{ name: 'epsilon', float: config.epsilon }]);
        return;
      }
      // Channels last: ONNX BatchNormalization needs channels on axis 1, so fold into x * a + b
      // (broadcast over the last axis) with a = gamma / sqrt(var + eps), b = beta - mean * a.
      const a = new Float32Array(channels);
      const b = new Float32Array(channels);
      for (let c = 0; c < channels; c++) {
        a[c] = gamma[c]! / Math.sqrt(variance[c]! + config.epsilon);
        b[c] = beta[c]! - mean[c]! * a[c]!;
      }
      g.add('Mul', name, [g.constant(`${name}/folded_scale`, [channels], a)]);
      g.add('Add', name, [g.constant(`${name}/folded_shift`, [channels], b)]);
    },
  },
  numpy: String.raw`
    y = (x - w["moving_mean"]) / np.sqrt(w["moving_variance"] + cfg["epsilon"])
    return y * w.get("gamma", 1) + w.get("beta", 0)`,
  describe: () => 'BatchNorm',
  summary: () => ({ group: 'BN', value: '' }),
});
