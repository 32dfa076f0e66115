/**
 * A few items of one IDX file without reading the rest: the Data panel's first screen needs a few
 * hundred images, not 55 MB. Reads the header (checked as `load` checks it: magic and file size),
 * then only the bytes of items [start, start + count).
 */
import { open } from 'node:fs/promises';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, IdxFormatError } from './idx.ts';

export interface IdxRange {
  /** the items' raw bytes: [n * rows * cols] pixels or [n] labels, n ≤ count */
  bytes: Uint8Array;
  /** items in the whole file */
  total: number;
}

export async function readIdxRange(path: string, kind: 'images' | 'labels', start: number, count: number, what: string): Promise<IdxRange> {
  const file = await open(path, 'r');
  try {
    const headerBytes = kind === 'images' ? 16 : 8;
    const header = new Uint8Array(headerBytes);
    const { bytesRead } = await file.read(header, 0, headerBytes, 0);
    if (bytesRead < headerBytes) throw new IdxFormatError(`${what}: file is ${bytesRead} bytes, too short for an IDX header`);
    const view = new DataView(header.buffer);
    const magic = view.getUint32(0, false);
    const expectedMagic = kind === 'images' ? IDX_IMAGES_MAGIC : IDX_LABELS_MAGIC;
    if (magic !== expectedMagic) throw new IdxFormatError(`${what}: not an IDX ${kind} file (magic ${magic}, expected ${expectedMagic})`);
    const total = view.getUint32(4, false);
    const itemBytes = kind === 'images' ? view.getUint32(8, false) * view.getUint32(12, false) : 1;
    const { size } = await file.stat();
    if (size !== headerBytes + total * itemBytes) {
      throw new IdxFormatError(`${what}: header says ${total} items (${headerBytes + total * itemBytes} bytes) but the file has ${size} bytes`);
    }
    const first = Math.min(start, total);
    const n = Math.min(count, total - first);
    const bytes = new Uint8Array(n * itemBytes);
    if (n > 0) await file.read(bytes, 0, bytes.byteLength, headerBytes + first * itemBytes);
    return { bytes, total };
  } finally {
    await file.close();
  }
}
