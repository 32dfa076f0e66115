import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeSnapshot, snapshotWeights } from './checkpoint.ts';
import { decodeModelBlob } from './model-blob.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tinyModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }), tf.layers.dense({ units: 2, activation: 'softmax' })],
  });
  return model;
}

describe('checkpoints', () => {
  it('keep the weights of the moment they were taken, while training goes on', async () => {
    const model = tinyModel();
    const optimizer = tf.train.sgd(0.5);
    const x = tf.randomNormal([8, 4], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.tensor1d([0, 1, 0, 1, 1, 0, 1, 0], 'int32'), 2);
    const step = () => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar);

    step();
    const expected = model.getWeights().map((w) => w.arraySync());
    const before = tf.memory().numTensors;
    const snapshot = snapshotWeights(model);
    for (let i = 0; i < 5; i++) step();
    expect(model.getWeights()[0]!.arraySync()).not.toEqual(expected[0]);

    const encoded = await encodeSnapshot(snapshot);
    expect(tf.memory().numTensors).toBe(before);
    const { modelJson, weights } = decodeModelBlob(encoded.blob);
    const json = modelJson as { weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[]; modelTopology: object };
    expect(json.weightsManifest[0]?.paths).toEqual(['weights.bin']);
    const restored = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]!.weights, weightData: weights.buffer as ArrayBuffer }),
    );
    expect(restored.getWeights().map((w) => w.arraySync())).toEqual(expected);
  });
});
