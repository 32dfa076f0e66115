/** Which controls each layer class gets in the editor, and the helpers those controls need. */
import type { LayerClass } from '../../../workers/engine/spec/index.ts';

export type FieldKind = 'int' | 'size2d' | 'size2d-or-same' | 'activation' | 'padding' | 'rate' | 'fraction' | 'positive' | 'bool' | 'shape';

export interface LayerField {
  key: string;
  label: string;
  kind: FieldKind;
  /** one line shown as the control's description */
  help: string;
}

const activation: LayerField = { key: 'activation', label: 'Activation', kind: 'activation', help: 'Applied to each output; softmax turns the last layer into probabilities.' };
const padding: LayerField = { key: 'padding', label: 'Padding', kind: 'padding', help: "'same' keeps the height and width (with stride 1); 'valid' shrinks them." };
const useBias: LayerField = { key: 'use_bias', label: 'Bias', kind: 'bool', help: 'Add a learned offset to each output.' };
const pool: LayerField[] = [
  { key: 'pool_size', label: 'Pool size', kind: 'size2d', help: 'Window whose values are combined into one.' },
  { key: 'strides', label: 'Strides', kind: 'size2d-or-same', help: 'Step between windows; empty means the pool size.' },
  padding,
];

export const LAYER_FIELDS: Record<LayerClass, LayerField[]> = {
  Dense: [{ key: 'units', label: 'Units', kind: 'int', help: 'Number of outputs (neurons).' }, activation, useBias],
  Conv2D: [
    { key: 'filters', label: 'Filters', kind: 'int', help: 'Number of feature maps it learns.' },
    { key: 'kernel_size', label: 'Kernel', kind: 'size2d', help: 'Height × width of each filter.' },
    { key: 'strides', label: 'Strides', kind: 'size2d', help: 'Step between filter positions.' },
    padding,
    activation,
    useBias,
  ],
  MaxPooling2D: pool,
  AveragePooling2D: pool,
  Flatten: [],
  Dropout: [{ key: 'rate', label: 'Rate', kind: 'rate', help: 'Fraction of inputs set to 0 at each training step.' }],
  BatchNormalization: [
    { key: 'momentum', label: 'Momentum', kind: 'fraction', help: 'How slowly the moving mean and variance follow each batch.' },
    { key: 'epsilon', label: 'Epsilon', kind: 'positive', help: 'Added to the variance to avoid dividing by 0.' },
    { key: 'center', label: 'Center (β)', kind: 'bool', help: 'Learn an offset.' },
    { key: 'scale', label: 'Scale (γ)', kind: 'bool', help: 'Learn a factor.' },
  ],
  Reshape: [{ key: 'target_shape', label: 'Target shape', kind: 'shape', help: 'Comma-separated, without the batch axis, e.g. 28, 28, 1.' }],
};

/** One line describing each layer class, for the palette. */
export const LAYER_BLURBS: Record<LayerClass, string> = {
  Dense: 'Every input connected to every output',
  Conv2D: 'Small filters slid over the image',
  MaxPooling2D: 'Keep the largest value of each window',
  AveragePooling2D: 'Average each window',
  Flatten: 'Image → one long vector',
  Dropout: 'Randomly silence inputs while training',
  BatchNormalization: 'Re-centre and re-scale activations',
  Reshape: 'Change the shape, keep the values',
};

/** A Keras size (n or [h, w]) as the two numbers the editor shows; unreadable values show empty. */
export function sizePair(value: unknown): [number | null, number | null] {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2) {
    return [typeof value[0] === 'number' ? value[0] : null, typeof value[1] === 'number' ? value[1] : null];
  }
  return [null, null];
}

/** The value to store after editing one axis: a square size collapses back to one number, as Keras writes it. */
export function withAxis(value: unknown, axis: 0 | 1, n: number | null): number | [number | null, number | null] | null {
  const pair = sizePair(value);
  pair[axis] = n;
  if (pair[0] === null && pair[1] === null) return null;
  if (pair[0] !== null && pair[0] === pair[1]) return pair[0];
  return pair;
}

/** Value of a number input: null when empty or not a number (the schema then says what is expected). */
export function numberFromInput(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
