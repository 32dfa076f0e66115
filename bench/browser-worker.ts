/**
 * Module-worker side of bench/browser-kernels.ts: initialises wasm the way the app does
 * (initBackend with served wasmPaths) and times the default MLP and convnet-ch8 training steps
 * (plain optimizer.minimize loop on random data), stock vs patched kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendInfo } from '../workers/engine/backend.ts';

interface Job {
  wasmPaths: string;
  steps: number;
  threads?: number;
}

function model(recipe: 'mlp' | 'convnet-ch8'): tf.Sequential {
  const m = tf.sequential();
  if (recipe === 'mlp') {
    m.add(tf.layers.dense({ inputShape: [784], units: 512, activation: 'relu' }));
  } else {
    m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }));
    m.add(tf.layers.flatten());
  }
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return m;
}

function msPerStep(recipe: 'mlp' | 'convnet-ch8', steps: number): number {
  const m = model(recipe);
  const optimizer = tf.train.rmsprop(1e-3);
  const xs = tf.randomUniform(recipe === 'mlp' ? [512, 784] : [512, 28, 28, 1]);
  const ys = tf.oneHot(tf.randomUniform([512], 0, 10, 'int32'), 10).toFloat();
  const step = (i: number): void =>
    tf.tidy(() => {
      const x = xs.slice((i % 4) * 128, 128);
      const y = ys.slice((i % 4) * 128, 128);
      optimizer.minimize(() => tf.metrics.categoricalCrossentropy(y, m.apply(x, { training: true }) as tf.Tensor).mean() as tf.Scalar, true)!.dataSync();
    });
  for (let i = 0; i < 3; i++) step(i);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step(i);
  const ms = (performance.now() - t0) / steps;
  m.dispose();
  optimizer.dispose();
  tf.dispose([xs, ys]);
  return ms;
}

self.onmessage = async (e: MessageEvent<Job>) => {
  const out: { info?: BackendInfo; rows: { recipe: string; kernels: string; ms: number | string }[] } = { rows: [] };
  try {
    for (const stock of [true, false]) {
      const info = await initBackend('wasm', { wasmPaths: e.data.wasmPaths, stockKernels: stock, ...(e.data.threads ? { threads: e.data.threads } : {}) });
      if (!stock) out.info = info;
      for (const recipe of ['mlp', 'convnet-ch8'] as const) {
        const kernels = stock ? 'stock' : 'patched';
        try {
          out.rows.push({ recipe, kernels, ms: msPerStep(recipe, stock && recipe === 'mlp' ? 5 : e.data.steps) });
        } catch (err) {
          out.rows.push({ recipe, kernels, ms: `throws: ${(err as Error).message.slice(0, 80)}` });
        }
      }
    }
  } catch (err) {
    out.rows.push({ recipe: 'init', kernels: '', ms: `throws: ${(err as Error).message}` });
  }
  self.postMessage(out);
};
