/**
 * Real training on wasm with our kernels: a small convnet on 512 genuine MNIST images learns, and a
 * training step leaks neither tensors (engine) nor wasm heap buffers (backend data ids).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { initBackend } from '../backend.ts';

function convnet(): tf.Sequential {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.averagePooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dropout({ rate: 0.2, seed: 7 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3) }));
  return model;
}

/** Mean training loss of each of `epochs` epochs (fixed order, seeded init), on the active backend. */
async function trainLosses(epochs: number): Promise<number[]> {
  const { xs, ys } = mnist512();
  const model = convnet();
  model.compile({ optimizer: tf.train.adam(3e-3), loss: 'categoricalCrossentropy' });
  const h = await model.fit(xs, ys, { batchSize: 64, epochs, shuffle: false, verbose: 0 });
  model.dispose();
  tf.dispose([xs, ys]);
  return h.history.loss as number[];
}

function mnist512(): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const { images, labels, count } = loadMnist('train', 512);
  return tf.tidy(() => ({
    xs: tf.tensor4d(Float32Array.from(images, (v) => v / 255), [count, 28, 28, 1]),
    ys: tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D,
  }));
}

function backendDataIds(): number {
  return (tf.engine().backend as unknown as { numDataIds(): number }).numDataIds();
}

beforeAll(async () => {
  const info = await initBackend('wasm');
  expect(info.patchedKernels).toContain('Conv2DBackpropFilter');
});

describe('training on wasm', () => {
  it('a Conv2D model trains on 512 real MNIST images: loss drops, exactly as on cpu', async () => {
    const wasm = await trainLosses(3);
    expect(wasm.every(Number.isFinite)).toBe(true);
    expect(wasm[2]!).toBeLessThan(wasm[0]! * 0.75);
    await initBackend('cpu'); // the reference; one epoch (8 steps) keeps the cpu convnet quick
    const cpu = await trainLosses(1);
    await initBackend('wasm');
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(wasm[i]! - cpu[i]!)).toBeLessThanOrEqual(1e-3 * Math.max(1, cpu[i]!));
  });

  it('a training step (custom loop) leaks no tensors and no wasm buffers', async () => {
    const { xs, ys } = mnist512();
    const model = convnet();
    const optimizer = tf.train.rmsprop(1e-3);
    const step = (): void =>
      tf.tidy(() => {
        const x = xs.slice(0, 64);
        const y = ys.slice(0, 64);
        optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor).mean() as tf.Scalar);
      });
    step(); // creates the optimizer's slot variables
    const tensors = tf.memory().numTensors;
    const dataIds = backendDataIds();
    step();
    step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backendDataIds()).toBe(dataIds);
    model.dispose();
    optimizer.dispose();
    tf.dispose([xs, ys]);
  });

  it('a model.fit epoch leaks no tensors and no wasm buffers (MLP)', async () => {
    const { xs, ys } = mnist512();
    const flat = xs.reshape([512, 784]);
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [784], units: 64, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    model.compile({ optimizer: tf.train.rmsprop(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(flat, ys, { batchSize: 128, epochs: 1, verbose: 0 });
    const tensors = tf.memory().numTensors;
    const dataIds = backendDataIds();
    const h = await model.fit(flat, ys, { batchSize: 128, epochs: 2, verbose: 0 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backendDataIds()).toBe(dataIds);
    expect(h.history.loss!.length).toBe(2);
    model.dispose();
    tf.dispose([xs, ys, flat]);
  });
});
