/**
 * tfjs 4.22's RMSprop, Adam and SGD (with or without momentum), same formulas and slots, whose
 * update runs as ONE fused kernel per variable on wasm (workers/engine/wasm/optimizer-kernels.ts)
 * instead of 4–15 elementwise kernels. Off wasm (webgl, cpu), or for centered RMSprop, the stock
 * update runs unchanged. Slots keep the stock names and layout, so getWeights/setWeights agree.
 */
import * as tf from '@tensorflow/tfjs';
import { FUSED_UPDATE } from '../wasm/optimizer-kernels.ts';

type Slot = { originalName: string; variable: tf.Variable };
type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];

const namesOf = (g: Gradients): string[] => (Array.isArray(g) ? g.map((v) => v.name) : Object.keys(g));
const gradientOf = (g: Gradients, name: string, i: number): tf.Tensor | undefined => (Array.isArray(g) ? g[i]?.tensor : g[name]);
const variableNamed = (name: string): tf.Variable => tf.engine().registeredVariables[name]!;

function slot(slots: Slot[], i: number, name: string, suffix: string, value: tf.Variable): tf.Variable {
  slots[i] ??= { originalName: `${name}/${suffix}`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
  return slots[i].variable;
}

function fusedAvailable(kernel: string, gradients: Gradients): boolean {
  if (tf.getBackend() !== 'wasm' || tf.getKernel(kernel, 'wasm') == null) return false;
  return namesOf(gradients).every((name, i) => variableNamed(name).dtype === 'float32' && (gradientOf(gradients, name, i)?.dtype ?? 'float32') === 'float32');
}

/** value ← the fused kernel's new tensor (a new tensor id: XNNPACK's packed-weight cache stays right) */
function update(value: tf.Variable, kernel: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, number>): void {
  tf.tidy(() => value.assign(tf.engine().runKernel(kernel, { x: value, ...inputs }, attrs) as tf.Tensor));
}

export class FusedRMSPropOptimizer extends tf.RMSPropOptimizer {
  override applyGradients(gradients: Gradients): void {
    const self = this as unknown as { centered: boolean; accumulatedMeanSquares: Slot[]; accumulatedMoments: Slot[] };
    if (self.centered || !fusedAvailable(FUSED_UPDATE.rmsprop, gradients)) return super.applyGradients(gradients);
    namesOf(gradients).forEach((name, i) => {
      const value = variableNamed(name);
      const ms = slot(self.accumulatedMeanSquares, i, name, 'rms', value);
      const mom = slot(self.accumulatedMoments, i, name, 'momentum', value);
      const gradient = gradientOf(gradients, name, i);
      if (gradient == null) return;
      update(value, FUSED_UPDATE.rmsprop, { gradient, ms, mom }, {
        decay: this.decay,
        oneMinusDecay: 1 - this.decay,
        learningRate: this.learningRate,
        epsilon: this.epsilon,
        momentum: this.momentum,
      });
    });
    this.incrementIterations();
  }
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(gradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const self = this as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable; accumulatedFirstMoment: Slot[]; accumulatedSecondMoment: Slot[] };
    if (!fusedAvailable(FUSED_UPDATE.adam, gradients)) return super.applyGradients(gradients);
    // the stock update divides by the float32 tensors 1 − β1ᵗ and 1 − β2ᵗ (a sync read is cheap on wasm)
    const oneMinusAccBeta1 = Math.fround(1 - self.accBeta1.dataSync()[0]!);
    const oneMinusAccBeta2 = Math.fround(1 - self.accBeta2.dataSync()[0]!);
    namesOf(gradients).forEach((name, i) => {
      const value = variableNamed(name);
      const m = slot(self.accumulatedFirstMoment, i, name, 'm', value);
      const v = slot(self.accumulatedSecondMoment, i, name, 'v', value);
      const gradient = gradientOf(gradients, name, i);
      if (gradient == null) return;
      update(value, FUSED_UPDATE.adam, { gradient, m, v }, {
        beta1: this.beta1,
        oneMinusBeta1: 1 - this.beta1,
        beta2: this.beta2,
        oneMinusBeta2: 1 - this.beta2,
        oneMinusAccBeta1,
        oneMinusAccBeta2,
        negLearningRate: -this.learningRate,
        epsilon: this.epsilon,
      });
    });
    tf.tidy(() => {
      self.accBeta1.assign(tf.mul(self.accBeta1, this.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}

export class FusedMomentumOptimizer extends tf.MomentumOptimizer {
  override applyGradients(gradients: Parameters<tf.MomentumOptimizer['applyGradients']>[0]): void {
    const self = this as unknown as { momentum: number; useNesterov: boolean; accumulations: Slot[] };
    if (!fusedAvailable(FUSED_UPDATE.momentum, gradients)) return super.applyGradients(gradients);
    namesOf(gradients).forEach((name, i) => {
      const value = variableNamed(name);
      const accumulation = slot(self.accumulations, i, name, 'momentum', value);
      const gradient = gradientOf(gradients, name, i);
      if (gradient == null) return;
      update(value, FUSED_UPDATE.momentum, { gradient, accumulation }, { momentum: self.momentum, c: -this.learningRate, nesterov: self.useNesterov ? 1 : 0 });
    });
    this.incrementIterations();
  }
}

export class FusedSGDOptimizer extends tf.SGDOptimizer {
  override applyGradients(gradients: Gradients): void {
    if (!fusedAvailable(FUSED_UPDATE.sgd, gradients)) return super.applyGradients(gradients);
    namesOf(gradients).forEach((name, i) => {
      const gradient = gradientOf(gradients, name, i);
      if (gradient == null) return;
      update(variableNamed(name), FUSED_UPDATE.sgd, { gradient }, { c: -this.learningRate });
    });
    this.incrementIterations();
  }
}
