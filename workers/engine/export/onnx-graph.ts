/**
 * Builds the ONNX graph (as plain data) for a Keras-style sequential model.
 * Keras works channels-last (NHWC); ONNX Conv/Pool/BatchNormalization want NCHW. The builder keeps
 * track of the current layout and inserts a Transpose only when the next op needs the other one:
 * to NCHW before Conv/Pool, back to NHWC before Flatten/Dense/Reshape — so Flatten sees the same
 * element order as Keras' Flatten.
 */
import type { ExportActivation, LayerSpec, ModelSpec, Padding } from './model-spec.ts';

export type OnnxAttribute = { name: string; ints: number[] } | { name: string; int: number } | { name: string; float: number };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
}

export type OnnxInitializer = { name: string; dims: number[] } & ({ float32: Float32Array } | { int64: number[] });

export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  /** Shapes with the batch dimension as null. */
  input: { name: string; shape: (number | null)[] };
  output: { name: string; shape: (number | null)[] };
}

export const ONNX_INPUT_NAME = 'input';
export const ONNX_OUTPUT_NAME = 'probabilities';
// Keras' SELU constants (ONNX's defaults are the same values rounded to float32).
const SELU_ALPHA = 1.6732632423543772;
const SELU_GAMMA = 1.0507009873554805;

/** TensorFlow's 'same' padding along one axis: [begin, end], the odd pixel going to the end. */
export function samePadding(size: number, window: number, stride: number): [number, number] {
  const total = Math.max((Math.ceil(size / stride) - 1) * stride + window - size, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}

/** ONNX `pads` for a 2-D window: [top, left, bottom, right]. */
function pads2d(padding: Padding, inputHWC: number[], window: [number, number], strides: [number, number]): number[] {
  if (padding === 'valid') return [0, 0, 0, 0];
  const [top, bottom] = samePadding(inputHWC[0]!, window[0], strides[0]);
  const [left, right] = samePadding(inputHWC[1]!, window[1], strides[1]);
  return [top, left, bottom, right];
}

/** (kh, kw, in, out) → (out, in, kh, kw) */
function kernelToOIHW(values: Float32Array, [kh, kw, cin, cout]: number[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let h = 0; h < kh!; h++)
    for (let w = 0; w < kw!; w++)
      for (let i = 0; i < cin!; i++)
        for (let o = 0; o < cout!; o++) out[((o * cin! + i) * kh! + h) * kw! + w] = values[((h * kw! + w) * cin! + i) * cout! + o]!;
  return out;
}

class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  current = ONNX_INPUT_NAME;
  /** NCHW only between Conv/Pool ops; otherwise tensors are in Keras order. */
  layout: 'keras' | 'nchw' = 'keras';
  private counter = 0;

  add(opType: string, prefix: string, inputs: string[], attributes: OnnxAttribute[] = []): string {
    const output = `${prefix}/${opType}_${this.counter++}`;
    this.nodes.push({ opType, name: output, inputs: [this.current, ...inputs], outputs: [output], attributes });
    this.current = output;
    return output;
  }

  constant(name: string, dims: number[], float32: Float32Array): string {
    this.initializers.push({ name, dims, float32 });
    return name;
  }

  toNchw(prefix: string): void {
    if (this.layout === 'nchw') return;
    this.add('Transpose', prefix, [], [{ name: 'perm', ints: [0, 3, 1, 2] }]);
    this.layout = 'nchw';
  }

  toKeras(prefix: string): void {
    if (this.layout === 'keras') return;
    this.add('Transpose', prefix, [], [{ name: 'perm', ints: [0, 2, 3, 1] }]);
    this.layout = 'keras';
  }

  activation(name: ExportActivation, prefix: string): void {
    switch (name) {
      case 'linear':
        return;
      case 'relu':
        this.add('Relu', prefix, []);
        return;
      case 'sigmoid':
        this.add('Sigmoid', prefix, []);
        return;
      case 'tanh':
        this.add('Tanh', prefix, []);
        return;
      case 'elu':
        this.add('Elu', prefix, [], [{ name: 'alpha', float: 1 }]);
        return;
      case 'selu':
        this.add('Selu', prefix, [], [
          { name: 'alpha', float: SELU_ALPHA },
          { name: 'gamma', float: SELU_GAMMA },
        ]);
        return;
      case 'softmax':
        // Keras' softmax is over the last (channel) axis; in NCHW the channels sit on axis 1.
        this.add('Softmax', prefix, [], [{ name: 'axis', int: this.layout === 'nchw' ? 1 : -1 }]);
        return;
    }
  }
}

function require4d(layer: LayerSpec): void {
  if (layer.inputShape.length !== 3) {
    throw new Error(`layer '${layer.name}' (${layer.kind}) needs (height, width, channels) input, got [${layer.inputShape.join(', ')}]`);
  }
}

function weight(layer: LayerSpec, name: string): Float32Array | undefined {
  return layer.weights.find((w) => w.name === name)?.values;
}

