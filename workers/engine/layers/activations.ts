/**
 * The activations the lab offers, listed once: the spec's enum, the editor's choices, the ONNX ops
 * and the NumPy lambdas of predict_numpy.py all read this table. TF.js and Keras use the same names.
 */
import type { OnnxAttribute } from './onnx-builder.ts';

// Keras' SELU constants (ONNX's defaults are the same values rounded to float32).
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;

interface ActivationDefinition {
  /** the ONNX op and its attributes; null for 'linear' (no node); softmax's axis depends on the layout */
  onnx: { op: string; attributes: OnnxAttribute[] } | null;
  /** a Python expression of `x` (NumPy), for predict_numpy.py */
  numpy: string;
}

const TABLE = {
  relu: { onnx: { op: 'Relu', attributes: [] }, numpy: 'np.maximum(x, 0)' },
  sigmoid: { onnx: { op: 'Sigmoid', attributes: [] }, numpy: '1 / (1 + np.exp(-x))' },
  tanh: { onnx: { op: 'Tanh', attributes: [] }, numpy: 'np.tanh(x)' },
  softmax: { onnx: { op: 'Softmax', attributes: [] }, numpy: 'softmax(x)' },
  elu: { onnx: { op: 'Elu', attributes: [{ name: 'alpha', float: 1 }] }, numpy: 'np.where(x > 0, x, np.expm1(np.minimum(x, 0)))' },
  selu: {
    onnx: { op: 'Selu', attributes: [{ name: 'alpha', float: SELU_ALPHA }, { name: 'gamma', float: SELU_SCALE }] },
    numpy: 'SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(np.minimum(x, 0)))',
  },
  linear: { onnx: null, numpy: 'x' },
} as const satisfies Record<string, ActivationDefinition>;

export type Activation = keyof typeof TABLE;
export const ACTIVATIONS = Object.keys(TABLE) as Activation[];
export const ACTIVATION_TABLE: Readonly<Record<Activation, ActivationDefinition>> = TABLE;

export function isActivation(value: unknown): value is Activation {
  return typeof value === 'string' && Object.hasOwn(TABLE, value);
}
