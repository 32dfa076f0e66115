/**
 * Reading NumPy .npz archives (a zip of .npy files), enough for Keras' mnist.npz:
 * x_train (60000, 28, 28) uint8, y_train (60000,) uint8, x_test (10000, 28, 28), y_test (10000,).
 * .npy layout: "\x93NUMPY", major, minor, header length (uint16 LE in v1, uint32 LE in v2/v3),
 * a Python dict literal {'descr': '|u1', 'fortran_order': False, 'shape': (60000, 28, 28), },
 * then the raw array in C order.
 */
import { unzipSync } from 'fflate';
import { DatasetError } from './errors.ts';

export interface NpyArray {
  /** NumPy type string, e.g. '|u1', '<i8' */
  descr: string;
  shape: number[];
  /** the raw element bytes (little- or big-endian as descr says), a view into the archive */
  data: Uint8Array;
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4

export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

function bad(where: string, message: string): DatasetError {
  return new DatasetError('BAD_NPZ', `${where}: ${message}`);
}

function itemSize(descr: string): number | null {
  const match = /^[<>|=]?[uifb](\d+)$/.exec(descr);
  return match ? Number(match[1]) : null;
}

export function parseNpy(bytes: Uint8Array, where: string): NpyArray {
  if (bytes.byteLength < 10 || !NPY_MAGIC.every((b, i) => bytes[i] === b)) throw bad(where, 'not a NumPy .npy array');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [headerStart, headerLength] = major === 1 ? [10, view.getUint16(8, true)] : [12, bytes.byteLength >= 12 ? view.getUint32(8, true) : -1];
  if (major < 1 || major > 3 || headerLength < 0 || headerStart + headerLength > bytes.byteLength) {
    throw bad(where, `unreadable .npy header (format version ${major})`);
  }
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw bad(where, 'unreadable .npy header');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) throw bad(where, `bad shape (${shapeText})`);
  const size = itemSize(descr);
  if (size === null) throw bad(where, `unsupported element type ${descr}`);
  const elements = shape.reduce((a, b) => a * b, 1);
  // Fortran order only matters for more than one axis of size > 1.
  if (fortran === 'True' && shape.filter((n) => n > 1).length > 1) throw bad(where, 'arrays in Fortran order are not supported');
  const dataStart = headerStart + headerLength;
  const expected = elements * size;
  if (bytes.byteLength - dataStart < expected) {
    throw new DatasetError('TRUNCATED', `${where}: the array is cut short (${bytes.byteLength - dataStart} of ${expected} bytes)`);
  }
  return { descr, shape, data: bytes.subarray(dataStart, dataStart + expected) };
}

/**
 * All arrays of an .npz, keyed by name without '.npy'. Entries whose declared size exceeds
 * `maxEntryBytes` are refused before inflating (a zip bomb never gets decompressed).
 */
export function parseNpz(archive: Uint8Array, where: string, maxEntryBytes: number): Map<string, NpyArray> {
  if (!looksLikeZip(archive)) throw bad(where, 'not a .npz (zip) archive');
  let entries: Record<string, Uint8Array>;
  let oversized: string | null = null;
  try {
    entries = unzipSync(archive, {
      filter: (entry) => {
        if (entry.originalSize > maxEntryBytes) oversized ??= `${entry.name} (${entry.originalSize} bytes)`;
        return entry.name.endsWith('.npy') && entry.originalSize <= maxEntryBytes;
      },
    });
  } catch (error) {
    throw bad(where, `the archive is damaged (${(error as Error).message})`);
  }
  if (oversized !== null) {
    throw new DatasetError('TOO_LARGE', `${where}: the array ${oversized} is larger than any dataset file; refused.`);
  }
  const arrays = new Map<string, NpyArray>();
  for (const [name, bytes] of Object.entries(entries)) {
    if (!name.endsWith('.npy')) continue;
    const key = name.slice(0, -4);
    arrays.set(key, parseNpy(bytes, `${where} › ${key}`));
  }
  return arrays;
}

/**
 * Integer labels as bytes. Labels are often saved as int64 rather than uint8, so any integer type is
 * accepted; a value that does not fit a byte is reported here, with its real value.
 */
export function npyLabelsToBytes(array: NpyArray, where: string): Uint8Array {
  const match = /^([<>|=]?)([ui])(\d+)$/.exec(array.descr);
  if (!match) throw bad(where, `expected whole numbers, found element type ${array.descr}`);
  const [, order, kind, digits] = match as unknown as [string, string, string, string];
  const size = Number(digits);
  if (size === 1) return array.data;
  const littleEndian = order !== '>';
  const view = new DataView(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const count = array.data.byteLength / size;
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const offset = i * size;
    let value: number | bigint;
    if (size === 2) value = kind === 'u' ? view.getUint16(offset, littleEndian) : view.getInt16(offset, littleEndian);
    else if (size === 4) value = kind === 'u' ? view.getUint32(offset, littleEndian) : view.getInt32(offset, littleEndian);
    else if (size === 8) value = kind === 'u' ? view.getBigUint64(offset, littleEndian) : view.getBigInt64(offset, littleEndian);
    else throw bad(where, `unsupported element type ${array.descr}`);
    const n = Number(value);
    if (n < 0 || n > 255) throw new DatasetError('LABEL_OUT_OF_RANGE', `${where}: label #${i} is ${n}; labels must be 0–9`);
    out[i] = n;
  }
  return out;
}
