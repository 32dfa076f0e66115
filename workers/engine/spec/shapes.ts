/**
 * Shape and parameter inference, layer by layer, with the numbers Keras' `model.summary()` prints.
 *
 * How a 28×28 image enters the model (the first layer decides, as in Chollet's book):
 * - first layer Dense → images are flattened to [784] (ch. 2: `reshape((60000, 28 * 28))`);
 * - first layer Conv2D / MaxPooling2D / AveragePooling2D → images get a channel axis, [28, 28, 1]
 *   (ch. 8: `keras.Input(shape=(28, 28, 1))`);
 * - any other first layer (Flatten, Reshape, Dropout, BatchNormalization) → [28, 28].
 * The generated Keras program reshapes the arrays the same way, so exports load unchanged.
 */
import type { LayerSpec } from './schema.ts';

export type Shape = number[];

export function modelInputShape(firstLayer: LayerSpec | { class_name: string } | undefined): Shape {
  switch (firstLayer?.class_name) {
    case 'Dense':
      return [784];
    case 'Conv2D':
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return [28, 28, 1];
    default:
      return [28, 28];
  }
}

export interface LayerInference {
  outputShape: Shape;
  trainableParams: number;
  nonTrainableParams: number;
}

/** Thrown for a layer whose input shape does not suit it; the message is for the learner. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);
export const showShape = (shape: Shape) => `[${shape.join(', ')}]`;
const product = (shape: Shape) => shape.reduce((a, b) => a * b, 1);

/** Keras' conv/pool output length along one axis. */
function outputLength(input: number, window: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(input / stride) : Math.floor((input - window) / stride) + 1;
}

function spatial(
  layer: string,
  input: Shape,
  window: [number, number],
  strides: [number, number],
  padding: 'valid' | 'same',
  windowName: string,
): [number, number] {
  const [h, w] = input as [number, number, number];
  const oh = outputLength(h, window[0], strides[0], padding);
  const ow = outputLength(w, window[1], strides[1], padding);
  if (oh < 1 || ow < 1) {
    throw new ShapeError(
      `${layer}: its ${windowName} ${window[0]}×${window[1]} is larger than its ${h}×${w} input with padding 'valid'; ` +
        `use a smaller ${windowName}, padding 'same', or fewer pooling layers before it`,
    );
  }
  return [oh, ow];
}

function needsImage(layer: string, input: Shape, from: string): void {
  if (input.length !== 3) {
    const hint =
      input.length === 2
        ? '; put a Reshape layer with target_shape [28, 28, 1] before it'
        : input.length === 1
          ? '; image layers must come before Flatten and Dense'
          : '';
    throw new ShapeError(`${layer} needs a 3-D input (height, width, channels) but gets ${showShape(input)} from ${from}${hint}`);
  }
}

/**
 * @param layer  "layer 3 (Conv2D)", used in messages
 * @param from   what produced `input`, e.g. "layer 2 (Dense)" or "the input image"
 */
export function inferLayer(spec: LayerSpec, input: Shape, layer: string, from: string): LayerInference {
  switch (spec.class_name) {
    case 'Dense': {
      if (input.length !== 1) {
        throw new ShapeError(
          `${layer} needs a flat 1-D input but gets ${showShape(input)} from ${from}; put a Flatten layer before it`,
        );
      }
      const { units, use_bias } = spec.config;
      return { outputShape: [units], trainableParams: input[0]! * units + (use_bias ? units : 0), nonTrainableParams: 0 };
    }
    case 'Conv2D': {
      needsImage(layer, input, from);
      const { filters, use_bias, padding } = spec.config;
      const kernel = pair(spec.config.kernel_size);
      const [oh, ow] = spatial(layer, input, kernel, pair(spec.config.strides), padding, 'kernel');
      const channels = input[2]!;
      return {
        outputShape: [oh, ow, filters],
        trainableParams: kernel[0] * kernel[1] * channels * filters + (use_bias ? filters : 0),
        nonTrainableParams: 0,
      };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      needsImage(layer, input, from);
      const pool = pair(spec.config.pool_size);
      const strides = spec.config.strides === null ? pool : pair(spec.config.strides);
      const [oh, ow] = spatial(layer, input, pool, strides, spec.config.padding, 'pool_size');
      return { outputShape: [oh, ow, input[2]!], trainableParams: 0, nonTrainableParams: 0 };
    }
    case 'Flatten':
      return { outputShape: [product(input)], trainableParams: 0, nonTrainableParams: 0 };
    case 'Dropout':
      return { outputShape: input, trainableParams: 0, nonTrainableParams: 0 };
    case 'BatchNormalization': {
      const features = input[input.length - 1]!;
      const { center, scale } = spec.config;
      // gamma and beta train; the moving mean and variance are the 2 × features non-trainable ones.
      return {
        outputShape: input,
        trainableParams: (center ? features : 0) + (scale ? features : 0),
        nonTrainableParams: 2 * features,
      };
    }
    case 'Reshape': {
      const target = spec.config.target_shape;
      if (product(target) !== product(input)) {
        throw new ShapeError(
          `${layer}: target_shape ${showShape(target)} holds ${product(target)} values but its input ${showShape(input)} ` +
            `from ${from} has ${product(input)}`,
        );
      }
      return { outputShape: target, trainableParams: 0, nonTrainableParams: 0 };
    }
  }
}
