import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../../electron/api/contracts/datasets.ts';
import { cardStatus, describeError, fileBytes, formatBytes, formatCount, formatEta, formatRate, mirrorHost, percent } from './format.ts';

const nb = '\u202f';

describe('formatting', () => {
  it('groups thousands with a narrow no-break space', () => {
    expect(formatCount(60000)).toBe(`60${nb}000`);
    expect(formatCount(1234567)).toBe(`1${nb}234${nb}567`);
    expect(formatCount(999)).toBe('999');
    expect(formatCount(-5923)).toBe(`-5${nb}923`);
  });

  it('writes sizes in decimal units with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(10008)).toBe('10.0 kB');
    expect(formatBytes(47040016)).toBe('47.0 MB');
    expect(formatBytes(999_960)).toBe('1.0 MB');
    expect(formatBytes(2.5e9)).toBe('2.5 GB');
    expect(formatBytes(Number.NaN)).toBe('–');
    expect(formatRate(1_250_000)).toBe('1.3 MB/s');
    expect(formatRate(0)).toBe('–');
  });

  it('writes a remaining time coarsely, and says so when there is no estimate yet', () => {
    expect(formatEta(undefined)).toBe('estimating…');
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(0.2)).toBe('1 s');
    expect(formatEta(59)).toBe('59 s');
    expect(formatEta(125)).toBe('2 min 05 s');
    expect(formatEta(3 * 3600 + 7 * 60)).toBe('3 h 07 min');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe('estimating…');
  });

  it('shows the host of a mirror URL and a percentage clamped to 0–100', () => {
    expect(mirrorHost('https://ossci-datasets.s3.amazonaws.com/mnist/')).toBe('ossci-datasets.s3.amazonaws.com');
    expect(mirrorHost('http://127.0.0.1:8123/m/')).toBe('127.0.0.1:8123');
    expect(mirrorHost('bundled copy')).toBe('bundled copy');
    expect(percent(50, 200)).toBe(25);
    expect(percent(5, 0)).toBe(0);
    expect(percent(300, 200)).toBe(100);
  });
});

describe('describeError', () => {
  it('splits a multi-mirror failure into a summary and one line per mirror', () => {
    const view = describeError({
      code: 'DOWNLOAD_FAILED',
      message:
        'Could not download train-images-idx3-ubyte from any mirror.\n  - ossci-datasets.s3.amazonaws.com: connection refused\n  - storage.googleapis.com: HTTP 404\n',
    });
    expect(view.title).toBe('The download failed');
    expect(view.summary).toBe('Could not download train-images-idx3-ubyte from any mirror.');
    expect(view.details).toEqual(['ossci-datasets.s3.amazonaws.com: connection refused', 'storage.googleapis.com: HTTP 404']);
  });

  it('falls back to a generic title for an unknown code and to the code for an empty message', () => {
    expect(describeError({ code: 'E_WEIRD', message: '' })).toEqual({ title: 'Something went wrong', summary: 'E_WEIRD', details: [] });
  });
});

const partial: DatasetSummary = {
  name: 'mnist',
  title: 'MNIST handwritten digits',
  description: 'Handwritten digits 0–9 … in 28×28 grayscale images.',
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  trainCount: 60000,
  testCount: 10000,
  status: 'partial',
  pinned: true,
  bundled: true,
  files: [
    { file: 'train-images-idx3-ubyte', role: 'trainImages', status: 'missing', size: null, expectedSize: 47040016 },
    { file: 'train-labels-idx1-ubyte', role: 'trainLabels', status: 'corrupt', size: 12, expectedSize: 60008, reason: 'size is 12 bytes, expected 60008' },
  ],
};

describe('the dataset card', () => {
  it('keeps the status and shows expected sizes of missing files', () => {
    expect(cardStatus(partial, false)).toBe('partial');
    expect(partial.files.map(fileBytes)).toEqual([47040016, 12]);
  });

  it('says "downloading" while the host runs a download', () => {
    expect(cardStatus(partial, true)).toBe('downloading');
  });
});
