import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import {
  cellImageIndices,
  cellIntensity,
  cellLabel,
  convFilterWeights,
  denseUnitWeights,
  divergingPixels,
  gridMove,
  pageOf,
  symmetricScale,
} from './evaluate-logic.ts';

describe('confusion cells', () => {
  it('finds the test images of a cell, and every image is in exactly one cell', () => {
    const test = loadMnist('test', 1000);
    // a fake classifier: digit 4 is read as 9 for every third 4
    let fours = 0;
    const predicted = Uint8Array.from(test.labels, (l) => (l === 4 && fours++ % 3 === 0 ? 9 : l));
    const cell49 = cellImageIndices(test.labels, predicted, { actual: 4, predicted: 9 });
    const allFours = test.labels.filter((l) => l === 4).length;
    expect(cell49.length).toBe(Math.ceil(allFours / 3));
    for (const i of cell49) expect([test.labels[i], predicted[i]]).toEqual([4, 9]);
    let total = 0;
    for (let a = 0; a < 10; a++) for (let p = 0; p < 10; p++) total += cellImageIndices(test.labels, predicted, { actual: a, predicted: p }).length;
    expect(total).toBe(1000);
    expect(() => cellImageIndices(test.labels, predicted.subarray(1), { actual: 0, predicted: 0 })).toThrow(/differ in length/);
  });

  it('navigates with arrows and names cells', () => {
    expect(gridMove({ actual: 0, predicted: 0 }, 'ArrowUp')).toEqual({ actual: 0, predicted: 0 });
    expect(gridMove({ actual: 4, predicted: 4 }, 'ArrowRight')).toEqual({ actual: 4, predicted: 5 });
    expect(gridMove({ actual: 4, predicted: 4 }, 'ArrowDown')).toEqual({ actual: 5, predicted: 4 });
    expect(gridMove({ actual: 4, predicted: 4 }, 'End')).toEqual({ actual: 4, predicted: 9 });
    expect(gridMove({ actual: 4, predicted: 4 }, 'x')).toBeNull();
    expect(cellLabel({ actual: 4, predicted: 9 }, 12)).toBe('true 4, predicted 9: 12 images');
    expect(cellLabel({ actual: 4, predicted: 9 }, 1)).toBe('true 4, predicted 9: 1 image');
  });

  it('scales the diagonal by recall and errors by the worst confusion', () => {
    const m = [
      [90, 10, 0],
      [40, 60, 0],
      [0, 0, 0],
    ];
    expect(cellIntensity(m, { actual: 0, predicted: 0 })).toBeCloseTo(0.9, 12);
    expect(cellIntensity(m, { actual: 1, predicted: 0 })).toBe(1);
    expect(cellIntensity(m, { actual: 0, predicted: 1 })).toBeCloseTo(0.5, 12);
    expect(cellIntensity(m, { actual: 2, predicted: 2 })).toBe(0);
  });

  it('pages 48 at a time, clamping the page', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    expect(pageOf(items, 0).items).toHaveLength(48);
    expect(pageOf(items, 2)).toMatchObject({ page: 2, pages: 3, from: 96, items: [96, 97, 98, 99] });
    expect(pageOf(items, 9).page).toBe(2);
    expect(pageOf([], 0)).toMatchObject({ pages: 1, items: [] });
  });
});

describe('weight images', () => {
  it('reads a Dense unit out of a [784, units] kernel', () => {
    const units = 3;
    const kernel = Float32Array.from({ length: 784 * units }, (_, i) => (i % units) * 1000 + Math.floor(i / units));
    const w = denseUnitWeights(kernel, units, 2);
    expect(w[0]).toBe(2000);
    expect(w[783]).toBe(2783);
    expect(() => denseUnitWeights(kernel, 4, 0)).toThrow(/has 3136 values, not 2352/);
  });

  it('reads a Conv2D filter out of a [kh, kw, in, out] kernel', () => {
    const [kh, kw, cin, cout] = [3, 2, 2, 4];
    // value encodes its indices: i·1000 + j·100 + c·10 + f
    const kernel = new Float32Array(kh * kw * cin * cout);
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let c = 0; c < cin; c++) for (let f = 0; f < cout; f++) {
      kernel[((i * kw + j) * cin + c) * cout + f] = i * 1000 + j * 100 + c * 10 + f;
    }
    expect(Array.from(convFilterWeights(kernel, [kh, kw], cin, cout, 3, 1))).toEqual([13, 113, 1013, 1113, 2013, 2113]);
    expect(() => convFilterWeights(kernel, [3, 3], cin, cout, 0)).toThrow(/has 72 values, not 48/);
  });

  it('maps weights symmetrically: −max → negative colour, 0 → neutral, +max → positive', () => {
    const values = [-2, 0, 1, 2, 5];
    const scale = symmetricScale([-2, 0, 1, 2]);
    expect(scale).toBe(2);
    expect(symmetricScale([0, 0])).toBe(1);
    const px = divergingPixels(values, scale, [0, 0, 255], [255, 255, 255], [255, 0, 0]);
    expect(Array.from(px.slice(0, 4))).toEqual([0, 0, 255, 255]);
    expect(Array.from(px.slice(4, 8))).toEqual([255, 255, 255, 255]);
    expect(Array.from(px.slice(8, 12))).toEqual([255, 128, 128, 255]);
    expect(Array.from(px.slice(16, 20))).toEqual([255, 0, 0, 255]); // clamped
  });
});
