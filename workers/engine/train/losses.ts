/** Keras' losses on softmax probabilities (from_logits=False) and the accuracy metric. */
import * as tf from '@tensorflow/tfjs';
import type { LossName } from '../spec/schema.ts';

// Keras clips probabilities to [epsilon, 1 - epsilon] before the log.
export const EPSILON = 1e-7;

/**
 * Keras' cross-entropy −mean_b Σ_j target[b, j]·log(clip(p[b, j], ε, 1 − ε)) with integer labels,
 * as ONE node on the gradient tape. The sum has one non-zero term, log(clip(p[b, y_b])), so that is
 * what is computed (the same float: the other nine terms are 0·finite); the gradient is the one
 * autodiff gives the chain, −dy/B · target / clip(p_y) where ε ≤ p_y ≤ 1 − ε and 0 elsewhere —
 * about 10 kernels a step instead of 40.
 */
const crossEntropy = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [probs, target, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  const picked = tf.sum(tf.mul(probs, target), -1, true); // p[b, y_b], [batch, 1]
  const clipped = tf.clipByValue(picked, EPSILON, 1 - EPSILON);
  save([picked, clipped, target]);
  return {
    value: tf.neg(tf.mean(tf.log(clipped))),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [p, c, t] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const inside = tf.cast(tf.logicalAnd(tf.greaterEqual(p, EPSILON), tf.lessEqual(p, 1 - EPSILON)), 'float32');
      const perRow = tf.mul(tf.div(tf.div(tf.neg(dy as tf.Tensor), p.shape[0]!), c), inside); // [batch, 1]
      return [tf.mul(t, perRow), tf.zerosLike(t)];
    },
  };
});

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
    return crossEntropy(probs, target) as tf.Scalar;
  });
}

/** int32 scalar: how many argmax predictions equal the labels. */
export function countCorrect(labels: tf.Tensor1D, probs: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(probs, -1), labels), 'int32')));
}
