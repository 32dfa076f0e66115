import { describe, expect, it } from 'vitest';
import { filterMistakes } from './mistakes-filter.ts';

const mistakes = {
  index: Uint32Array.from([40, 10, 30, 20]),
  label: Uint8Array.from([4, 7, 4, 9]),
  predicted: Uint8Array.from([9, 1, 7, 4]),
  confidence: Float32Array.from([0.99, 0.9, 0.8, 0.6]),
  loss: Float32Array.from([9, 5, 3, 1]),
};

describe('filterMistakes', () => {
  it('keeps the loss order and filters by true and predicted digit', () => {
    expect(filterMistakes(mistakes, { actual: undefined, predicted: undefined })).toEqual([0, 1, 2, 3]);
    expect(filterMistakes(mistakes, { actual: 4, predicted: undefined })).toEqual([0, 2]);
    expect(filterMistakes(mistakes, { actual: undefined, predicted: 4 })).toEqual([3]);
    expect(filterMistakes(mistakes, { actual: 4, predicted: 7 })).toEqual([2]);
    expect(filterMistakes(mistakes, { actual: 1, predicted: undefined })).toEqual([]);
  });
});
