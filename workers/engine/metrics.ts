/** evaluate(): loss, accuracy, confusion matrix and per-class precision/recall on a labelled set. */
import * as tf from '@tensorflow/tfjs';
import type { LossName } from './spec/schema.ts';
import { imageBatch, labelBatch, lookupTable } from './data.ts';
import type { SplitBytes, PixelTransform } from './data.ts';
import { inputShapeOf } from './model.ts';
import { computeLoss } from './train/losses.ts';

export interface Evaluation {
  count: number;
  loss: number;
  accuracy: number;
  /** confusion[trueDigit][predictedDigit] = count */
  confusion: number[][];
  /** per digit: correct / predicted as that digit (0 when never predicted) */
  precision: number[];
  /** per digit: correct / examples of that digit (0 when absent) */
  recall: number[];
}

export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>): number[][] {
  const m = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  for (let i = 0; i < labels.length; i++) m[labels[i]!]![predicted[i]!]!++;
  return m;
}

export function precisionRecall(confusion: number[][]): { precision: number[]; recall: number[] } {
  const precision: number[] = [];
  const recall: number[] = [];
  for (let d = 0; d < 10; d++) {
    const correct = confusion[d]![d]!;
    const actual = confusion[d]!.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[d]!, 0);
    precision.push(predicted > 0 ? correct / predicted : 0);
    recall.push(actual > 0 ? correct / actual : 0);
  }
  return { precision, recall };
}

/** Forward passes in inference mode (dropout off, batch-norm moving statistics). */
export async function evaluate(
  model: tf.LayersModel,
  set: SplitBytes,
  transform: PixelTransform,
  loss: LossName,
  batchSize = 500,
): Promise<Evaluation> {
  const count = set.labels.length;
  if (count === 0) throw new Error('cannot evaluate on an empty set');
  const lut = lookupTable(transform);
  const shape = inputShapeOf(model);
  const predicted = new Int32Array(count);
  let lossSum = 0;
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(start + batchSize, count);
    const [batchLoss, classes] = tf.tidy(() => {
      const xs = imageBatch(set.images, lut, null, start, end, shape);
      const ys = labelBatch(set.labels, null, start, end);
      const probs = model.apply(xs, { training: false }) as tf.Tensor; // [n, 10]
      return [computeLoss(loss, ys, probs), tf.argMax(probs, -1)] as const;
    });
    const [l, c] = await Promise.all([batchLoss.data(), classes.data()]);
    tf.dispose([batchLoss, classes]);
    lossSum += l[0]! * (end - start);
    predicted.set(c, start);
  }
  const confusion = confusionMatrix(set.labels, predicted);
  let correct = 0;
  for (let d = 0; d < 10; d++) correct += confusion[d]![d]!;
  return { count, loss: lossSum / count, accuracy: correct / count, confusion, ...precisionRecall(confusion) };
}
