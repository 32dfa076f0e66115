/** Scoring the model on the learner's own handwriting: accuracy and the drawings it got wrong. */

export interface Labelled {
  id: string;
  label: number;
}

export interface Verdict<T extends Labelled> {
  item: T;
  predicted: number;
  /** Probability of the predicted class, 0–1. */
  confidence: number;
}

export interface HandwritingEvaluation<T extends Labelled> {
  total: number;
  correct: number;
  /** correct / total, 0–1 (0 for an empty set). */
  accuracy: number;
  /** Every item's verdict, keyed by id. */
  verdicts: Map<string, Verdict<T>>;
  /** Wrong ones, most confidently wrong first. */
  failures: Verdict<T>[];
}

/** Index of the largest of the 10 values at row `row` of a [n, 10] probability matrix. */
export function topClass(probabilities: Float32Array, row = 0): number {
  let best = 0;
  for (let k = 1; k < 10; k++) if (probabilities[row * 10 + k]! > probabilities[row * 10 + best]!) best = k;
  return best;
}

/**
 * @param items the evaluated drawings, in the order they were sent to predict
 * @param probabilities [items.length, 10] row-major, as predict returns
 */
export function evaluate<T extends Labelled>(items: readonly T[], probabilities: Float32Array): HandwritingEvaluation<T> {
  if (probabilities.length !== items.length * 10) {
    throw new Error(`expected ${items.length * 10} probabilities for ${items.length} drawings, got ${probabilities.length}`);
  }
  const verdicts = new Map<string, Verdict<T>>();
  const failures: Verdict<T>[] = [];
  let correct = 0;
  items.forEach((item, row) => {
    const predicted = topClass(probabilities, row);
    const verdict = { item, predicted, confidence: probabilities[row * 10 + predicted]! };
    verdicts.set(item.id, verdict);
    if (predicted === item.label) correct++;
    else failures.push(verdict);
  });
  failures.sort((a, b) => b.confidence - a.confidence);
  return { total: items.length, correct, accuracy: items.length ? correct / items.length : 0, verdicts, failures };
}
