/** Test support: a well-framed weights blob of about `weightBytes` (see the format in contracts/runs.ts). */
export function sampleModelBlob(weightBytes: number, fill = 7): Uint8Array {
  const json = new TextEncoder().encode(
    JSON.stringify({ format: 'layers-model', modelTopology: { class_name: 'Sequential' }, weightsManifest: [{ paths: ['weights.bin'], weights: [] }] }),
  );
  const blob = new Uint8Array(4 + json.byteLength + weightBytes);
  new DataView(blob.buffer).setUint32(0, json.byteLength, true);
  blob.set(json, 4);
  blob.fill(fill, 4 + json.byteLength);
  return blob;
}
