import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistFilePath, type MnistFile } from '../../../test-support/mnist-files.ts';
import { DatasetError } from './errors.ts';
import { parseNpz } from './npz.ts';
import { createDatasetService } from './service.ts';
import { datasetDir, listTempFiles } from './store.ts';

let work: string;
const raw: Partial<Record<MnistFile, Uint8Array>> = {};

function mnist(file: MnistFile): Uint8Array {
  return raw[file]!;
}

async function put(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(work, name);
  await writeFile(path, bytes);
  return path;
}

async function freshDataDir(): Promise<string> {
  return mkdtemp(join(work, 'data-'));
}

/** A .npy file: magic, version 1.0, a header padded so the data starts on a 64-byte boundary. */
function npy(descr: string, shape: number[], data: Uint8Array): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}

interface Split {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

function split(which: 'train' | 't10k', count?: number): Split {
  const images = mnist(`${which}-images-idx3-ubyte`).subarray(16);
  const labels = mnist(`${which}-labels-idx1-ubyte`).subarray(8);
  const n = count ?? labels.length;
  return { images: images.subarray(0, n * 784), labels: labels.subarray(0, n), count: n };
}

function npz(arrays: Record<string, Uint8Array>, level: 0 | 1 = 0): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(arrays).map(([k, v]) => [`${k}.npy`, v])), { level });
}

function kerasNpz(train: Split, test: Split, level: 0 | 1 = 0): Uint8Array {
  return npz(
    {
      x_train: npy('|u1', [train.count, 28, 28], train.images),
      y_train: npy('|u1', [train.count], train.labels),
      x_test: npy('|u1', [test.count, 28, 28], test.images),
      y_test: npy('|u1', [test.count], test.labels),
    },
    level,
  );
}

async function rejection(dataDir: string, paths: string[]): Promise<DatasetError> {
  const error = await createDatasetService({ dataDir })
    .importFiles('mnist', paths)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(DatasetError);
  // nothing changed: no dataset file, no temp file
  expect(await readdir(datasetDir(dataDir, 'mnist')).catch(() => [])).toEqual([]);
  return error as DatasetError;
}

