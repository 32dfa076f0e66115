import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { parseSpec, presetSpec } from '../spec/index.ts';
import type { ModelSpec } from '../spec/index.ts';
import { buildModel } from '../model.ts';
import { createTraining } from './training.ts';
import type { TrainingEvent } from './events.ts';

// Stock tfjs wasm kernels (Dense models only); backend.ts' initBackend adds faster kernels in the app.
beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
  await tf.ready();
});

const train = loadMnist('train', 2000);
const test = loadMnist('test', 1000);

function record(spec: ModelSpec, extra: { test?: boolean; interval?: number } = {}) {
  const events: TrainingEvent[] = [];
  const run = createTraining({
    spec,
    train,
    test: extra.test === false ? null : test,
    batchEventIntervalMs: extra.interval ?? 0,
    onEvent: (e) => events.push(e),
  });
  return { run, events };
}

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));
const withoutTime = (events: TrainingEvent[]) =>
  events.map((e) => ('seconds' in e ? { ...e, seconds: 0 } : 'samplesPerSecond' in e ? { ...e, samplesPerSecond: 0 } : e));
const small = (patch: (s: ModelSpec) => void = () => {}) => {
  const spec = presetSpec('chollet-ch2');
  spec.fit.subset = 400;
  spec.fit.epochs = 1;
  patch(spec);
  return spec;
};

