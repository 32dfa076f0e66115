import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist, mnistFilePath } from '../../../test-support/mnist-files.ts';
import { readIdxRange } from './read-range.ts';
import { createDatasetService, type DatasetService } from './service.ts';

let work: string;
let service: DatasetService;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mnist-range-'));
  service = createDatasetService({ dataDir: work });
  const files = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;
  await service.importFiles('mnist', files.map(mnistFilePath));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('loadRange', () => {
  it('returns exactly the requested images and labels of a split, as the whole load has them', async () => {
    const train = loadMnist('train', 600);
    const images = await service.loadRange('mnist', 'train', 'images', 100, 500);
    const labels = await service.loadRange('mnist', 'train', 'labels', 100, 500);
    expect(images.byteLength).toBe(500 * 784);
    expect(Buffer.from(images).equals(Buffer.from(train.images.subarray(100 * 784, 600 * 784)))).toBe(true);
    expect(Array.from(labels)).toEqual(Array.from(train.labels.subarray(100, 600)));
    const whole = await service.load('mnist');
    const test = await service.loadRange('mnist', 'test', 'images', 0, 512);
    expect(Buffer.from(test).equals(Buffer.from(whole.test.images.subarray(0, 512 * 784)))).toBe(true);
  });

  it('stops at the end of the split', async () => {
    expect((await service.loadRange('mnist', 'test', 'labels', 9990, 512)).byteLength).toBe(10);
    expect((await service.loadRange('mnist', 'test', 'labels', 20_000, 5)).byteLength).toBe(0);
  });
});

describe('readIdxRange', () => {
  it('names a file whose size disagrees with its header, and one of the other kind', async () => {
    const path = join(work, 'datasets', 'mnist', 't10k-labels-idx1-ubyte');
    await expect(readIdxRange(path, 'images', 0, 1, 'testLabels')).rejects.toThrow(/testLabels: not an IDX images file \(magic 2049, expected 2051\)/);
    await truncate(path, 8 + 9000);
    await expect(readIdxRange(path, 'labels', 0, 1, 'testLabels')).rejects.toThrow(/testLabels: header says 10000 items \(10008 bytes\) but the file has 9008 bytes/);
  });
});
