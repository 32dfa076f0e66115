import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { buildLabelIndex, filterIndices } from './label-index.ts';

describe('buildLabelIndex', () => {
  it('counts the full MNIST train split per class (the published counts)', () => {
    const train = loadMnist('train');
    const index = buildLabelIndex(train.labels, train.count);
    expect(index.counts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(index.counts.reduce((a, b) => a + b, 0)).toBe(60000);
  });

  it('filters the test split: label 7 gives only 7s, ascending, and every 7', () => {
    const test = loadMnist('test');
    const index = buildLabelIndex(test.labels, test.count);
    const sevens = filterIndices(index, 7);
    expect(sevens.length).toBe(index.counts[7]);
    expect(sevens.length).toBeGreaterThan(900);
    for (let i = 0; i < sevens.length; i++) {
      expect(test.labels[sevens[i]!]).toBe(7);
      if (i > 0) expect(sevens[i]!).toBeGreaterThan(sevens[i - 1]!);
    }
    let sevensSeen = 0;
    for (const label of test.labels) if (label === 7) sevensSeen++;
    expect(sevensSeen).toBe(sevens.length);
  });

  it('"all" is every index once, and the class lists partition it', () => {
    const sample = loadMnist('train', 500);
    const index = buildLabelIndex(sample.labels, sample.count);
    expect(Array.from(filterIndices(index, 'all'))).toEqual(Array.from({ length: 500 }, (_, i) => i));
    const merged = index.byLabel.flatMap((list) => Array.from(list)).sort((a, b) => a - b);
    expect(merged).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('counts only the first `count` labels', () => {
    const sample = loadMnist('train', 100);
    const index = buildLabelIndex(sample.labels, 10);
    expect(index.all.length).toBe(10);
    expect(index.counts.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('rejects labels outside the classes and counts beyond the data', () => {
    expect(() => buildLabelIndex(Uint8Array.from([1, 12]), 2)).toThrow(/label 12 at index 1/);
    expect(() => buildLabelIndex(Uint8Array.from([1]), 2)).toThrow(/count 2 exceeds/);
    const index = buildLabelIndex(Uint8Array.from([0, 1]), 2);
    expect(() => filterIndices(index, 10)).toThrow(/no class 10/);
  });
});
