/** What the Evaluate panel is given (the lead gets these from the training worker). */

export interface EvaluationResult {
  testLoss: number;
  testAccuracy: number;
  /** confusion[true][predicted] = count */
  confusion: number[][];
  precision: number[];
  recall: number[];
}

export interface TestSet {
  /** [count, 28, 28] bytes */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface Predictions {
  /** per test image: the predicted digit */
  predicted: Uint8Array;
  /** per test image: the probability given to the predicted digit */
  confidence: Float32Array;
}

export type FirstLayerWeights =
  | { kind: 'dense'; units: number; /** [784, units] row-major */ kernel: Float32Array }
  | { kind: 'conv'; filters: number; kernelSize: [number, number]; channels: number; /** [kh, kw, in, out] */ kernel: Float32Array };

/** The panel's `result` from the engine's test evaluation (DoneEvent.test). */
export function toEvaluationResult(test: { loss: number; accuracy: number; confusion: number[][]; precision: number[]; recall: number[] }): EvaluationResult {
  return { testLoss: test.loss, testAccuracy: test.accuracy, confusion: test.confusion, precision: test.precision, recall: test.recall };
}
