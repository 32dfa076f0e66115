/** Conv2D: small filters slid over the image. Kernel (kh, kw, in, out) in Keras/TF.js; ONNX wants (out, in, kh, kw). */
import { z } from 'zod';
import {
  activation,
  activationText,
  KERAS_INITIALIZERS,
  layerName,
  needsImage,
  NO_REGULARIZERS,
  padding,
  pair,
  positiveInt,
  requireChannelsLast,
  size2d,
  sizeText,
  spatialOutput,
  tfjsActivation,
} from './common.ts';
import { defineLayer } from './definition.ts';
import { pads2d } from './onnx-builder.ts';
import { kwargs, pySize } from './python.ts';

/** (kh, kw, in, out) → (out, in, kh, kw) */
function kernelToOIHW(values: Float32Array, [kh, kw, cin, cout]: number[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let h = 0; h < kh!; h++)
    for (let w = 0; w < kw!; w++)
      for (let i = 0; i < cin!; i++)
        for (let o = 0; o < cout!; o++) out[((o * cin! + i) * kh! + h) * kw! + w] = values[((h * kw! + w) * cin! + i) * cout! + o]!;
  return out;
}

export const conv2d = defineLayer({
  className: 'Conv2D',
  schema: z.strictObject({
    name: layerName,
    filters: positiveInt('filters'),
    kernel_size: size2d('kernel_size'),
    strides: size2d('strides').default(1),
    padding,
    activation,
    use_bias: z.boolean().default(true),
  }),
  editorDefaults: { filters: 32, kernel_size: 3, strides: 1, padding: 'valid', activation: 'relu', use_bias: true },
  blurb: 'Small filters slid over the image',
  fields: [
    { key: 'filters', label: 'Filters', kind: 'int', help: 'Number of feature maps it learns.' },
    { key: 'kernel_size', label: 'Kernel', kind: 'size2d', help: 'Height × width of each filter.' },
    { key: 'strides', label: 'Strides', kind: 'size2d', help: 'Step between filter positions.' },
    { key: 'padding', label: 'Padding', kind: 'padding', help: "'same' keeps the height and width (with stride 1); 'valid' shrinks them." },
    { key: 'activation', label: 'Activation', kind: 'activation', help: 'Applied to each output; softmax turns the last layer into probabilities.' },
    { key: 'use_bias', label: 'Bias', kind: 'bool', help: 'Add a learned offset to each output.' },
  ],
  firstInput: 'image',
  infer(c, input, { layer, from }) {
    needsImage(layer, input, from);
    const kernel = pair(c.kernel_size);
    const [oh, ow] = spatialOutput(layer, input, kernel, pair(c.strides), c.padding, 'kernel');
    return {
      outputShape: [oh, ow, c.filters],
      trainableParams: kernel[0] * kernel[1] * input[2]! * c.filters + (c.use_bias ? c.filters : 0),
      nonTrainableParams: 0,
    };
  },
  outputActivation: (c) => c.activation,
  build: (c, { tf, common, initializers }) =>
    tf.layers.conv2d({
      ...common,
      ...initializers(),
      filters: c.filters,
      kernelSize: pair(c.kernel_size),
      strides: pair(c.strides),
      padding: c.padding,
      activation: c.activation,
      useBias: c.use_bias,
    }),
  fromTfjs(c) {
    requireChannelsLast(c);
    const dilation = c['dilationRate'] ?? 1;
    if (!(dilation === 1 || (Array.isArray(dilation) && dilation.every((d) => d === 1)))) throw new Error('dilated convolutions cannot be exported');
    return {
      filters: c['filters'],
      kernel_size: c['kernelSize'],
      strides: c['strides'] ?? 1,
      padding: c['padding'] ?? 'valid',
      activation: tfjsActivation(c),
      use_bias: c['useBias'] !== false,
    };
  },
  weights: ['kernel', 'bias'],
  firstLayerWeights: ({ shape, values }) => {
    if (shape.length !== 4) return null;
    const [kh, kw, channels, filters] = shape as [number, number, number, number];
    return { kind: 'conv', filters, kernelSize: [kh, kw], channels, kernel: values };
  },
  kerasConfig: (c) => ({
    filters: c.filters,
    kernel_size: pair(c.kernel_size),
    strides: pair(c.strides),
    padding: c.padding,
    data_format: 'channels_last',
    dilation_rate: [1, 1],
    groups: 1,
    activation: c.activation,
    use_bias: c.use_bias,
    kernel_initializer: KERAS_INITIALIZERS.glorot,
    bias_initializer: KERAS_INITIALIZERS.zeros,
    activity_regularizer: null,
    ...NO_REGULARIZERS,
  }),
  kerasArgs: (c) => [
    String(c.filters),
    pySize(c.kernel_size),
    ...kwargs([['strides', c.strides, 1], ['padding', c.padding, 'valid'], ['activation', c.activation, 'linear'], ['use_bias', c.use_bias, true]]),
  ],
  onnx: {
    layout: 'nchw',
    add(g, { name, config, inputShape, weights }) {
      const [kernel, bias] = weights;
      const [kh, kw, cin, cout] = kernel!.shape as [number, number, number, number];
      const inputs = [g.constant(`${name}/kernel`, [cout, cin, kh, kw], kernelToOIHW(kernel!.values, kernel!.shape))];
      if (bias) inputs.push(g.constant(`${name}/bias`, bias.shape, bias.values));
      const size = pair(config.kernel_size);
      const strides = pair(config.strides);
      g.add('Conv', name, inputs, [
        { name: 'kernel_shape', ints: size },
        { name: 'strides', ints: strides },
        { name: 'pads', ints: pads2d(config.padding, inputShape, size, strides) },
        { name: 'dilations', ints: [1, 1] },
        { name: 'group', int: 1 },
      ]);
      g.activation(config.activation, name);
    },
  },
  numpy: String.raw`
    y = conv2d(x, cfg, w["kernel"], w.get("bias"))
    return ACTIVATIONS[cfg["activation"]](y)`,
  view: () => 'feature-maps',
  describe(c) {
    const stride = c.strides === 1 ? '' : ` stride ${sizeText(c.strides)}`;
    const pad = c.padding === 'same' ? ' same' : '';
    return `Conv2D ${c.filters} ${sizeText(c.kernel_size)}${stride}${pad}${activationText(c.activation)}`;
  },
  summary: (c) => ({ group: 'Conv', value: String(c.filters) }),
});
