/**
 * IDX file format (the MNIST container): a big-endian header, then raw unsigned bytes.
 * images: magic 2051, count, rows, cols, then count*rows*cols pixels (0–255)
 * labels: magic 2049, count, then count labels
 */
export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** [count, rows, cols] row-major, 0–255. A view into the input buffer, not a copy. */
  pixels: Uint8Array;
}

export interface IdxLabels {
  count: number;
  /** [count] */
  labels: Uint8Array;
}

export class IdxFormatError extends Error {
  override name = 'IdxFormatError';
}

function header(bytes: Uint8Array, words: number, what: string): number[] {
  if (bytes.byteLength < words * 4) {
    throw new IdxFormatError(`${what}: file is ${bytes.byteLength} bytes, too short for an IDX header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, words * 4);
  return Array.from({ length: words }, (_, i) => view.getUint32(i * 4, false));
}

export function parseIdxImages(bytes: Uint8Array, what = 'images'): IdxImages {
  const [magic, count, rows, cols] = header(bytes, 4, what) as [number, number, number, number];
  if (magic !== IDX_IMAGES_MAGIC) {
    throw new IdxFormatError(
      magic === IDX_LABELS_MAGIC
        ? `${what}: this is a labels file (magic 2049), expected an images file (magic 2051)`
        : `${what}: not an IDX images file (magic ${magic}, expected 2051)`,
    );
  }
  const expected = 16 + count * rows * cols;
  if (bytes.byteLength !== expected) {
    throw new IdxFormatError(
      `${what}: header says ${count} images of ${rows}×${cols} (${expected} bytes) but the file has ${bytes.byteLength} bytes`,
    );
  }
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

export function parseIdxLabels(bytes: Uint8Array, what = 'labels'): IdxLabels {
  const [magic, count] = header(bytes, 2, what) as [number, number];
  if (magic !== IDX_LABELS_MAGIC) {
    throw new IdxFormatError(
      magic === IDX_IMAGES_MAGIC
        ? `${what}: this is an images file (magic 2051), expected a labels file (magic 2049)`
        : `${what}: not an IDX labels file (magic ${magic}, expected 2049)`,
    );
  }
  if (bytes.byteLength !== 8 + count) {
    throw new IdxFormatError(
      `${what}: header says ${count} labels (${8 + count} bytes) but the file has ${bytes.byteLength} bytes`,
    );
  }
  return { count, labels: bytes.subarray(8) };
}
