import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { mnistImageOfStrokes } from './pipeline.ts';
import { centerOfMass, inkBounds, MNIST_BOX, MNIST_CENTER, MNIST_PIXELS } from './preprocess.ts';
import { strokesForDigit } from './test-strokes.ts';

const PLACEMENTS = [
  { x: 0.15, y: 0.12, size: 0.72 },
  { x: 0.4, y: 0.35, size: 0.25 },
  { x: 0.0, y: 0.0, size: 0.3 },
  { x: 0.62, y: 0.6, size: 0.38 },
  { x: 0.01, y: 0.02, size: 0.97 },
];

function ink(image: Uint8Array): number {
  let sum = 0;
  for (const v of image) sum += v / 255;
  return sum;
}

describe('mnistImageOfStrokes', () => {
  it('is undefined for no strokes, and an image for a single click', () => {
    expect(mnistImageOfStrokes([])).toBeUndefined();
    expect(mnistImageOfStrokes([[]])).toBeUndefined();
    const dot = mnistImageOfStrokes([[{ x: 0.5, y: 0.5 }]])!;
    expect(dot).toHaveLength(MNIST_PIXELS);
    expect(Math.max(...dot)).toBe(255);
  });

  it('gives the same image wherever and however big the digit is drawn', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const [reference, ...others] = PLACEMENTS.map((placement) => mnistImageOfStrokes(strokesForDigit(digit, placement))!);
      for (const image of others) {
        let diff = 0;
        for (let i = 0; i < MNIST_PIXELS; i++) diff += Math.abs(image[i]! - reference![i]!);
        expect(diff / MNIST_PIXELS, `digit ${digit}`).toBeLessThan(1);
      }
      const box = inkBounds({ width: 28, height: 28, data: Float32Array.from(reference!, (v) => v / 255) })!;
      expect(Math.max(box.width, box.height)).toBe(MNIST_BOX);
      const center = centerOfMass(reference!, 28, 28)!;
      expect(Math.abs(center.x - MNIST_CENTER)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(center.y - MNIST_CENTER)).toBeLessThanOrEqual(0.5);
    }
  });

  it('draws strokes as bold as MNIST: ink per digit within ±30 % of the MNIST class mean', () => {
    const { images, labels, count } = loadMnist('test', 3000);
    const mean = new Array<number>(10).fill(0);
    const seen = new Array<number>(10).fill(0);
    for (let n = 0; n < count; n++) {
      mean[labels[n]!]! += ink(images.subarray(n * MNIST_PIXELS, (n + 1) * MNIST_PIXELS));
      seen[labels[n]!]!++;
    }
    for (let digit = 0; digit <= 9; digit++) {
      const expected = mean[digit]! / seen[digit]!;
      const drawn = ink(mnistImageOfStrokes(strokesForDigit(digit, PLACEMENTS[0]!))!);
      expect(drawn / expected, `digit ${digit}: ${drawn.toFixed(0)} vs MNIST ${expected.toFixed(0)}`).toBeGreaterThan(0.7);
      expect(drawn / expected, `digit ${digit}: ${drawn.toFixed(0)} vs MNIST ${expected.toFixed(0)}`).toBeLessThan(1.3);
    }
  });
});