let realPaths: string[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mnist-lab-import-'));
  for (const file of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const) {
    raw[file] = new Uint8Array(await readFile(mnistFilePath(file)));
  }
  realPaths = (['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const).map(mnistFilePath);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('import of IDX files', () => {
  it('recognises each file by content, whatever its name, raw or gzipped, in any order', async () => {
    const dataDir = await freshDataDir();
    const paths = [
      await put('a.gz', gzipSync(mnist('t10k-labels-idx1-ubyte'))),
      await put('b.bin', mnist('train-images-idx3-ubyte')),
      await put('train-labels-idx1-ubyte', mnist('t10k-images-idx3-ubyte')), // misleading name on purpose
      await put('d', gzipSync(mnist('train-labels-idx1-ubyte'))),
    ];
    const service = createDatasetService({ dataDir });
    const info = await service.importFiles('mnist', paths);
    expect(info.status).toBe('ready');
    const dir = datasetDir(dataDir, 'mnist');
    expect((await readFile(join(dir, 't10k-images-idx3-ubyte'))).equals(mnist('t10k-images-idx3-ubyte'))).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['.stamp.json', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte']);
  });

  it('rejects a file that is not IDX at all', async () => {
    const error = await rejection(await freshDataDir(), [...realPaths.slice(1), await put('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]))]);
    expect(error.code).toBe('NOT_A_DATASET_FILE');
    expect(error.message).toMatch(/^photo\.jpg: not an MNIST-style IDX file \(it starts with ff d8 ff e0/);
  });

  it('rejects a truncated images file', async () => {
    const short = mnist('t10k-images-idx3-ubyte').subarray(0, 16 + 784 * 100 + 5);
    const error = await rejection(await freshDataDir(), [realPaths[0]!, realPaths[1]!, await put('short', short), realPaths[3]!]);
    expect(error.code).toBe('TRUNCATED');
    expect(error.message).toBe('short: the header promises 10000 images but the file holds only 100; it is cut short.');
  });

  it('rejects a truncated gzip file', async () => {
    const gz = gzipSync(mnist('t10k-labels-idx1-ubyte'));
    const error = await rejection(await freshDataDir(), [...realPaths.slice(0, 3), await put('cut.gz', gz.subarray(0, gz.length - 100))]);
    expect(error.code).toBe('TRUNCATED');
    expect(error.message).toMatch(/^cut\.gz: the gzip data is damaged or cut short/);
  });

  it('rejects a label outside 0–9', async () => {
    const labels = mnist('t10k-labels-idx1-ubyte').slice();
    labels[8 + 4321] = 11;
    const error = await rejection(await freshDataDir(), [...realPaths.slice(0, 3), await put('labels', labels)]);
    expect(error.code).toBe('LABEL_OUT_OF_RANGE');
    expect(error.message).toBe('labels: label #4321 is 11; labels must be 0–9.');
  });

  it('rejects images that are not 28×28', async () => {
    const header = new Uint8Array(16 + 10000 * 32 * 32);
    new DataView(header.buffer).setUint32(0, 2051);
    new DataView(header.buffer).setUint32(4, 10000);
    new DataView(header.buffer).setUint32(8, 32);
    new DataView(header.buffer).setUint32(12, 32);
    const error = await rejection(await freshDataDir(), [realPaths[0]!, realPaths[1]!, await put('big-images', header), realPaths[3]!]);
    expect(error.code).toBe('WRONG_IMAGE_SIZE');
    expect(error.message).toBe('big-images: images are 32×32 pixels; the lab needs 28×28.');
  });

  it('rejects a count that is neither the training nor the test count', async () => {
    const labels = mnist('t10k-labels-idx1-ubyte').slice(0, 8 + 500);
    new DataView(labels.buffer).setUint32(4, 500);
    const error = await rejection(await freshDataDir(), [...realPaths.slice(0, 3), await put('few-labels', labels)]);
    expect(error.code).toBe('UNEXPECTED_COUNT');
    expect(error.message).toBe('few-labels: has 500 labels; MNIST handwritten digits has 60000 (training) or 10000 (test).');
  });

  it('rejects a missing file, a duplicated role and a path that does not exist', async () => {
    const missing = await rejection(await freshDataDir(), realPaths.slice(0, 3));
    expect(missing.code).toBe('MISSING_ROLE');
    expect(missing.message).toMatch(/^Missing: test labels\./);

    const duplicate = await rejection(await freshDataDir(), [...realPaths, await put('again', mnist('train-labels-idx1-ubyte'))]);
    expect(duplicate.code).toBe('DUPLICATE_ROLE');
    expect(duplicate.message).toBe('train-labels-idx1-ubyte and again are both training labels; choose one of each kind.');

    const absent = await rejection(await freshDataDir(), [...realPaths.slice(0, 3), join(work, 'no-such-file')]);
    expect(absent.code).toBe('FILE_NOT_FOUND');
  });

  it('rejects a gzip bomb without inflating it past the cap', async () => {
    const bomb = await put('bomb.gz', gzipSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }));
    const error = await rejection(await freshDataDir(), [...realPaths.slice(0, 3), bomb]);
    expect(error.code).toBe('TOO_LARGE');
  });

  it('rejects well-formed files that are not the genuine MNIST', async () => {
    const images = mnist('t10k-images-idx3-ubyte').slice();
    images[16 + 300] = 255 - images[16 + 300]!;
    const error = await rejection(await freshDataDir(), [realPaths[0]!, realPaths[1]!, await put('edited', images), realPaths[3]!]);
    expect(error.code).toBe('CONTENT_MISMATCH');
    expect(error.message).toMatch(/^edited: a well-formed test images file, but not the original MNIST handwritten digits data/);
  });

  it('leaves a ready dataset untouched when a later import fails', async () => {
    const dataDir = await freshDataDir();
    const service = createDatasetService({ dataDir });
    await service.importFiles('mnist', realPaths);
    const before = await readFile(join(datasetDir(dataDir, 'mnist'), '.stamp.json'), 'utf8');
    await expect(service.importFiles('mnist', realPaths.slice(0, 3))).rejects.toMatchObject({ code: 'MISSING_ROLE' });
    expect(await readFile(join(datasetDir(dataDir, 'mnist'), '.stamp.json'), 'utf8')).toBe(before);
    expect((await service.status('mnist')).status).toBe('ready');
    expect(await listTempFiles(datasetDir(dataDir, 'mnist'))).toEqual([]);
  });
});

describe('import of mnist.npz', () => {
  it('accepts a Keras-style mnist.npz built from the real data, stored or deflated', async () => {
    for (const level of [0, 1] as const) {
      const dataDir = await freshDataDir();
      const path = await put(`mnist-${level}.npz`, kerasNpz(split('train'), split('t10k'), level));
      const service = createDatasetService({ dataDir });
      expect((await service.importFiles('mnist', [path])).status).toBe('ready');
      const loaded = await service.load('mnist');
      expect(Buffer.from(loaded.train.labels).equals(Buffer.from(split('train').labels))).toBe(true);
      expect(Buffer.from(loaded.test.images).equals(Buffer.from(split('t10k').images))).toBe(true);
    }
  });

  it('parses a small npz, with int64 labels', () => {
    const small = split('t10k', 50);
    const labels64 = new Uint8Array(50 * 8);
    small.labels.forEach((label, i) => new DataView(labels64.buffer).setBigInt64(i * 8, BigInt(label), true));
    const arrays = parseNpz(npz({ x_test: npy('|u1', [50, 28, 28], small.images), y_test: npy('<i8', [50], labels64) }), 'small.npz', 1e6);
    expect(arrays.get('x_test')).toMatchObject({ descr: '|u1', shape: [50, 28, 28] });
    expect(arrays.get('y_test')?.shape).toEqual([50]);
  });

  it('rejects small or malformed npz files with the specific error', async () => {
    const train = split('train', 100);
    const test = split('t10k', 100);
    const cases: [string, Uint8Array, string, RegExp][] = [
      ['small.npz', kerasNpz(train, test), 'UNEXPECTED_COUNT', /x_train: has 100 images; MNIST handwritten digits has 60000 training images/],
      [
        'mismatch.npz',
        npz({ x_train: npy('|u1', [100, 28, 28], train.images), y_train: npy('|u1', [99], train.labels.subarray(0, 99)), x_test: npy('|u1', [100, 28, 28], test.images), y_test: npy('|u1', [100], test.labels) }),
        'COUNT_MISMATCH',
        /x_train has 100 images but y_train has 99 labels/,
      ],
      [
        'float.npz',
        npz({ x_train: npy('<f4', [1, 28, 28], new Uint8Array(784 * 4)), y_train: npy('|u1', [1], new Uint8Array(1)), x_test: npy('|u1', [1, 28, 28], test.images.subarray(0, 784)), y_test: npy('|u1', [1], new Uint8Array(1)) }),
        'BAD_NPZ',
        /pixels must be bytes 0–255 \(uint8\); this array holds <f4/,
      ],
      [
        'wide.npz',
        npz({ x_train: npy('|u1', [1, 32, 32], new Uint8Array(1024)), y_train: npy('|u1', [1], new Uint8Array(1)), x_test: npy('|u1', [1, 28, 28], test.images.subarray(0, 784)), y_test: npy('|u1', [1], new Uint8Array(1)) }),
        'WRONG_IMAGE_SIZE',
        /shape is \(1, 32, 32\)/,
      ],
      ['nox.npz', npz({ y_train: npy('|u1', [1], new Uint8Array(1)) }), 'MISSING_ROLE', /has no array named 'x_train'/],
      [
        'cut.npz',
        npz({ x_train: npy('|u1', [100, 28, 28], train.images).subarray(0, 5000) }),
        'TRUNCATED',
        /cut\.npz › x_train: the array is cut short/,
      ],
    ];
    for (const [name, bytes, code, message] of cases) {
      const error = await rejection(await freshDataDir(), [await put(name, bytes)]);
      expect({ name, code: error.code }).toEqual({ name, code });
      expect(error.message).toMatch(message);
    }
  });

  it('rejects a label out of range inside an npz, with its real value', async () => {
    const small = split('t10k', 10);
    const labels64 = new Uint8Array(10 * 8);
    new DataView(labels64.buffer).setBigInt64(3 * 8, 300n, true);
    const bytes = npz({ x_train: npy('|u1', [10, 28, 28], small.images), y_train: npy('<i8', [10], labels64), x_test: npy('|u1', [10, 28, 28], small.images), y_test: npy('|u1', [10], small.labels) });
    const error = await rejection(await freshDataDir(), [await put('labels300.npz', bytes)]);
    expect(error.code).toBe('LABEL_OUT_OF_RANGE');
    expect(error.message).toBe('labels300.npz › y_train: label #3 is 300; labels must be 0–9');
  });
});
