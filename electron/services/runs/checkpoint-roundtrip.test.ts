/**
 * A real TF.js model through the whole weights path: saved with withSaveHandler, framed as a model
 * blob (workers/model-blob.ts, the format in contracts/runs.ts), checkpointed by the
 * service, read back and loaded: the predictions match.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import { decodeModelBlob, encodeModelBlob } from '../../../workers/model-blob.ts';
import { createRunsService } from './service.ts';

describe('checkpoint round trip with a real TF.js model', () => {
  it('loads the saved weights and predicts exactly as the trained model', async () => {
    await tf.setBackend('cpu');
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [784], units: 16, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })],
    });
    let blob: Uint8Array | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const { weightData, weightSpecs, ...rest } = artifacts;
        const weights = new Uint8Array(weightData as ArrayBuffer);
        blob = encodeModelBlob({ ...rest, modelTopology: rest.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs ?? [] }] }, weights);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );

    const service = createRunsService({ dataDir: mkdtempSync(join(tmpdir(), 'runs-tf-')) });
    const spec = presetSpec('chollet-ch2');
    const { id } = service.create({ spec, settings: { dataset: 'mnist', backend: 'cpu', threads: null, appVersion: 'test', trainCount: null, validationCount: null } });
    service.recordEpoch(id, { epoch: 1, loss: 0.3, acc: 0.9, val_loss: null, val_acc: null, seconds: 1 });
    service.checkpoint(id, 1, blob!);

    const { modelJson, weights } = decodeModelBlob(service.loadModel(id));
    const manifest = modelJson.weightsManifest as { weights: tf.io.WeightsManifestEntry[] }[];
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology as object, weightSpecs: manifest.flatMap((g) => g.weights), weightData: weights.buffer as ArrayBuffer }),
    );
    const input = tf.randomUniform([3, 784], 0, 1, 'float32', 7);
    const [expected, actual] = [model.predict(input) as tf.Tensor, loaded.predict(input) as tf.Tensor];
    expect(Array.from(await actual.data())).toEqual(Array.from(await expected.data()));
    tf.dispose([input, expected, actual]);
    model.dispose();
    loaded.dispose();
  });
});
