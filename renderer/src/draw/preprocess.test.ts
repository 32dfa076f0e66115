import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { centerOfMass, inkBounds, MNIST_BOX, MNIST_CENTER, MNIST_PIXELS, MNIST_SIDE, resampleArea, toMnistImage } from './preprocess.ts';
import { rasterizeStrokes, type GrayImage } from './rasterize.ts';
import { PEN_WIDTH } from './strokes.ts';
import { strokesForDigit, type DigitPlacement } from './test-strokes.ts';

/**
 * "The same 28×28 image": mean absolute difference below 8 grey levels (of 255) once aligned by at
 * most one whole pixel — MNIST places digits by a *rounded* centre of mass, so two drawings whose
 * centres straddle a half pixel land one pixel apart, in the dataset as here. Both centres of mass
 * must still be within ±0.5 px of (14, 14).
 */
const SAME_IMAGE_MEAN_ABS = 8;
const SAME_CENTER = 0.5;

const REFERENCE: DigitPlacement = { x: 0.15, y: 0.15, size: 0.7 };
const PLACEMENTS: Record<string, DigitPlacement> = {
  small: { x: 0.4, y: 0.35, size: 0.25 },
  large: { x: 0.01, y: 0.01, size: 0.98 },
  offCentre: { x: 0.45, y: 0.05, size: 0.5 },
  topLeftCorner: { x: 0.0, y: 0.0, size: 0.35 },
  bottomRightCorner: { x: 0.68, y: 0.66, size: 0.32 },
};

/** The digit drawn at `placement` with the pen scaled along, as the same writing at another size. */
function drawDigit(digit: number, placement: DigitPlacement, rasterSize = 280): Uint8Array {
  const penWidth = (PEN_WIDTH * placement.size) / REFERENCE.size;
  const image = toMnistImage(rasterizeStrokes(strokesForDigit(digit, placement), rasterSize, penWidth));
  if (!image) throw new Error(`digit ${digit} rasterised to nothing`);
  return image;
}

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** Mean absolute difference after the best whole-pixel alignment within ±1 px. */
function alignedDiff(a: Uint8Array, b: Uint8Array): number {
  let best = Infinity;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      let sum = 0;
      for (let y = 0; y < MNIST_SIDE; y++) {
        for (let x = 0; x < MNIST_SIDE; x++) {
          const sy = y + dy;
          const sx = x + dx;
          const other = sy >= 0 && sy < MNIST_SIDE && sx >= 0 && sx < MNIST_SIDE ? b[sy * MNIST_SIDE + sx]! : 0;
          sum += Math.abs(a[y * MNIST_SIDE + x]! - other);
        }
      }
      best = Math.min(best, sum / MNIST_PIXELS);
    }
  }
  return best;
}

function expectCentred(image: Uint8Array, what: string): void {
  const center = com(image);
  expect(Math.abs(center.x - MNIST_CENTER), what).toBeLessThanOrEqual(SAME_CENTER);
  expect(Math.abs(center.y - MNIST_CENTER), what).toBeLessThanOrEqual(SAME_CENTER);
}

function bytesAsImage(bytes: Uint8Array, side = MNIST_SIDE): GrayImage {
  return { width: side, height: side, data: Float32Array.from(bytes, (v) => v / 255) };
}

function com(bytes: Uint8Array): { x: number; y: number } {
  return centerOfMass(bytes, MNIST_SIDE, MNIST_SIDE)!;
}

