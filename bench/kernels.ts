/**
 * Kernel benchmark for the wasm backend (Node is a fine proxy for the browser worker).
 *
 *   npx tsx bench/kernels.ts [--steps 40] [--repeat 2] [--only mlp|cnn] [--no-fit] [--no-stock] [--profile]
 *
 * Recipes: the presets chollet-ch2 ('mlp') and convnet-ch8, rmsprop(1e-3), batch 128 (469 steps /
 * epoch of 60 000).
 * s/epoch is extrapolated from `--steps` timed steps after warm-up, for a plain custom loop
 * (optimizer.minimize) and for model.fit (on the whole 60 000-image set, stopped after the timed
 * steps). Kernels: stock = tfjs-backend-wasm 4.22 as shipped; patched = our overrides
 * (workers/engine/wasm).   flags: --no-stock --no-fit --only mlp|cnn --batch N --profile
 * `--profile` prints where the per-step kernel time goes (tf.profile of one custom-loop step).
 */
import * as tf from '@tensorflow/tfjs';
import { loadMnist } from '../test-support/mnist-files.ts';
import { initBackend } from '../workers/engine/backend.ts';
import { buildModel as buildEngineModel } from '../workers/engine/model.ts';
import { presetSpec } from '../workers/engine/spec/presets.ts';
import { createOptimizer } from '../workers/engine/train/optimizers.ts';

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const opt = (name: string, dflt: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const optStr = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const STEPS = opt('steps', 40);
const REPEAT = opt('repeat', 2);
const BATCH = opt('batch', 128);
const TRAIN_SIZE = 60_000;
const STEPS_PER_EPOCH = Math.ceil(TRAIN_SIZE / BATCH);
const WARMUP = 3;

type Recipe = 'mlp' | 'convnet-ch8';

/** The app's own presets, built by the engine, compiled for model.fit; patched kernels get the engine's fused optimizer. */
function buildModel(recipe: Recipe, stock: boolean): tf.Sequential {
  const spec = presetSpec(recipe === 'mlp' ? 'chollet-ch2' : 'convnet-ch8');
  const model = buildEngineModel(spec);
  const optimizer = stock ? tf.train.rmsprop(spec.compile.optimizer.learning_rate) : createOptimizer(spec.compile.optimizer);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/**
 * The whole training set as the lab holds it: [60000, 784] or [60000, 28, 28, 1] floats in [0, 1]
 * and one-hot labels. Batches are cut from it every step (as the app does), so the cost of
 * slicing a batch out of a 188 MB tensor is part of the step.
 */
function makeData(recipe: Recipe): { xs: tf.Tensor; ys: tf.Tensor } {
  const { images, labels, count } = loadMnist('train');
  return tf.tidy(() => {
    const flat = tf.tensor2d(Float32Array.from(images, (v) => v / 255), [count, 784]);
    const xs = recipe === 'mlp' ? flat : flat.reshape([count, 28, 28, 1]);
    const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat();
    return { xs, ys };
  });
}

function batchAt(data: { xs: tf.Tensor; ys: tf.Tensor }, i: number): [tf.Tensor, tf.Tensor] {
  const n = data.xs.shape[0]!;
  const start = (i * BATCH) % (n - BATCH + 1);
  return [data.xs.slice(start, BATCH), data.ys.slice(start, BATCH)];
}

function customStep(model: tf.Sequential, data: { xs: tf.Tensor; ys: tf.Tensor }, i: number): number {
  const optimizer = model.optimizer;
  return tf.tidy(() => {
    const [x, y] = batchAt(data, i);
    const loss = optimizer.minimize(() => tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor).mean() as tf.Scalar, true);
    return loss!.dataSync()[0]!;
  });
}

/** Wall-clock and process CPU time (ms); CPU time is what this process itself spent — the honest
 * number on a shared machine (wall ≈ CPU when the machine is otherwise idle). */
interface Timing {
  wall: number;
  cpu: number;
}

function clock(): () => Timing {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  };
}

/** ms per step of a plain optimizer.minimize loop */
function timeCustom(model: tf.Sequential, data: { xs: tf.Tensor; ys: tf.Tensor }, steps: number): Timing {
  for (let i = 0; i < WARMUP; i++) customStep(model, data, i);
  const stop = clock();
  for (let i = 0; i < steps; i++) customStep(model, data, i + WARMUP);
  const t = stop();
  return { wall: t.wall / steps, cpu: t.cpu / steps };
}

/** ms per step of model.fit on the whole training set (shuffled), timed over `steps` batches after warm-up, then stopped */
async function timeFit(model: tf.Sequential, data: { xs: tf.Tensor; ys: tf.Tensor }, steps: number): Promise<Timing> {
  let stop: (() => Timing) | null = null;
  let ms: Timing = { wall: NaN, cpu: NaN };
  await model.fit(data.xs, data.ys, {
    batchSize: BATCH,
    epochs: 1,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onBatchEnd: async (batch) => {
        if (batch === WARMUP - 1) stop = clock();
        if (batch === WARMUP + steps - 1 && stop != null) {
          const t = stop();
          ms = { wall: t.wall / steps, cpu: t.cpu / steps };
          model.stopTraining = true;
        }
      },
    },
  });
  return ms;
}

