/**
 * Exact per-epoch checkpoints while training goes on: the weights are cloned synchronously in the
 * epoch event (before the next batch updates them), then encoded at leisure — in the worker, never
 * on the UI thread — straight into the model blob the runs service stores. A clone shares the old
 * data: the optimizer's assign gives the variable new data and leaves the clone's alone.
 */
import * as tf from '@tensorflow/tfjs';
import { modelJson } from './engine/export/tfjs.ts';
import { encodeModelBlob, type ModelArtifactsJson } from './model-blob.ts';

export interface WeightSnapshot {
  topology: tf.io.ModelArtifacts['modelTopology'];
  weights: { name: string; tensor: tf.Tensor }[];
}

export interface EncodedModel {
  /** a model blob (model-blob.ts): TF.js model.json and weights.bin in one buffer, as `runs.checkpoint` takes it */
  blob: Uint8Array;
}

export function snapshotWeights(model: tf.LayersModel): WeightSnapshot {
  return {
    topology: model.toJSON(null, false) as tf.io.ModelArtifacts['modelTopology'],
    weights: model.weights.map((variable) => ({ name: variable.originalName, tensor: tf.clone(variable.read()) })),
  };
}

export async function encodeSnapshot(snapshot: WeightSnapshot): Promise<EncodedModel> {
  try {
    const { data, specs } = await tf.io.encodeWeights(snapshot.weights);
    const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(data));
    const json = modelJson({ modelTopology: snapshot.topology, weightSpecs: specs, format: 'layers-model' });
    return { blob: encodeModelBlob(json as ModelArtifactsJson, weights) };
  } finally {
    for (const { tensor } of snapshot.weights) tensor.dispose();
  }
}
