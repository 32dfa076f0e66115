/** Dense/Conv2D(relu, bias) as one tape node: output and every gradient equal tfjs' own chain. */
import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../random.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { fuseBiasRelu } from './fused-relu.ts';

/** n deterministic values in [-1, 1) */
function values(n: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: n }, () => 2 * random() - 1);
}

/** y, d(Σ y·r)/dx and /d(each weight) of `make()`'s layer in a one-layer model, fused or not */
function run(make: (inputShape: number[]) => tf.layers.Layer, inputShape: number[], fuse: boolean): Record<string, Float32Array> {
  return tf.tidy(() => {
    const model = tf.sequential({ layers: [make(inputShape.slice(1))] });
    model.setWeights(model.getWeights().map((w, i) => tf.tensor(values(w.size, 10 + i), w.shape)));
    if (fuse) fuseBiasRelu(model);
    const x = tf.tensor(values(inputShape.reduce((a, b) => a * b, 1), 3), inputShape);
    const y = model.apply(x, { training: true }) as tf.Tensor;
    const r = tf.tensor(values(y.size, 4), y.shape);
    const loss = (input: tf.Tensor): tf.Scalar => tf.sum(tf.mul(model.apply(input, { training: true }) as tf.Tensor, r));
    const dx = tf.grad(loss)(x);
    const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => loss(x), weights);
    const out: Record<string, Float32Array> = { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
    weights.forEach((w, i) => (out[`d${model.trainableWeights[i]!.originalName.split('/').pop()}`] = grads[w.name]!.dataSync() as Float32Array));
    model.dispose();
    return out;
  });
}

const CASES: [string, (inputShape: number[]) => tf.layers.Layer, number[]][] = [
  ['Dense(37, relu)', (inputShape) => tf.layers.dense({ inputShape, units: 37, activation: 'relu' }), [9, 23]],
  ['Conv2D(13, 3, relu, valid)', (inputShape) => tf.layers.conv2d({ inputShape, filters: 13, kernelSize: 3, activation: 'relu' }), [2, 11, 10, 5]],
  ['Conv2D(8, 3, relu, same, strides 2)', (inputShape) => tf.layers.conv2d({ inputShape, filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), [3, 9, 8, 2]],
];

describe.each(['wasm'] as const)('fuseBiasRelu on %s', (backend) => {
  afterAll(async () => {
    await initBackend('cpu');
  });
  for (const [name, make, shape] of CASES) {
    it(`${name}: y, dx, dW, db equal the unfused layer's`, async () => {
      await initBackend(backend);
      const plain = run(make, shape, false);
      const fused = run(make, shape, true);
      expect(Object.keys(fused).sort()).toEqual(['bias', 'dx', 'kernel', 'y'].map((k) => (k === 'dx' || k === 'y' ? k : `d${k}`)).sort());
      for (const [key, want] of Object.entries(plain)) {
        const got = fused[key]!;
        let scale = 0;
        for (const v of want) scale = Math.max(scale, Math.abs(v));
        let worst = 0;
        for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
        expect(worst / scale, `${key}: largest difference relative to the largest value`).toBeLessThan(1e-5);
      }
    });
  }
  it('under a gradient tape the fused layers run no Add or Relu kernel (the chain they replace)', async () => {
    await initBackend(backend);
    for (const [name, make, shape] of CASES) {
      const model = tf.sequential({ layers: [make(shape.slice(1))] });
      const x = tf.tensor(values(shape.reduce((a, b) => a * b, 1), 3), shape);
      const kernels = async (): Promise<string[]> =>
        (await tf.profile(() => tf.grad((input: tf.Tensor) => tf.sum(model.apply(input, { training: true }) as tf.Tensor))(x))).kernelNames;
      const before = await kernels();
      fuseBiasRelu(model);
      const after = await kernels();
      expect(before, name).toEqual(expect.arrayContaining(['Add', 'Relu']));
      expect(after, name).not.toContain('Relu');
      expect(after, name).not.toContain('Add');
      x.dispose();
      model.dispose();
    }
  });
  it('on the cpu backend the layers run tfjs\' own chain (the fused kernels are ours on wasm only)', async () => {
    await initBackend('cpu');
    const [name, make, shape] = CASES[0]!;
    const model = tf.sequential({ layers: [make(shape.slice(1))] });
    fuseBiasRelu(model);
    const x = tf.tensor(values(shape.reduce((a, b) => a * b, 1), 3), shape);
    const { kernelNames } = await tf.profile(() => tf.grad((input: tf.Tensor) => tf.sum(model.apply(input, { training: true }) as tf.Tensor))(x));
    expect(kernelNames, name).toEqual(expect.arrayContaining(['Add', 'Relu']));
    x.dispose();
    model.dispose();
  });
  it('leaves other layers alone: Dense(softmax), Conv2D without bias', async () => {
    await initBackend(backend);
    const model = tf.sequential({
      layers: [tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, useBias: false, activation: 'relu' }), tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'softmax' })],
    });
    const calls = model.layers.map((l) => (l as unknown as { call: unknown }).call);
    fuseBiasRelu(model);
    expect(model.layers.map((l) => (l as unknown as { call: unknown }).call)).toEqual(calls);
    model.dispose();
  });
});
