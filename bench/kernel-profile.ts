/**
 * Per-kernel CPU-time profile of one training step on wasm (patched kernels), robust on a shared
 * machine: every wasm kernelFunc is wrapped and charged the process CPU time it took (nested
 * kernel calls are charged to the outermost one), the rest of the step is "outside kernels"
 * (engine, tape, layers, optimizer bookkeeping in JS). Batches of the preset's own size.
 *
 *   npx tsx bench/kernel-profile.ts [mlp|cnn] [steps=20]
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../workers/engine/backend.ts';
import { buildModel } from '../workers/engine/model.ts';
import { presetSpec } from '../workers/engine/spec/presets.ts';
import { createOptimizer } from '../workers/engine/train/optimizers.ts';

const args = process.argv.slice(2);
const recipe = args[0] === 'mlp' ? 'mlp' : 'cnn';
const steps = Number(args[1] ?? 20);
/** `--list`: print every kernel call of one step in order (name, input shapes, CPU µs) */
const list = args.includes('--list');
const calls: string[] = [];

await initBackend('wasm');

/** kernels charged per layer (keyed by their first input's shape) */
const BY_SHAPE = new Set(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Conv2D', 'Sum', 'MaxPoolGrad', 'BatchMatMul']);
const acc = new Map<string, { us: number; n: number }>();
let depth = 0;
for (const k of tf.getKernelsForBackend('wasm')) {
  const orig = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, 'wasm');
  tf.registerKernel({
    ...k,
    kernelFunc: (kargs) => {
      depth++;
      const c0 = process.cpuUsage();
      try {
        return orig(kargs);
      } finally {
        depth--;
        const c = process.cpuUsage(c0);
        if (depth === 0) {
          const first = Object.values(kargs.inputs)[0] as tf.TensorInfo | undefined;
          const key = BY_SHAPE.has(k.kernelName) && first ? `${k.kernelName} ${first.shape.join('×')}` : k.kernelName;
          if (list) calls.push(`${k.kernelName} ${Object.values(kargs.inputs).map((t) => (t as tf.TensorInfo | undefined)?.shape.join('×')).join(', ')}  ${c.user + c.system} µs`);
          const e = acc.get(key) ?? { us: 0, n: 0 };
          e.us += c.user + c.system;
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
// the engine's optimizer (fused update kernels on wasm); `--stock-optimizer` for tfjs' own
const optimizer = args.includes('--stock-optimizer') ? tf.train.rmsprop(spec.compile.optimizer.learning_rate) : createOptimizer(spec.compile.optimizer);
// the preset's own batch size (chollet-ch2 128, convnet-ch8 64)
const B = spec.fit.batch_size;
const xs = tf.randomUniform(recipe === 'cnn' ? [B * 4, 28, 28, 1] : [B * 4, 784]);
const ys = tf.oneHot(tf.randomUniform([B * 4], 0, 10, 'int32'), 10).toFloat();
const step = (i: number): void =>
  tf.tidy(() => {
    const x = xs.slice((i % 4) * B, B);
    const y = ys.slice((i % 4) * B, B);
    const loss = optimizer.minimize(() => tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor).mean() as tf.Scalar, true);
    loss!.dataSync();
  });

for (let i = 0; i < 3; i++) step(i);
acc.clear();
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < steps; i++) step(i);
const c = process.cpuUsage(c0);
const cpuMs = (c.user + c.system) / 1000 / steps;
let kernelsMs = 0;
for (const e of acc.values()) kernelsMs += e.us / 1000 / steps;
console.log(
  `${recipe}: wall ${((performance.now() - t0) / steps).toFixed(1)} ms/step, CPU ${cpuMs.toFixed(1)} ms/step ` +
    `= kernels ${kernelsMs.toFixed(1)} + outside kernels ${(cpuMs - kernelsMs).toFixed(1)}`,
);
let dispatches = 0;
for (const e of acc.values()) dispatches += e.n;
console.log(`  ${(dispatches / steps).toFixed(0)} kernel dispatches per step`);
if (list) {
  calls.length = 0;
  step(0);
  console.log(calls.join('\n'));
}
for (const [name, e] of [...acc.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, 18)) {
  console.log(`  ${name.padEnd(40)} ${(e.us / 1000 / steps).toFixed(2).padStart(7)} ms  ${(e.n / steps).toFixed(0)}×`);
}