describe('toMnistImage', () => {
  it('returns undefined for a blank pad, and for float dust below the ink threshold', () => {
    expect(toMnistImage({ width: 280, height: 280, data: new Float32Array(280 * 280) })).toBeUndefined();
    const dust = new Float32Array(64 * 64).fill(1 / 1024);
    expect(toMnistImage({ width: 64, height: 64, data: dust })).toBeUndefined();
    expect(toMnistImage(rasterizeStrokes([], 280))).toBeUndefined();
  });

  it('gives 784 bytes whose ink box has a longer side of exactly 20 px and centre of mass at (14, 14) ±0.5', () => {
    for (let digit = 0; digit <= 9; digit++) {
      for (const placement of [REFERENCE, ...Object.values(PLACEMENTS)]) {
        const image = drawDigit(digit, placement);
        expect(image.length).toBe(MNIST_PIXELS);
        const box = inkBounds(bytesAsImage(image))!;
        expect(Math.max(box.width, box.height), `digit ${digit} at ${JSON.stringify(placement)}`).toBe(MNIST_BOX);
        expectCentred(image, `digit ${digit} at ${JSON.stringify(placement)}`);
        expect(Math.max(...image)).toBe(255);
      }
    }
  });

  it('maps the same digit drawn small, large, off-centre or in a corner to (nearly) the same image', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const reference = drawDigit(digit, REFERENCE);
      for (const [name, placement] of Object.entries(PLACEMENTS)) {
        const image = drawDigit(digit, placement);
        expect(alignedDiff(image, reference), `digit ${digit} ${name}`).toBeLessThan(SAME_IMAGE_MEAN_ABS);
        expectCentred(image, `digit ${digit} ${name}`);
      }
    }
  });

  it('gives the same image at device pixel ratio 1, 1.5 and 2 (pad rasterised at 280, 420 and 560 px)', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const at1x = drawDigit(digit, REFERENCE, 280);
      for (const size of [420, 560]) {
        const image = drawDigit(digit, REFERENCE, size);
        expect(alignedDiff(image, at1x), `digit ${digit} at ${size} px`).toBeLessThan(SAME_IMAGE_MEAN_ABS);
        expectCentred(image, `digit ${digit} at ${size} px`);
      }
    }
  });

  it('keeps the aspect ratio: a tall 1 stays thin, a dash stays flat', () => {
    const one = toMnistImage(rasterizeStrokes([[{ x: 0.5, y: 0.1 }, { x: 0.5, y: 0.9 }]], 280))!;
    const oneBox = inkBounds(bytesAsImage(one))!;
    expect(oneBox.height).toBe(MNIST_BOX);
    expect(oneBox.width).toBeGreaterThanOrEqual(2);
    expect(oneBox.width).toBeLessThanOrEqual(4);

    const dash = toMnistImage(rasterizeStrokes([[{ x: 0.2, y: 0.5 }, { x: 0.8, y: 0.52 }]], 280))!;
    const dashBox = inkBounds(bytesAsImage(dash))!;
    expect(dashBox.width).toBe(MNIST_BOX);
    expect(dashBox.height).toBeLessThanOrEqual(5);
  });

  it('re-creates genuine MNIST digits redrawn 3× larger at an arbitrary offset', () => {
    const { images, count } = loadMnist('test', 300);
    const factor = 3;
    const side = 200;
    let exact = 0;
    let compared = 0;
    for (let n = 0; n < count; n++) {
      const original = images.subarray(n * MNIST_PIXELS, (n + 1) * MNIST_PIXELS);
      if (Math.max(...original) !== 255) continue; // our output always reaches full ink
      compared++;
      // Nearest-neighbour ×3 at offset (37 + n % 50, 23): area averaging back to 20 px must undo it.
      const big = new Float32Array(side * side);
      const ox = 37 + (n % 50);
      const oy = 23;
      for (let y = 0; y < MNIST_SIDE * factor; y++) {
        for (let x = 0; x < MNIST_SIDE * factor; x++) {
          big[(oy + y) * side + ox + x] = original[Math.floor(y / factor) * MNIST_SIDE + Math.floor(x / factor)]! / 255;
        }
      }
      const redone = toMnistImage({ width: side, height: side, data: big })!;
      if (meanAbsDiff(redone, original) === 0) exact++;
      // MNIST placed its digits by a rounded centre of mass too, so at most a one-pixel shift apart.
      expect(Math.abs(com(redone).x - com(original).x)).toBeLessThanOrEqual(1);
      expect(Math.abs(com(redone).y - com(original).y)).toBeLessThanOrEqual(1);
      expectCentred(redone, `test digit ${n}`);
    }
    expect(compared).toBeGreaterThan(200);
    // Pixel-identical (same box, same values, same placement) for most genuine digits.
    expect(exact / compared).toBeGreaterThan(0.75);
  });
});

describe('resampleArea', () => {
  it('keeps a constant image constant and conserves ink when shrinking and enlarging', () => {
    const flat: GrayImage = { width: 8, height: 4, data: new Float32Array(32).fill(0.6) };
    const all = { left: 0, top: 0, width: 8, height: 4 };
    for (const [scale, width, height] of [[0.5, 4, 2], [2.5, 20, 10], [1, 8, 4]] as const) {
      const out = resampleArea(flat, all, scale);
      expect([out.width, out.height]).toEqual([width, height]);
      for (const v of out.data) expect(v).toBeCloseTo(0.6, 5);
    }
    const ramp: GrayImage = { width: 9, height: 6, data: Float32Array.from({ length: 54 }, (_, i) => (i % 9) / 8) };
    const whole = { left: 0, top: 0, width: 9, height: 6 };
    const inSum = ramp.data.reduce((a, b) => a + b, 0);
    for (const scale of [20 / 9, 0.37, 3]) {
      const out = resampleArea(ramp, whole, scale);
      expect(out.width).toBe(Math.ceil(9 * scale - 1e-9));
      expect(out.height).toBe(Math.ceil(6 * scale - 1e-9));
      const outSum = out.data.reduce((a, b) => a + b, 0);
      expect(outSum / (scale * scale)).toBeCloseTo(inSum, 3);
    }
  });

  it('resamples only the crop', () => {
    const data = new Float32Array(10 * 10);
    data[3 * 10 + 4] = 1; // one pixel at (4, 3)
    const out = resampleArea({ width: 10, height: 10, data }, { left: 4, top: 3, width: 1, height: 1 }, 20);
    expect([out.width, out.height]).toEqual([20, 20]);
    expect(Math.min(...out.data)).toBeCloseTo(1, 6);
  });
});
