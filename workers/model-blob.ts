/**
 * The weights blob `runs.checkpoint` takes and `runs.model` returns ("MNIST Lab model blob v1"):
 * uint32 LE length of model.json · model.json (UTF-8) · weights.bin. The training worker builds it
 * (the one place model.json is stringified) and takes it apart when a run is opened (the one place
 * it is parsed); the renderer and the hosts pass the bytes through. Pure: worker, renderer, CLI.
 */
export interface ModelArtifactsJson {
  modelTopology: unknown;
  weightsManifest: unknown;
  [key: string]: unknown;
}

export function encodeModelBlob(modelJson: ModelArtifactsJson, weights: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(modelJson));
  const blob = new Uint8Array(4 + json.byteLength + weights.byteLength);
  new DataView(blob.buffer).setUint32(0, json.byteLength, true);
  blob.set(json, 4);
  blob.set(weights, 4 + json.byteLength);
  return blob;
}

export function decodeModelBlob(blob: Uint8Array): { modelJson: ModelArtifactsJson; weights: Uint8Array } {
  if (blob.byteLength < 4) throw new Error('The model blob is shorter than its 4-byte header.');
  const length = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(0, true);
  if (4 + length > blob.byteLength) throw new Error(`The model blob announces ${length} bytes of model.json but holds ${blob.byteLength - 4}.`);
  const modelJson = JSON.parse(new TextDecoder().decode(blob.subarray(4, 4 + length))) as ModelArtifactsJson;
  if (!modelJson || typeof modelJson !== 'object' || !('modelTopology' in modelJson) || !('weightsManifest' in modelJson)) {
    throw new Error('The model blob’s model.json lacks modelTopology or weightsManifest.');
  }
  // A copy: the weights then start at offset 0 of their own buffer, as TF.js expects.
  return { modelJson, weights: blob.slice(4 + length) };
}