function addLayer(g: GraphBuilder, layer: LayerSpec): void {
  const p = layer.name;
  switch (layer.kind) {
    case 'Dense': {
      g.toKeras(p);
      const kernel = layer.weights[0]!;
      g.add('MatMul', p, [g.constant(`${p}/kernel`, kernel.shape, kernel.values)]);
      const bias = weight(layer, 'bias');
      if (bias) g.add('Add', p, [g.constant(`${p}/bias`, [bias.length], bias)]);
      g.activation(layer.activation, p);
      return;
    }
    case 'Conv2D': {
      require4d(layer);
      g.toNchw(p);
      const kernel = layer.weights[0]!;
      const [kh, kw, cin, cout] = kernel.shape as [number, number, number, number];
      const inputs = [g.constant(`${p}/kernel`, [cout, cin, kh, kw], kernelToOIHW(kernel.values, kernel.shape))];
      const bias = weight(layer, 'bias');
      if (bias) inputs.push(g.constant(`${p}/bias`, [bias.length], bias));
      g.add('Conv', p, inputs, [
        { name: 'kernel_shape', ints: layer.kernelSize },
        { name: 'strides', ints: layer.strides },
        { name: 'pads', ints: pads2d(layer.padding, layer.inputShape, layer.kernelSize, layer.strides) },
        { name: 'dilations', ints: [1, 1] },
        { name: 'group', int: 1 },
      ]);
      g.activation(layer.activation, p);
      return;
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      require4d(layer);
      g.toNchw(p);
      const attributes: OnnxAttribute[] = [
        { name: 'kernel_shape', ints: layer.poolSize },
        { name: 'strides', ints: layer.strides },
        { name: 'pads', ints: pads2d(layer.padding, layer.inputShape, layer.poolSize, layer.strides) },
      ];
      // Keras averages over real pixels only, never over 'same' padding.
      if (layer.kind === 'AveragePooling2D') attributes.push({ name: 'count_include_pad', int: 0 });
      g.add(layer.kind === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool', p, [], attributes);
      return;
    }
    case 'BatchNormalization': {
      const channels = layer.inputShape[layer.inputShape.length - 1]!;
      const gamma = weight(layer, 'gamma') ?? new Float32Array(channels).fill(1);
      const beta = weight(layer, 'beta') ?? new Float32Array(channels);
      const mean = weight(layer, 'moving_mean')!;
      const variance = weight(layer, 'moving_variance')!;
      if (g.layout === 'nchw') {
        g.add(
          'BatchNormalization',
          p,
          [
            g.constant(`${p}/gamma`, [channels], gamma),
            g.constant(`${p}/beta`, [channels], beta),
            g.constant(`${p}/moving_mean`, [channels], mean),
            g.constant(`${p}/moving_variance`, [channels], variance),
          ],
          [{ name: 'epsilon', float: layer.epsilon }],
        );
        return;
      }
      // Channels last: ONNX BatchNormalization needs channels on axis 1, so fold into x * a + b
      // (broadcast over the last axis) with a = gamma / sqrt(var + eps), b = beta - mean * a.
      const a = new Float32Array(channels);
      const b = new Float32Array(channels);
      for (let c = 0; c < channels; c++) {
        const scale = gamma[c]! / Math.sqrt(variance[c]! + layer.epsilon);
        a[c] = scale;
        b[c] = beta[c]! - mean[c]! * scale;
      }
      g.add('Mul', p, [g.constant(`${p}/folded_scale`, [channels], a)]);
      g.add('Add', p, [g.constant(`${p}/folded_shift`, [channels], b)]);
      return;
    }
    case 'Flatten':
      g.toKeras(p);
      g.add('Flatten', p, [], [{ name: 'axis', int: 1 }]);
      return;
    case 'Dropout':
      return; // identity at inference
    case 'Reshape': {
      g.toKeras(p);
      g.initializers.push({ name: `${p}/shape`, dims: [layer.targetShape.length + 1], int64: [-1, ...layer.targetShape] });
      g.add('Reshape', p, [`${p}/shape`]);
      return;
    }
  }
}

export function buildOnnxGraph(spec: ModelSpec): OnnxGraph {
  const g = new GraphBuilder();
  for (const layer of spec.layers) addLayer(g, layer);
  g.toKeras('output');
  const last = g.nodes[g.nodes.length - 1];
  if (last && last.outputs[0] === g.current) {
    last.outputs[0] = ONNX_OUTPUT_NAME;
  } else {
    g.add('Identity', 'output', []);
    g.nodes[g.nodes.length - 1]!.outputs[0] = ONNX_OUTPUT_NAME;
  }
  return {
    nodes: g.nodes,
    initializers: g.initializers,
    input: { name: ONNX_INPUT_NAME, shape: [null, ...spec.inputShape] },
    output: { name: ONNX_OUTPUT_NAME, shape: [null, ...spec.outputShape] },
  };
}
