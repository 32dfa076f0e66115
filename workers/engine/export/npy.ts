/** NumPy .npy v1.0 encoding (little-endian, C order) for float32 and uint8 arrays. */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function encodeNpy(values: Float32Array | Uint8Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`npy: shape [${shape.join(', ')}] holds ${count} values, got ${values.length}`);
  const descr = values instanceof Float32Array ? '<f4' : '|u1';
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${pythonTuple(shape)}, }`;
  // numpy pads the header with spaces so the data starts on a 64-byte boundary, ending in '\n'.
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  if (header.length > 0xffff) throw new Error('npy: header too long');
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + headerBytes.length + values.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1; // format version 1.0
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  const data = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (values instanceof Float32Array && !isLittleEndianHost()) {
    const view = new DataView(out.buffer, 10 + headerBytes.length);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  } else {
    out.set(data, 10 + headerBytes.length);
  }
  return out;
}

function isLittleEndianHost(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}
