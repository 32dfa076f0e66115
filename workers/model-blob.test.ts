import { describe, expect, it } from 'vitest';
import { decodeModelBlob, encodeModelBlob } from './model-blob.ts';

describe('model blob', () => {
  it('round-trips model.json and the weight bytes', () => {
    const weights = new Uint8Array(new Float32Array([0.5, -1.25, 3]).buffer);
    const modelJson = { modelTopology: { class_name: 'Sequential' }, weightsManifest: [{ paths: ['weights.bin'], weights: [] }], format: 'layers-model' };
    const blob = encodeModelBlob(modelJson, weights);
    expect(new DataView(blob.buffer).getUint32(0, true)).toBe(JSON.stringify(modelJson).length);
    const decoded = decodeModelBlob(blob);
    expect(decoded.modelJson).toEqual(modelJson);
    expect(Array.from(new Float32Array(decoded.weights.buffer))).toEqual([0.5, -1.25, 3]);
  });

  it('names what is wrong with a bad blob', () => {
    expect(() => decodeModelBlob(new Uint8Array(2))).toThrow(/shorter than its 4-byte header/);
    expect(() => decodeModelBlob(new Uint8Array([9, 0, 0, 0, 1]))).toThrow(/announces 9 bytes/);
    const noTopology = encodeModelBlob({ weightsManifest: [] } as never, new Uint8Array());
    expect(() => decodeModelBlob(noTopology)).toThrow(/lacks modelTopology/);
  });
});
