/**
 * Opening a model file the user picked: a Keras 3 `.keras` archive, or TF.js layers files
 * (model.json + its weights .bin, as the lab, the CLI or tfjs write them).
 */
import * as tf from '@tensorflow/tfjs';
import type { PixelTransform } from '../data.ts';
import type { ModelSpec } from '../spec/schema.ts';
import { importKerasArchive, ModelImportError } from './keras-archive.ts';

export { ModelImportError } from './keras-archive.ts';

export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportedModel {
  model: tf.LayersModel;
  /** the engine spec when the architecture maps onto it (needed to continue training) */
  spec: ModelSpec | undefined;
  transform: PixelTransform;
  /** true when the file did not say how pixels were preprocessed, so "scale" is assumed */
  assumedPreprocessing: boolean;
}

const SCALE: PixelTransform = { mode: 'scale', mean: 0, std: 1 };

export type TfjsModelJson = {
  modelTopology?: object;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata?: { mnist_lab?: { preprocessing?: PixelTransform; spec?: ModelSpec } };
};

/** A TF.js layers model from its model.json (parsed) and all its weight bytes, in manifest order. */
export async function modelFromArtifacts(json: TfjsModelJson, weights: Uint8Array): Promise<tf.LayersModel> {
  if (!json.modelTopology || !json.weightsManifest) throw new ModelImportError('model.json is not a TF.js layers model (no modelTopology/weightsManifest).');
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      // a copy that owns exactly these bytes (the input may be a view into a larger buffer)
      weightData: weights.slice().buffer,
    }),
  );
}

async function importTfjs(files: ModelFile[]): Promise<ImportedModel> {
  const jsonFile = files.find((f) => f.name.endsWith('.json'));
  if (!jsonFile) throw new ModelImportError('Choose the model.json together with its weights file(s).');
  let json: TfjsModelJson;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonFile.bytes)) as TfjsModelJson;
  } catch {
    throw new ModelImportError(`${jsonFile.name} is not valid JSON.`);
  }
  if (!json.modelTopology || !json.weightsManifest) throw new ModelImportError(`${jsonFile.name} is not a TF.js layers model (no modelTopology/weightsManifest).`);
  const parts = json.weightsManifest.flatMap((group) => group.paths).map((path) => {
    const file = files.find((f) => f.name === path.split('/').pop());
    if (!file) throw new ModelImportError(`model.json needs ${path}: choose it too.`);
    return file.bytes;
  });
  const weightData = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  parts.reduce((offset, p) => (weightData.set(p, offset), offset + p.byteLength), 0);
  const model = await modelFromArtifacts(json, weightData);
  const saved = json.userDefinedMetadata?.mnist_lab;
  return { model, spec: saved?.spec, transform: saved?.preprocessing ?? SCALE, assumedPreprocessing: !saved?.preprocessing };
}

export async function importModel(files: ModelFile[]): Promise<ImportedModel> {
  const keras = files.find((f) => f.name.endsWith('.keras'));
  if (keras) {
    const { model, spec } = await importKerasArchive(keras.bytes, tf);
    return { model, spec, transform: SCALE, assumedPreprocessing: true };
  }
  return importTfjs(files);
}
