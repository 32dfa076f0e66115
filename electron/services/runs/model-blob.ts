/**
 * Checks a weights blob (format in electron/api/contracts/runs.ts): 4-byte little-endian length of
 * model.json, model.json, weights.bin. Only the framing and the JSON are checked; the bytes are
 * stored as they came.
 */
import { RunsError } from './errors.ts';

export function checkModelBlob(bytes: Uint8Array): { modelJsonBytes: number; weightBytes: number } {
  const bad = (why: string) => new RunsError('BAD_ARGUMENTS', `The weights blob is not an MNIST Lab model blob: ${why}`);
  if (bytes.byteLength < 4) throw bad('shorter than its 4-byte header');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (length === 0 || 4 + length > bytes.byteLength) throw bad(`its header announces ${length} bytes of model.json but ${bytes.byteLength - 4} follow`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + length)));
  } catch {
    throw bad('model.json is not valid UTF-8 JSON');
  }
  if (!json || typeof json !== 'object' || !('modelTopology' in json) || !('weightsManifest' in json)) {
    throw bad('model.json lacks modelTopology or weightsManifest');
  }
  return { modelJsonBytes: length, weightBytes: bytes.byteLength - 4 - length };
}
