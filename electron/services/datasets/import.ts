/**
 * Turning files a learner picked (4 IDX files, raw or .gz, any names, any order — or one Keras
 * mnist.npz) into the 4 canonical IDX files of a catalog dataset, or a specific error.
 *
 * Which file is which is decided by content (magic number + count), never by file name.
 * For a dataset with pinned checksums (MNIST) the content must be exactly the published data:
 * valid-looking files with other content are rejected (CONTENT_MISMATCH) rather than stored as a
 * 'custom' dataset — results in the lab stay comparable to the book, and the message says so.
 * For an unpinned dataset (Fashion-MNIST for now) format checks are all we can do; the stamp then
 * remembers what was imported.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { fileForRole, IMAGE_COLS, IMAGE_ROWS, type CatalogDataset, type CatalogFile } from './catalog.ts';
import type { DatasetFileRole } from '../../api/contracts/datasets.ts';
import { DatasetError } from './errors.ts';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from './idx.ts';
import { looksLikeZip, npyLabelsToBytes, parseNpz, type NpyArray } from './npz.ts';

const gunzipAsync = promisify(gunzip);

const ROLE_WORDS: Record<DatasetFileRole, string> = {
  trainImages: 'training images',
  trainLabels: 'training labels',
  testImages: 'test images',
  testLabels: 'test labels',
};

export interface ImportedFile {
  role: DatasetFileRole;
  /** decompressed IDX bytes, header included */
  bytes: Uint8Array;
  sha256: string;
  /** where it came from, for messages */
  source: string;
}

/** No .npz entry may declare more than the largest IDX file (+1 % for the .npy header); checked before inflating. */
const NPZ_ARRAY_CAP_FACTOR = 1.01;

function largestFile(dataset: CatalogDataset): number {
  return Math.max(...dataset.files.map((f) => f.size));
}

async function readInput(path: string, cap: number): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new DatasetError('FILE_NOT_FOUND', `${basename(path)}: the file does not exist or cannot be opened (${path}).`);
  }
  // A compressed file is at most as large as its content here (MNIST compresses well), so a file
  // bigger than the cap plus gzip overhead cannot be one of ours.
  if (size > cap + 64 * 1024 && !path.endsWith('.npz')) {
    throw new DatasetError('TOO_LARGE', `${basename(path)}: ${size} bytes is too large to be a dataset file (at most ${cap}).`);
  }
  const raw = new Uint8Array(await readFile(path));
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return new Uint8Array(await gunzipAsync(raw, { maxOutputLength: cap }));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        throw new DatasetError('TOO_LARGE', `${basename(path)}: decompresses to more than ${cap} bytes, too large to be a dataset file.`);
      }
      throw new DatasetError('TRUNCATED', `${basename(path)}: the gzip data is damaged or cut short (${(error as Error).message}).`);
    }
  }
  return raw;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function countWords(dataset: CatalogDataset, kind: 'images' | 'labels'): string {
  const train = fileForRole(dataset, kind === 'images' ? 'trainImages' : 'trainLabels');
  const test = fileForRole(dataset, kind === 'images' ? 'testImages' : 'testLabels');
  return `${train.count} (training) or ${test.count} (test)`;
}

function roleForCount(dataset: CatalogDataset, kind: 'images' | 'labels', count: number): CatalogFile | undefined {
  return dataset.files.find((f) => f.count === count && (kind === 'images' ? f.role.endsWith('Images') : f.role.endsWith('Labels')));
}

function checkLabels(labels: Uint8Array, classCount: number, where: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= classCount) {
      throw new DatasetError('LABEL_OUT_OF_RANGE', `${where}: label #${i} is ${labels[i]}; labels must be 0–${classCount - 1}.`);
    }
  }
}

