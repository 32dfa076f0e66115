/** TF.js layers-model export: model.json + weights.bin, captured by an in-memory save handler. */
import * as tf from '@tensorflow/tfjs';
import type { TrainedModel } from './trained-model.ts';
import { preprocessingText, pythonShape } from './preprocessing.ts';
import type { ExportFile, ExportMeta } from './types.ts';
import { utf8 } from './zip.ts';

export const TFJS_WEIGHTS_FILE = 'weights.bin';

/** Runs `model.save` against a handler that keeps the artifacts instead of writing them anywhere. */
export async function captureModelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('TF.js did not hand over the model artifacts');
  return captured;
}

/** model.json in the layout `tf.loadLayersModel` reads over HTTP or from files. */
export function modelJson(artifacts: tf.io.ModelArtifacts): Record<string, unknown> {
  return {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
}

function tfjsUsage(spec: TrainedModel, meta: ExportMeta): string {
  const pre = preprocessingText(meta);
  return `MNIST Lab export — TensorFlow.js${meta.modelName ? ` — ${meta.modelName}` : ''}

Files  model.json (architecture + weight manifest) and ${TFJS_WEIGHTS_FILE} (float32 weights); keep them together.
Input  float32 ${pythonShape(spec.inputShape)}. ${pre.description}
Output ${pythonShape(spec.outputShape)}: one score per digit 0–9.

Browser (serve both files over HTTP):

    import * as tf from '@tensorflow/tfjs';
    const model = await tf.loadLayersModel('https://example.com/path/model.json');
    // pixels: tf.Tensor of 0–255 values, shape [n, ${spec.inputShape.join(', ')}]
    const probabilities = model.predict(${pre.js});

Node (npm install @tensorflow/tfjs-node):

    const model = await tf.loadLayersModel('file://path/to/model.json');
`;
}

export async function exportTfjs(model: tf.LayersModel, spec: TrainedModel, meta: ExportMeta): Promise<ExportFile[]> {
  const artifacts = await captureModelArtifacts(model);
  const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  return [
    { name: 'model.json', bytes: utf8(JSON.stringify(modelJson(artifacts))) },
    { name: TFJS_WEIGHTS_FILE, bytes: new Uint8Array(weights) },
    { name: 'USAGE.txt', bytes: utf8(tfjsUsage(spec, meta)) },
  ];
}
