/** Schema pieces and shape helpers several layer definitions share. */
import { z } from 'zod';
import { ACTIVATIONS, isActivation } from './activations.ts';
import type { Activation } from './activations.ts';
import type { LayerField, Shape } from './definition.ts';

/** Thrown for a layer whose input shape does not suit it; the message is for the learner. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
export const describeValue = (input: unknown) => (typeof input === 'string' ? `'${input}'` : JSON.stringify(input));

const activationEnum = () =>
  z.enum(ACTIVATIONS as [Activation, ...Activation[]], {
    error: (issue) => `unknown activation ${describeValue(issue.input)}; choose one of ${quoted(ACTIVATIONS)}`,
  });
/** An optional activation (Keras' default: linear). */
export const activation = activationEnum().default('linear');
/** An activation that must be given (the Activation layer). */
export const requiredActivation = activationEnum();

export const positiveInt = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(1, `${what} must be at least 1`);

/** Keras accepts an int or a (height, width) pair for kernel/pool/stride sizes. */
export const size2d = (what: string) =>
  z.union([positiveInt(what), z.tuple([positiveInt(what), positiveInt(what)])], {
    error: `${what} must be a whole number ≥ 1 or a pair [height, width]`,
  });

export const padding = z
  .enum(['valid', 'same'], { error: (issue) => `padding must be 'valid' or 'same', not ${describeValue(issue.input)}` })
  .default('valid');

export const layerName = z.string().min(1).optional();

/** The config side of a layer with no settings of its own (Flatten, GlobalAveragePooling2D): a name, nothing to edit. */
export function noSettings() {
  return { schema: z.strictObject({ name: layerName }), editorDefaults: {}, fields: [] as LayerField[] };
}

export const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);
export const showShape = (shape: Shape) => `[${shape.join(', ')}]`;
export const product = (shape: Shape) => shape.reduce((a, b) => a * b, 1);

/** Keras' conv/pool output length along one axis. */
function outputLength(input: number, window: number, stride: number, pad: 'valid' | 'same'): number {
  return pad === 'same' ? Math.ceil(input / stride) : Math.floor((input - window) / stride) + 1;
}

/** Output height and width of a window slid over a (height, width, channels) input. */
export function spatialOutput(
  layer: string,
  input: Shape,
  window: [number, number],
  strides: [number, number],
  pad: 'valid' | 'same',
  windowName: string,
): [number, number] {
  const [h, w] = input as [number, number, number];
  const oh = outputLength(h, window[0], strides[0], pad);
  const ow = outputLength(w, window[1], strides[1], pad);
  if (oh < 1 || ow < 1) {
    throw new ShapeError(
      `${layer}: its ${windowName} ${window[0]}×${window[1]} is larger than its ${h}×${w} input with padding 'valid'; ` +
        `use a smaller ${windowName}, padding 'same', or fewer pooling layers before it`,
    );
  }
  return [oh, ow];
}

export function needsImage(layer: string, input: Shape, from: string): void {
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

/** A layer without weights whose output has its input's shape. */
export const sameShape = (input: Shape) => ({ outputShape: input, trainableParams: 0, nonTrainableParams: 0 });

/** A TF.js activation name the lab can carry over; anything else cannot be exported. */
export function tfjsActivation(config: Record<string, unknown>): Activation {
  const value = config['activation'] ?? 'linear';
  if (!isActivation(value)) throw new Error(`activation ${JSON.stringify(value)} cannot be exported; supported: ${ACTIVATIONS.join(', ')}`);
  return value;
}

export function requireChannelsLast(config: Record<string, unknown>): void {
  const format = config['dataFormat'] ?? 'channelsLast';
  if (format !== 'channelsLast') throw new Error(`only channels-last data is supported, got ${String(format)}`);
}

/** Keras' `activation` (a name, or in newer releases a serialised object) as its name. */
export function kerasActivationName(value: unknown): unknown {
  if (value && typeof value === 'object' && 'config' in value) return (value as { config: { name?: unknown } }).config.name;
  return value;
}

const GLOROT = { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null };
const ZEROS = { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null };
const ONES = { module: 'keras.initializers', class_name: 'Ones', config: {}, registered_name: null };
export const KERAS_INITIALIZERS = { glorot: GLOROT, zeros: ZEROS, ones: ONES };
export const NO_REGULARIZERS = { kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null };

/** "3×3" */
export const sizeText = (v: number | [number, number]) => (typeof v === 'number' ? `${v}×${v}` : `${v[0]}×${v[1]}`);
/** " relu", or nothing for linear */
export const activationText = (a: string) => (a === 'linear' ? '' : ` ${a}`);