async function profileStep(model: tf.Sequential, data: { xs: tf.Tensor; ys: tf.Tensor }): Promise<string[]> {
  const info = await tf.profile(() => {
    customStep(model, data, 1);
  });
  const byKernel = new Map<string, { ms: number; n: number }>();
  let total = 0;
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    total += ms;
    // split the heavy kernels by their first input's shape (= which layer)
    const shape = /Conv2D|Pool|BatchMatMul|Sum/.test(k.name) ? ` ${(k.inputShapes[0] ?? []).join('×')}` : '';
    const key = k.name + shape;
    const e = byKernel.get(key) ?? { ms: 0, n: 0 };
    e.ms += ms;
    e.n += 1;
    byKernel.set(key, e);
  }
  const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14);
  return [
    `    tf.profile (wall ms): kernels total ${total.toFixed(1)} ms/step over ${info.kernels.length} kernel calls; top:`,
    ...rows.map(([name, e]) => `      ${name.padEnd(36)} ${e.ms.toFixed(2).padStart(7)} ms  (${e.n}×, ${((100 * e.ms) / total).toFixed(0)} %)`),
  ];
}

interface Row {
  recipe: string;
  kernels: string;
  loop: string;
  msPerStep: Timing[];
}

async function benchRecipe(recipe: Recipe, stock: boolean, rows: Row[], notes: string[]): Promise<void> {
  const info = await initBackend('wasm', { stockKernels: stock });
  const kernels = stock ? 'stock' : 'patched';
  const steps = stock && recipe === 'mlp' ? Math.min(STEPS, 10) : STEPS;
  const data = makeData(recipe);
  const custom: Timing[] = [];
  const fit: Timing[] = [];
  try {
    for (let r = 0; r < REPEAT; r++) {
      const model = buildModel(recipe, stock);
      custom.push(timeCustom(model, data, steps));
      const before = tf.memory().numTensors; // after warm-up: the optimizer's slots exist
      customStep(model, data, 0);
      const leaked = tf.memory().numTensors - before;
      if (leaked !== 0) notes.push(`${recipe}/${kernels}: ${leaked} tensors leaked per custom-loop step`);
      if (!flag('no-fit')) fit.push(await timeFit(model, data, steps));
      if (flag('profile') && r === 0) notes.push(`${recipe}, ${kernels} kernels (${info.backend}, simd ${info.simd}, threads ${info.threads}):`, ...(await profileStep(model, data)));
      model.dispose();
    }
  } catch (e) {
    notes.push(`${recipe}/${kernels}: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    tf.dispose([data.xs, data.ys]);
  }
  if (custom.length > 0) rows.push({ recipe, kernels, loop: 'custom (minimize)', msPerStep: custom });
  else rows.push({ recipe, kernels, loop: 'custom (minimize)', msPerStep: [] });
  if (fit.length > 0) rows.push({ recipe, kernels, loop: 'model.fit', msPerStep: fit });
}

async function main(): Promise<void> {
  const only = optStr('only');
  const rows: Row[] = [];
  const notes: string[] = [];
  const recipes: Recipe[] = only === 'mlp' ? ['mlp'] : only === 'cnn' ? ['convnet-ch8'] : ['mlp', 'convnet-ch8'];
  const info = await initBackend('wasm');
  console.log(`tfjs ${info.tfjsVersion}, backend ${info.backend}, simd ${info.simd}, threads ${info.threads}; batch ${BATCH}, ${STEPS_PER_EPOCH} steps/epoch, ${STEPS} timed steps × ${REPEAT}`);
  for (const recipe of recipes) {
    if (!flag('no-stock')) await benchRecipe(recipe, true, rows, notes);
    await benchRecipe(recipe, false, rows, notes);
  }
  await initBackend('wasm');
  const best = (ts: Timing[], k: keyof Timing): number => Math.min(...ts.map((t) => t[k]));
  const perEpoch = STEPS_PER_EPOCH / 1000;
  console.log('');
  console.log('s/epoch = ms/step × ' + STEPS_PER_EPOCH + ' steps; each repeat listed; "best" = fastest repeat.');
  console.log('CPU = this process\'s CPU time (robust on a shared machine); wall = elapsed time.');
  console.log('');
  console.log(`${'recipe'.padEnd(12)} ${'kernels'.padEnd(8)} ${'loop'.padEnd(18)} ${'best s/epoch CPU'.padStart(17)} ${'best s/epoch wall'.padStart(18)}   ms/step CPU (wall) per repeat`);
  for (const r of rows) {
    if (r.msPerStep.length === 0) {
      console.log(`${r.recipe.padEnd(12)} ${r.kernels.padEnd(8)} ${r.loop.padEnd(18)} ${'throws'.padStart(17)} ${'throws'.padStart(18)}`);
      continue;
    }
    const cpu = (best(r.msPerStep, 'cpu') * perEpoch).toFixed(2);
    const wall = (best(r.msPerStep, 'wall') * perEpoch).toFixed(2);
    const reps = r.msPerStep.map((t) => `${t.cpu.toFixed(1)} (${t.wall.toFixed(1)})`).join(', ');
    console.log(`${r.recipe.padEnd(12)} ${r.kernels.padEnd(8)} ${r.loop.padEnd(18)} ${cpu.padStart(17)} ${wall.padStart(18)}   ${reps}`);
  }
  if (notes.length > 0) console.log(['', ...notes].join('\n'));
}

await main();