describe('createTraining', () => {
  it('chollet-ch2 on 2 000 images for 2 epochs passes 80 % on 1 000 test images', async () => {
    const spec = presetSpec('chollet-ch2');
    spec.fit.epochs = 2;
    const { run, events } = record(spec, { interval: 100 });
    const done = await run.done;
    run.model.dispose();
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(done.status).toBe('finished');
    expect(done.epochsCompleted).toBe(2);
    expect(done.test!.accuracy).toBeGreaterThan(0.8);
    expect(done.test!.count).toBe(1000);
    expect(done.test!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(1000);
    expect(done.transform).toEqual({ mode: 'scale', mean: 0, std: 1 });
    expect(events[0]).toEqual({ type: 'start', epochs: 2, batchesPerEpoch: 16, trainCount: 2000, validationCount: 0 });
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs[1]!.loss).toBeLessThan(epochs[0]!.loss);
    expect(epochs[0]!.val_loss).toBeNull();
    expect(events.at(-1)).toBe(done);
    expect(run.state).toBe('finished');
  });

  it('batch events carry the means since the previous report and over the epoch so far, both exact', async () => {
    // 400 images in batches of 128: 128, 128, 128, 16 — the last batch is short, so batch counts are not example counts
    const spec = small();
    const { run, events } = record(spec, { test: false, interval: 0 });
    await run.done;
    run.model.dispose();
    const batches = events.filter((e) => e.type === 'batch');
    const epoch = events.find((e) => e.type === 'epoch')!;
    const sizes = [128, 128, 128, 16];
    expect(batches.map((b) => b.batch)).toEqual([1, 2, 3, 4]);
    const weighted = (key: 'loss' | 'accuracy') => batches.reduce((sum, b, i) => sum + b[key] * sizes[i]!, 0) / 400;
    expect(weighted('loss')).toBeCloseTo(epoch.loss, 5);
    expect(weighted('accuracy')).toBeCloseTo(epoch.accuracy, 6);
    expect(batches.at(-1)!.epochLoss).toBeCloseTo(epoch.loss, 6);
    expect(batches.at(-1)!.epochAccuracy).toBeCloseTo(epoch.accuracy, 6);
    expect(batches[0]!.epochLoss).toBe(batches[0]!.loss);
    expect(batches[1]!.epochLoss).toBeCloseTo((batches[0]!.loss + batches[1]!.loss) / 2, 6);
  });

  it('reports validation metrics from the end of the subset', async () => {
    const spec = small((s) => (s.fit.validation_split = 0.25));
    const { run, events } = record(spec, { test: false });
    const done = await run.done;
    run.model.dispose();
    expect(events[0]).toMatchObject({ trainCount: 300, validationCount: 100, batchesPerEpoch: 3 });
    const epoch = events.find((e) => e.type === 'epoch')!;
    expect(epoch.val_accuracy).toBeGreaterThan(0);
    expect(epoch.val_loss).toBeGreaterThan(0);
    expect(done).toMatchObject({ type: 'done', test: null });
  });

  it('is deterministic for a seed, dropout included, and another seed differs', async () => {
    const spec = (seed: number) =>
      parseSpec({
        layers: [
          { class_name: 'Dense', config: { units: 64, activation: 'relu' } },
          { class_name: 'Dropout', config: { rate: 0.3 } },
          { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
        ],
        compile: { optimizer: 'adam' },
        fit: { epochs: 2, batch_size: 64, subset: 500, validation_split: 0.2, seed },
      });
    const results = [];
    for (const seed of [3, 3, 4]) {
      const { run, events } = record(spec(seed));
      await run.done;
      results.push({ events: withoutTime(events), weights: weightsOf(run.model) });
      run.model.dispose();
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]!.weights).not.toEqual(results[0]!.weights);
  });

  it('stops on a NaN/infinite loss within one batch, naming epoch, batch and the learning rate', async () => {
    // Raw pixels (0–255) with a linear output and mean squared error: the loss explodes in a few steps.
    const spec = parseSpec({
      layers: [
        { class_name: 'Dense', config: { units: 512, activation: 'relu' } },
        { class_name: 'Dense', config: { units: 10, activation: 'linear' } },
      ],
      compile: { optimizer: { name: 'sgd', learning_rate: 1 }, loss: 'mean_squared_error' },
      fit: { epochs: 3, batch_size: 32, subset: 400 },
      preprocessing: 'raw',
    });
    const { run, events } = record(spec);
    const done = await run.done;
    run.model.dispose();
    expect(done.type).toBe('error');
    if (done.type !== 'error') return;
    expect(done.epoch).toBe(1);
    expect(done.batch).toBeGreaterThan(1);
    expect(done.message).toMatch(
      new RegExp(
        `^Training stopped at epoch 1, batch ${done.batch}: the loss became (NaN|infinite)\\. The learning rate 1 is probably too high ` +
          "for raw pixel values \\(0–255\\): try a lower one, e.g. 0.1, or preprocessing 'scale'\\.$",
      ),
    );
    const batches = events.filter((e) => e.type === 'batch');
    // every batch before the bad one was reported (interval 0), none after it
    expect(batches.map((b) => b.batch)).toEqual(Array.from({ length: done.batch! - 1 }, (_, i) => i + 1));
    expect(events.some((e) => e.type === 'done' || e.type === 'epoch')).toBe(false);
    expect(run.state).toBe('failed');
  });

  it('keeps tf.memory().numTensors flat across epochs and releases everything it made', async () => {
    const spec = small((s) => {
      s.fit.epochs = 3;
      s.fit.validation_split = 0.25;
    });
    const model = buildModel(spec);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const run = createTraining({ spec, model, train, test, onEvent: (e) => e.type === 'epoch' && counts.push(tf.memory().numTensors) });
    await run.done;
    expect(counts).toHaveLength(3);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('stop keeps the weights of the last completed batch and still evaluates', async () => {
    let snapshot: number[][] = [];
    const spec = small((s) => (s.fit.batch_size = 50));
    const run = createTraining({
      spec,
      train,
      test,
      batchEventIntervalMs: 0,
      onEvent: (e) => {
        if (e.type === 'batch' && e.batch === 3) {
          snapshot = weightsOf(run.model);
          run.stop();
        }
      },
    });
    const done = await run.done;
    expect(done).toMatchObject({ type: 'done', status: 'stopped', epochsCompleted: 0 });
    expect(snapshot.length).toBe(4);
    expect(weightsOf(run.model)).toEqual(snapshot);
    if (done.type === 'done') expect(done.test!.count).toBe(1000);
    expect(run.state).toBe('stopped');
    run.model.dispose();
  });

  it('pause holds the weights; resume continues with the optimizer state as if never paused', async () => {
    const spec = small((s) => (s.fit.batch_size = 50));
    const straight = record(spec, { test: false });
    await straight.run.done;
    const expected = weightsOf(straight.run.model);
    straight.run.model.dispose();

    let onPaused: () => void = () => {};
    const paused = new Promise<void>((resolve) => (onPaused = resolve));
    const events: TrainingEvent[] = [];
    const run = createTraining({
      spec,
      train,
      batchEventIntervalMs: 0,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'batch' && e.batch === 2) run.pause();
        if (e.type === 'paused') onPaused();
      },
    });
    await paused;
    expect(run.state).toBe('paused');
    const held = weightsOf(run.model);
    const eventCount = events.length;
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
    expect(events.length).toBe(eventCount);
    expect(weightsOf(run.model)).toEqual(held);
    expect(events.at(-1)).toEqual({ type: 'paused', epoch: 1, batch: 2 });
    run.resume();
    const done = await run.done;
    expect(done).toMatchObject({ type: 'done', status: 'finished' });
    expect(events.filter((e) => e.type === 'resumed')).toHaveLength(1);
    expect(weightsOf(run.model)).toEqual(expected);
    run.model.dispose();
  });

  it('stop while paused ends the run', async () => {
    const spec = small((s) => (s.fit.batch_size = 50));
    const run = createTraining({
      spec,
      train,
      batchEventIntervalMs: 0,
      onEvent: (e) => {
        if (e.type === 'batch' && e.batch === 1) run.pause();
        if (e.type === 'paused') run.stop();
      },
    });
    expect(await run.done).toMatchObject({ type: 'done', status: 'stopped', epochsCompleted: 0 });
    run.model.dispose();
  });
});
