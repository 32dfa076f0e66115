import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { grayRamp, paintDigit, parseCssColor, probePixel } from './pixels.ts';

describe('pixels', () => {
  const sample = loadMnist('test', 3);

  it('probes the image pixel under a point of an enlarged view', () => {
    const image = sample.images;
    const offset = 2 * 784;
    // 280 px view: 10 px per image pixel; (x 145, y 62) → row 6, column 14
    const probe = probePixel(image, offset, 145, 62, 280);
    expect(probe).toEqual({ row: 6, column: 14, value: image[offset + 6 * 28 + 14], scaled: image[offset + 6 * 28 + 14]! / 255 });
    expect(probePixel(image, offset, 279.9, 279.9, 280)).toMatchObject({ row: 27, column: 27 });
    expect(probePixel(image, offset, 280, 10, 280)).toBeUndefined();
    expect(probePixel(image, offset, -1, 10, 280)).toBeUndefined();
  });

  it('paints a real digit into an RGBA tile through the ramp (0 → paper, 255 → ink)', () => {
    const ramp = grayRamp([255, 255, 255], [0, 0, 0]);
    const width = 60;
    const out = new Uint8ClampedArray(width * 28 * 4);
    paintDigit(sample.images, 1, ramp, out, width, 30, 0);
    for (const [r, c] of [[0, 0], [14, 14], [10, 20], [27, 27]] as const) {
      const v = sample.images[784 + r * 28 + c]!;
      const o = (r * width + 30 + c) * 4;
      expect(out[o]).toBe(255 - v);
      expect(out[o + 3]).toBe(255);
    }
    // left of the tile stays untouched
    expect(out[(14 * width + 29) * 4 + 3]).toBe(0);
  });

  it('reads CSS colours in hex and rgb() form', () => {
    expect(parseCssColor('#1f4fb8', [0, 0, 0])).toEqual([31, 79, 184]);
    expect(parseCssColor(' #fff', [0, 0, 0])).toEqual([255, 255, 255]);
    expect(parseCssColor('rgb(22, 27, 34)', [0, 0, 0])).toEqual([22, 27, 34]);
    expect(parseCssColor('color(srgb 1 0 0)', [1, 2, 3])).toEqual([1, 2, 3]);
  });
});
