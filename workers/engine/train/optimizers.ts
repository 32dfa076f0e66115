/** TF.js optimisers configured like their Keras 3 namesakes; fused updates on wasm (fused-optimizers.ts). */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from '../spec/schema.ts';
import { FusedAdamOptimizer, FusedMomentumOptimizer, FusedRMSPropOptimizer, FusedSGDOptimizer } from './fused-optimizers.ts';

export function createOptimizer(o: OptimizerSpec): tf.Optimizer {
  switch (o.name) {
    case 'sgd':
      return o.momentum > 0 || o.nesterov ? new FusedMomentumOptimizer(o.learning_rate, o.momentum, o.nesterov) : new FusedSGDOptimizer(o.learning_rate);
    case 'rmsprop':
      return new FusedRMSPropOptimizer(o.learning_rate, o.rho, o.momentum, o.epsilon, o.centered);
    case 'adam':
      return new FusedAdamOptimizer(o.learning_rate, o.beta_1, o.beta_2, o.epsilon);
    case 'adagrad':
      // TF.js' adagrad uses the backend epsilon (1e-7 on cpu and wasm, as Keras' default).
      return tf.train.adagrad(o.learning_rate, o.initial_accumulator_value);
  }
}

/** Changes the step size of a running optimizer (the learning-rate range test grows it every batch). */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  // SGD and momentum cache −lr in a tensor; the others read their `learningRate` field at every step.
  const target = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof target.setLearningRate === 'function') target.setLearningRate(learningRate);
  else target.learningRate = learningRate;
}
