/**
 * The test images the model gets wrong, most confident mistakes first: sorted by their loss,
 * −log p(true digit), the same cross-entropy the training minimises.
 */

export interface Mistakes {
  /** test-set indices of the misclassified images, highest loss first */
  index: Uint32Array;
  /** per mistake: the true digit, the predicted one, p(predicted), −log p(true) */
  label: Uint8Array;
  predicted: Uint8Array;
  confidence: Float32Array;
  loss: Float32Array;
}

/** p(true) is clamped like Keras' crossentropy (1e-7), so a zero probability gives a finite loss. */
const EPSILON = 1e-7;

/** @param probabilities [n * 10] row-major; @param labels [n] */
export function rankMistakes(probabilities: Float32Array, labels: Uint8Array): Mistakes {
  const n = labels.length;
  if (probabilities.length !== n * 10) throw new Error(`need 10 probabilities per image: ${probabilities.length} for ${n} images`);
  const found: { index: number; predicted: number; confidence: number; loss: number }[] = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < 10; k++) if (probabilities[i * 10 + k]! > probabilities[i * 10 + best]!) best = k;
    if (best === labels[i]) continue;
    const pTrue = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i * 10 + labels[i]!]!));
    found.push({ index: i, predicted: best, confidence: probabilities[i * 10 + best]!, loss: -Math.log(pTrue) });
  }
  found.sort((a, b) => b.loss - a.loss || a.index - b.index);
  return {
    index: Uint32Array.from(found, (m) => m.index),
    label: Uint8Array.from(found, (m) => labels[m.index]!),
    predicted: Uint8Array.from(found, (m) => m.predicted),
    confidence: Float32Array.from(found, (m) => m.confidence),
    loss: Float32Array.from(found, (m) => m.loss),
  };
}