/** Reads the header, decides the role, checks shape, size and label range. */
function classifyIdx(bytes: Uint8Array, where: string, dataset: CatalogDataset): DatasetFileRole {
  if (bytes.byteLength < 8) {
    throw new DatasetError('TRUNCATED', `${where}: only ${bytes.byteLength} bytes, too short to be an IDX file.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const count = view.getUint32(4, false);
  if (magic === IDX_IMAGES_MAGIC) {
    if (bytes.byteLength < 16) throw new DatasetError('TRUNCATED', `${where}: the images header is cut short.`);
    const rows = view.getUint32(8, false);
    const cols = view.getUint32(12, false);
    if (rows !== IMAGE_ROWS || cols !== IMAGE_COLS) {
      throw new DatasetError('WRONG_IMAGE_SIZE', `${where}: images are ${rows}×${cols} pixels; the lab needs ${IMAGE_ROWS}×${IMAGE_COLS}.`);
    }
    const expected = 16 + count * rows * cols;
    if (bytes.byteLength < expected) {
      const whole = Math.floor((bytes.byteLength - 16) / (rows * cols));
      throw new DatasetError('TRUNCATED', `${where}: the header promises ${count} images but the file holds only ${whole}; it is cut short.`);
    }
    if (bytes.byteLength > expected) {
      throw new DatasetError('NOT_A_DATASET_FILE', `${where}: ${bytes.byteLength - expected} unexpected bytes after the last image.`);
    }
    const file = roleForCount(dataset, 'images', count);
    if (!file) throw new DatasetError('UNEXPECTED_COUNT', `${where}: has ${count} images; ${dataset.title} has ${countWords(dataset, 'images')}.`);
    return file.role;
  }
  if (magic === IDX_LABELS_MAGIC) {
    const expected = 8 + count;
    if (bytes.byteLength < expected) {
      throw new DatasetError('TRUNCATED', `${where}: the header promises ${count} labels but the file holds only ${bytes.byteLength - 8}; it is cut short.`);
    }
    if (bytes.byteLength > expected) {
      throw new DatasetError('NOT_A_DATASET_FILE', `${where}: ${bytes.byteLength - expected} unexpected bytes after the last label.`);
    }
    const file = roleForCount(dataset, 'labels', count);
    if (!file) throw new DatasetError('UNEXPECTED_COUNT', `${where}: has ${count} labels; ${dataset.title} has ${countWords(dataset, 'labels')}.`);
    checkLabels(bytes.subarray(8), dataset.classes.length, where);
    return file.role;
  }
  const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new DatasetError(
    'NOT_A_DATASET_FILE',
    `${where}: not an MNIST-style IDX file (it starts with ${head}; IDX images start with 00 00 08 03, labels with 00 00 08 01).`,
  );
}

export function idxBytes(kind: 'images' | 'labels', count: number, data: Uint8Array): Uint8Array {
  const headerSize = kind === 'images' ? 16 : 8;
  const out = new Uint8Array(headerSize + data.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, kind === 'images' ? IDX_IMAGES_MAGIC : IDX_LABELS_MAGIC, false);
  view.setUint32(4, count, false);
  if (kind === 'images') {
    view.setUint32(8, IMAGE_ROWS, false);
    view.setUint32(12, IMAGE_COLS, false);
  }
  out.set(data, headerSize);
  return out;
}

function npzArray(arrays: Map<string, NpyArray>, key: string, where: string): NpyArray {
  const array = arrays.get(key);
  if (!array) {
    throw new DatasetError('MISSING_ROLE', `${where}: has no array named '${key}' (expected x_train, y_train, x_test, y_test, as in Keras' mnist.npz).`);
  }
  return array;
}

function npzSplit(arrays: Map<string, NpyArray>, split: 'train' | 'test', where: string, dataset: CatalogDataset): ImportedFile[] {
  const x = npzArray(arrays, `x_${split}`, where);
  const y = npzArray(arrays, `y_${split}`, where);
  const imagesWhere = `${where} › x_${split}`;
  const labelsWhere = `${where} › y_${split}`;
  if (!/^[|<>=]?u1$/.test(x.descr)) {
    throw new DatasetError('BAD_NPZ', `${imagesWhere}: pixels must be bytes 0–255 (uint8); this array holds ${x.descr}.`);
  }
  if (x.shape.length !== 3 || x.shape[1] !== IMAGE_ROWS || x.shape[2] !== IMAGE_COLS) {
    throw new DatasetError('WRONG_IMAGE_SIZE', `${imagesWhere}: shape is (${x.shape.join(', ')}); the lab needs (N, ${IMAGE_ROWS}, ${IMAGE_COLS}).`);
  }
  const labelCount = y.shape.reduce((a, b) => a * b, 1);
  if (y.shape.length === 0 || y.shape.length > 2 || (y.shape.length === 2 && y.shape[1] !== 1)) {
    throw new DatasetError('BAD_NPZ', `${labelsWhere}: shape is (${y.shape.join(', ')}); labels must be one number per image.`);
  }
  const count = x.shape[0]!;
  if (labelCount !== count) {
    throw new DatasetError('COUNT_MISMATCH', `${where}: x_${split} has ${count} images but y_${split} has ${labelCount} labels.`);
  }
  const labels = npyLabelsToBytes(y, labelsWhere);
  checkLabels(labels, dataset.classes.length, labelsWhere);
  const imagesRole: DatasetFileRole = split === 'train' ? 'trainImages' : 'testImages';
  const expected = fileForRole(dataset, imagesRole).count;
  if (count !== expected) {
    throw new DatasetError('UNEXPECTED_COUNT', `${imagesWhere}: has ${count} images; ${dataset.title} has ${expected} ${split === 'train' ? 'training' : 'test'} images.`);
  }
  const images = idxBytes('images', count, x.data);
  const labelFile = idxBytes('labels', count, labels);
  return [
    { role: imagesRole, bytes: images, sha256: sha256(images), source: imagesWhere },
    { role: split === 'train' ? 'trainLabels' : 'testLabels', bytes: labelFile, sha256: sha256(labelFile), source: labelsWhere },
  ];
}

function readNpz(archive: Uint8Array, where: string, dataset: CatalogDataset): ImportedFile[] {
  const arrays = parseNpz(archive, where, largestFile(dataset) * NPZ_ARRAY_CAP_FACTOR);
  return [...npzSplit(arrays, 'train', where, dataset), ...npzSplit(arrays, 'test', where, dataset)];
}

/** The same data as the published files? (only for pinned files) */
function checkPinned(files: readonly ImportedFile[], dataset: CatalogDataset): void {
  for (const imported of files) {
    const pinned = fileForRole(dataset, imported.role).sha256;
    if (pinned !== null && imported.sha256 !== pinned) {
      throw new DatasetError(
        'CONTENT_MISMATCH',
        `${imported.source}: a well-formed ${ROLE_WORDS[imported.role]} file, but not the original ${dataset.title} data ` +
          `(its SHA-256 differs from the published one). Only the genuine files are accepted as "${dataset.name}", ` +
          'so your results stay comparable; if this is another dataset in the same format, import it under its own name.',
      );
    }
  }
}

export async function readImportFiles(paths: readonly string[], dataset: CatalogDataset): Promise<ImportedFile[]> {
  if (paths.length === 0) {
    throw new DatasetError('MISSING_ROLE', 'No files chosen. Choose the four files (training/test images and labels, .gz or not) or one mnist.npz.');
  }
  const cap = largestFile(dataset);
  const inputs: { path: string; bytes: Uint8Array }[] = [];
  for (const path of paths) {
    const isNpz = path.endsWith('.npz');
    inputs.push({ path, bytes: await readInput(path, isNpz ? 4 * cap : cap) });
  }
  const archives = inputs.filter((input) => looksLikeZip(input.bytes));
  if (archives.length > 0) {
    if (inputs.length > 1) {
      throw new DatasetError('DUPLICATE_ROLE', 'An .npz archive already holds all four arrays; choose it alone, without other files.');
    }
    const files = readNpz(archives[0]!.bytes, basename(archives[0]!.path), dataset);
    checkPinned(files, dataset);
    return files;
  }
  const files: ImportedFile[] = [];
  for (const { path, bytes } of inputs) {
    const role = classifyIdx(bytes, basename(path), dataset);
    const other = files.find((f) => f.role === role);
    if (other) {
      throw new DatasetError('DUPLICATE_ROLE', `${other.source} and ${basename(path)} are both ${ROLE_WORDS[role]}; choose one of each kind.`);
    }
    files.push({ role, bytes, sha256: sha256(bytes), source: basename(path) });
  }
  const missing = dataset.files.filter((f) => !files.some((i) => i.role === f.role)).map((f) => ROLE_WORDS[f.role]);
  if (missing.length > 0) {
    throw new DatasetError('MISSING_ROLE', `Missing: ${missing.join(', ')}. Choose all four files (training/test images and labels) or one mnist.npz.`);
  }
  checkPinned(files, dataset);
  return files;
}
