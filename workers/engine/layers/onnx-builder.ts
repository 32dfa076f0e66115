/**
 * The ONNX graph under construction, as plain data, and the helpers layer definitions use to add
 * their nodes. Keras works channels-last (NHWC); ONNX Conv/Pool want NCHW. Each layer declares the
 * layout it needs (its `onnx.layout`); the builder inserts a Transpose only when the current layout
 * differs — to NCHW before Conv/Pool, back to Keras order before Flatten/Dense/Reshape — so Flatten
 * sees the same element order as Keras' Flatten.
 */
import { ACTIVATION_TABLE } from './activations.ts';
import type { Activation } from './activations.ts';

export type OnnxAttribute = { name: string; ints: number[] } | { name: string; int: number } | { name: string; float: number };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
}

export type OnnxInitializer = { name: string; dims: number[] } & ({ float32: Float32Array } | { int64: number[] });

/** 'keras': the tensor is in Keras order (NHWC or flat); 'nchw': channels moved to axis 1. */
export type OnnxLayout = 'keras' | 'nchw';

export const ONNX_INPUT_NAME = 'input';

export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  current = ONNX_INPUT_NAME;
  layout: OnnxLayout = 'keras';
  private counter = 0;

  /** Appends a node reading the current tensor (plus `inputs`); its output becomes the current tensor. */
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

  int64Constant(name: string, values: number[]): string {
    this.initializers.push({ name, dims: [values.length], int64: values });
    return name;
  }

  /** Transposes (when needed) so the next op sees `layout`. */
  toLayout(layout: OnnxLayout, prefix: string): void {
    if (this.layout === layout) return;
    this.add('Transpose', prefix, [], [{ name: 'perm', ints: layout === 'nchw' ? [0, 3, 1, 2] : [0, 2, 3, 1] }]);
    this.layout = layout;
  }

  activation(name: Activation, prefix: string): void {
    const op = ACTIVATION_TABLE[name].onnx;
    if (!op) return;
    // Keras' softmax is over the last (channel) axis; in NCHW the channels sit on axis 1.
    const attributes = op.op === 'Softmax' ? [{ name: 'axis', int: this.layout === 'nchw' ? 1 : -1 }] : op.attributes;
    this.add(op.op, prefix, [], attributes);
  }
}

/** TensorFlow's 'same' padding along one axis: [begin, end], the odd pixel going to the end. */
export function samePadding(size: number, window: number, stride: number): [number, number] {
  const total = Math.max((Math.ceil(size / stride) - 1) * stride + window - size, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}

/** ONNX `pads` for a 2-D window over a (height, width, channels) input: [top, left, bottom, right]. */
export function pads2d(padding: 'valid' | 'same', inputHWC: number[], window: [number, number], strides: [number, number]): number[] {
  if (padding === 'valid') return [0, 0, 0, 0];
  const [top, bottom] = samePadding(inputHWC[0]!, window[0], strides[0]);
  const [left, right] = samePadding(inputHWC[1]!, window[1], strides[1]);
  return [top, left, bottom, right];
}
