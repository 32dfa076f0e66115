/**
 * The profile itself, shared by the Node run (CPU time) and the Chromium worker (wall time):
 * wraps every wasm kernelFunc, trains `steps` steps of the preset, returns the report's lines.
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../workers/engine/model.ts';
import { presetSpec } from '../workers/engine/spec/presets.ts';
import { createOptimizer } from '../workers/engine/train/optimizers.ts';
import { computeLoss, countCorrect } from '../workers/engine/train/losses.ts';
import { fuseBiasRelu } from '../workers/engine/train/fused-relu.ts';
import { sparseProductCount } from '../workers/engine/wasm/gemm.ts';

export interface ProfileOptions {
  recipe: 'mlp' | 'cnn';
  steps: number;
  /** print every kernel call of one step in order (name, input shapes, µs) */
  list: boolean;
  /** tfjs' own rmsprop instead of the engine's fused one */
  stockOptimizer: boolean;
  /** Dense/Conv2D(relu) as tfjs' product + Add + Relu chain instead of fused-relu.ts' one kernel */
  unfused: boolean;
  /** µs now: process CPU time in Node, wall time in a browser worker */
  clock: () => number;
  clockName: string;
}

/** kernels charged per layer (keyed by their first input's shape) */
const BY_SHAPE = new Set(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Conv2D', 'Sum', 'MaxPoolGrad', 'BatchMatMul']);
export function profileSteps(o: ProfileOptions): string[] {
  const { recipe, steps, list, clock } = o;
  const calls: string[] = [];
  const out: string[] = [];
  const acc = new Map<string, { us: number; n: number }>();
  let depth = 0;
  for (const k of tf.getKernelsForBackend('wasm')) {
    const orig = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, 'wasm');
    tf.registerKernel({
      ...k,
      kernelFunc: (kargs) => {
        depth++;
        const c0 = clock();
        try {
          return orig(kargs);
        } finally {
          depth--;
          const us = clock() - c0;
          if (depth === 0) {
            const first = Object.values(kargs.inputs)[0] as tf.TensorInfo | undefined;
            const key = BY_SHAPE.has(k.kernelName) && first ? `${k.kernelName} ${first.shape.join('×')}` : k.kernelName;
            if (list) calls.push(`${k.kernelName} ${Object.values(kargs.inputs).map((t) => (t as tf.TensorInfo | undefined)?.shape.join('×')).join(', ')}  ${us.toFixed(0)} µs`);
            const e = acc.get(key) ?? { us: 0, n: 0 };
            e.us += us;
            e.n++;
            acc.set(key, e);
          }
        }
      },
    });
  }

  // The app's own presets, built by the engine: what is profiled is what the lab trains.
  const spec = presetSpec(recipe === 'cnn' ? 'convnet-ch8' : 'chollet-ch2');
  const model = buildModel(spec);
  if (!o.unfused) fuseBiasRelu(model); // as the training loop does
  // the engine's optimizer (fused update kernels on wasm); `--stock-optimizer` for tfjs' own
  const optimizer = o.stockOptimizer ? tf.train.rmsprop(spec.compile.optimizer.learning_rate) : createOptimizer(spec.compile.optimizer);
  // the preset's own batch size (chollet-ch2 128, convnet-ch8 64)
  const B = spec.fit.batch_size;
  // pixel-like inputs: in [0, 1] with 81 % exact zeros, as an MNIST batch has (the Dense products
  // run from its non-zeros: gemm.ts)
  const xs = tf.tidy(() => tf.relu(tf.randomUniform(recipe === 'cnn' ? [B * 4, 28, 28, 1] : [B * 4, 784], -4.2, 1)));
  const ys = tf.randomUniform([B * 4], 0, 10, 'int32') as tf.Tensor1D; // digits
  const step = (i: number): void =>
    tf.tidy(() => {
      const x = xs.slice((i % 4) * B, B);
      const y = ys.slice((i % 4) * B, B);
      // the engine's own loss and accuracy count, as the training loop computes them
      const loss = optimizer.minimize(() => {
        const probs = model.apply(x, { training: true }) as tf.Tensor;
        countCorrect(y as tf.Tensor1D, probs).dataSync();
        return computeLoss(spec.compile.loss, y as tf.Tensor1D, probs);
      }, true);
      loss!.dataSync();
    });

  for (let i = 0; i < 3; i++) step(i);
  acc.clear();
  const sparseBefore = sparseProductCount();
  const c0 = clock();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step(i);
  const cpuMs = (clock() - c0) / 1000 / steps;
  let kernelsMs = 0;
  for (const e of acc.values()) kernelsMs += e.us / 1000 / steps;
  out.push(
    `${recipe}: wall ${((performance.now() - t0) / steps).toFixed(1)} ms/step, ${o.clockName} ${cpuMs.toFixed(1)} ms/step ` +
      `= kernels ${kernelsMs.toFixed(1)} + outside kernels ${(cpuMs - kernelsMs).toFixed(1)}`,
  );
  let dispatches = 0;
  for (const e of acc.values()) dispatches += e.n;
  out.push(`  ${(dispatches / steps).toFixed(0)} kernel dispatches per step; ${((sparseProductCount() - sparseBefore) / steps).toFixed(0)} products from a sparse A's non-zeros`);
  if (list) {
    calls.length = 0;
    step(0);
    out.push(...calls);
  }
  for (const [name, e] of [...acc.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, 18)) {
    out.push(`  ${name.padEnd(40)} ${(e.us / 1000 / steps).toFixed(2).padStart(7)} ms  ${(e.n / steps).toFixed(0)}×`);
  }
  model.dispose();
  optimizer.dispose();
  xs.dispose();
  ys.dispose();
  return out;
}
