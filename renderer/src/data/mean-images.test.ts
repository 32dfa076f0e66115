import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { forEachChunk } from './chunked.ts';
import { meanImages, meanImagesChunked } from './mean-images.ts';
import { IMAGE_PIXELS } from './types.ts';

describe('meanImages', () => {
  const test = loadMnist('test');

  it('is the per-pixel average of each class (checked against a direct sum)', () => {
    const means = meanImages(test);
    expect(means).toHaveLength(10);
    for (const [label, pixel] of [[0, 14 * 28 + 14], [1, 14 * 28 + 14], [7, 6 * 28 + 18], [3, 0]] as const) {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < test.count; i++) {
        if (test.labels[i] !== label) continue;
        sum += test.images[i * IMAGE_PIXELS + pixel]!;
        n++;
      }
      expect(means[label]![pixel]).toBe(Math.round(sum / n));
    }
  });

  it('looks like its digit: a 1 is bright in the centre column and dark at the sides, a 0 the other way round', () => {
    const means = meanImages(test);
    const at = (label: number, row: number, col: number): number => means[label]![row * 28 + col]!;
    expect(at(1, 14, 14)).toBeGreaterThan(150);
    expect(at(1, 14, 7)).toBeLessThan(30);
    expect(at(0, 14, 14)).toBeLessThan(at(0, 14, 8));
  });

  it('weighted by class counts, gives back the dataset pixel mean (0.1307 on train)', () => {
    const train = loadMnist('train');
    const means = meanImages(train);
    const counts = new Array<number>(10).fill(0);
    for (const label of train.labels) counts[label]!++;
    let total = 0;
    means.forEach((image, label) => image.forEach((v) => (total += v * counts[label]!)));
    expect(total / (train.count * IMAGE_PIXELS) / 255).toBeCloseTo(0.1307, 3);
  });

  it('chunked gives the same images as all-at-once, pausing between slices', async () => {
    const sample = loadMnist('train', 2500);
    let pauses = 0;
    const chunked = await meanImagesChunked(sample, { chunkSize: 1000, pause: async () => void pauses++ });
    expect(pauses).toBe(2);
    expect(chunked.map((m) => Array.from(m))).toEqual(meanImages(sample).map((m) => Array.from(m)));
  });

  it('stops when aborted, and rejects a split whose bytes do not cover its count', async () => {
    const sample = loadMnist('train', 3000);
    const controller = new AbortController();
    const run = meanImagesChunked(sample, {
      chunkSize: 1000,
      signal: controller.signal,
      pause: async () => controller.abort(new Error('panel closed')),
    });
    await expect(run).rejects.toThrow('panel closed');
    expect(() => meanImages({ images: new Uint8Array(784), labels: new Uint8Array(2), count: 2 })).toThrow(/2 images need 1568/);
  });

  it('leaves an all-zero image for a class with no examples', () => {
    const sample = { images: new Uint8Array(784).fill(200), labels: Uint8Array.from([4]), count: 1 };
    const means = meanImages(sample);
    expect(means[4]![0]).toBe(200);
    expect(means[5]!.every((v) => v === 0)).toBe(true);
  });
});

describe('forEachChunk', () => {
  it('covers [0, total) in order without gaps, and refuses a chunk size below 1', async () => {
    const seen: [number, number][] = [];
    await forEachChunk(7, (s, e) => seen.push([s, e]), { chunkSize: 3, pause: async () => {} });
    expect(seen).toEqual([[0, 3], [3, 6], [6, 7]]);
    await expect(forEachChunk(7, () => {}, { chunkSize: 0 })).rejects.toThrow(/chunkSize/);
  });
});
