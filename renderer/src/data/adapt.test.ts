import { describe, expect, it } from 'vitest';
import { toDatasetSummary, toDownloadProgress, type ApiDataset } from './adapt.ts';

const partial: ApiDataset = {
  name: 'mnist',
  title: 'MNIST handwritten digits',
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  status: 'partial',
  pinned: true,
  bundled: true,
  files: [
    { file: 'train-images-idx3-ubyte', role: 'trainImages', status: 'missing', size: null, expectedSize: 47040016 },
    { file: 'train-labels-idx1-ubyte', role: 'trainLabels', status: 'corrupt', size: 12, expectedSize: 60008, reason: 'size is 12 bytes, expected 60008' },
  ],
};

describe('toDatasetSummary', () => {
  it('keeps the status, names files, shows expected sizes of missing files and adds the prose', () => {
    const summary = toDatasetSummary(partial, false);
    expect(summary.status).toBe('partial');
    expect(summary.files).toEqual([
      { name: 'train-images-idx3-ubyte', status: 'missing', bytes: 47040016, reason: undefined },
      { name: 'train-labels-idx1-ubyte', status: 'corrupt', bytes: 12, reason: 'size is 12 bytes, expected 60008' },
    ]);
    expect(summary).toMatchObject({ trainCount: 60000, testCount: 10000, bundled: true });
    expect(summary.description).toMatch(/28×28/);
  });

  it('says "downloading" while the host runs a download, and falls back to the title for unknown datasets', () => {
    expect(toDatasetSummary(partial, true).status).toBe('downloading');
    const other = toDatasetSummary({ ...partial, name: 'kmnist', title: 'Kuzushiji-MNIST' }, false);
    expect(other.description).toBe('Kuzushiji-MNIST');
    expect(other.trainCount).toBeUndefined();
  });
});

describe('toDownloadProgress', () => {
  it('renames dataset → name and keeps a null ETA (the panel shows "estimating…")', () => {
    const progress = toDownloadProgress({
      dataset: 'mnist',
      file: 't10k-images-idx3-ubyte',
      fileBytes: 0,
      fileTotal: 7840016,
      fileIndex: 2,
      fileCount: 4,
      bytesDone: 100,
      bytesTotal: 200,
      bytesPerSecond: 0,
      etaSeconds: null,
      mirror: 'https://storage.googleapis.com/cvdf-datasets/mnist/',
      attempt: 2,
    });
    expect(progress).toMatchObject({ name: 'mnist', fileIndex: 2, etaSeconds: null, attempt: 2 });
  });
});
