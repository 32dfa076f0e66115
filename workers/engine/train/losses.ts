/** Keras' losses on softmax probabilities (from_logits=False) and the accuracy metric. */
import * as tf from '@tensorflow/tfjs';
import type { LossName } from '../spec/schema.ts';

// Keras clips probabilities to [epsilon, 1 - epsilon] before the log.
const EPSILON = 1e-7;

/**
 * @param labels int32 [batch] digits
 * @param probs  float32 [batch, 10] model outputs
 * @returns scalar mean loss over the batch
 */
export function computeLoss(name: LossName, labels: tf.Tensor1D, probs: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const target = tf.oneHot(labels, 10).toFloat(); // [batch, 10]
    if (name === 'mean_squared_error') return tf.mean(tf.squaredDifference(probs, target)) as tf.Scalar;
    // Integer labels make categorical and sparse categorical cross-entropy the same number.
    const logP = tf.log(tf.clipByValue(probs, EPSILON, 1 - EPSILON));
    return tf.neg(tf.mean(tf.sum(tf.mul(target, logP), -1))) as tf.Scalar;
  });
}

/** int32 scalar: how many argmax predictions equal the labels. */
export function countCorrect(labels: tf.Tensor1D, probs: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(probs, -1), labels), 'int32')));
}
