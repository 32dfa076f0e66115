import { describe, expect, it } from 'vitest';
import { featureMapRaster, saliencyRaster, tileGrid, unitColumns, unitOrder, unitRaster, valueRange } from './paint.ts';

describe('layer view rasters', () => {
  it('puts channel k of a channels-last map into tile k, grey from the layer minimum to its maximum', () => {
    // [2, 2, 3]: channel 0 = 0..3, channel 1 = 10, channel 2 = -1
    const values = new Float32Array(12);
    for (let p = 0; p < 4; p++) {
      values[p * 3] = p;
      values[p * 3 + 1] = 10;
      values[p * 3 + 2] = -1;
    }
    const raster = featureMapRaster(values, [2, 2, 3]);
    expect(tileGrid(3)).toEqual({ columns: 2, rows: 2 });
    expect([raster.width, raster.height]).toEqual([5, 5]);
    const grey = (x: number, y: number) => raster.rgba[(y * raster.width + x) * 4]!;
    const alpha = (x: number, y: number) => raster.rgba[(y * raster.width + x) * 4 + 3]!;
    expect([grey(0, 0), grey(1, 0), grey(0, 1), grey(1, 1)]).toEqual([23, 46, 70, 93]); // (p + 1) / 11 × 255
    expect(grey(3, 0)).toBe(255); // channel 1, the layer maximum
    expect(grey(0, 3)).toBe(0); // channel 2, the layer minimum
    expect(alpha(2, 0)).toBe(0); // the gap
    expect(alpha(3, 3)).toBe(0); // the fourth, empty tile
  });

  it('orders units as they are or largest first, and lays them out row by row', () => {
    const values = new Float32Array([0.1, 0.9, 0.5, 0.9]);
    expect([...unitOrder(values, false)]).toEqual([0, 1, 2, 3]);
    expect([...unitOrder(values, true)]).toEqual([1, 3, 2, 0]);
    const raster = unitRaster(values, unitOrder(values, true), 2);
    expect([raster.width, raster.height]).toEqual([2, 2]);
    expect([0, 1, 2, 3].map((slot) => raster.rgba[slot * 4])).toEqual([255, 255, 128, 0]);
  });

  it('gives 512 units 32 columns, and a constant layer a defined grey', () => {
    expect(unitColumns(512)).toBe(32);
    expect(unitColumns(10)).toBe(5);
    expect(valueRange(new Float32Array([2, 2]))).toEqual({ min: 2, max: 2 });
    expect(unitRaster(new Float32Array([0, 0]), new Uint32Array([0, 1]), 2).rgba[0]).toBe(0);
  });

  it('overlays the saliency as heat on the dimmed digit, the largest |gradient| in full orange', () => {
    const image = new Uint8Array(784);
    image[0] = 200;
    const gradient = new Float32Array(784);
    gradient[1] = -0.4; // the sign does not matter, the magnitude does
    gradient[2] = 0.2;
    const { rgba } = saliencyRaster(image, gradient);
    expect([...rgba.slice(0, 4)]).toEqual([110, 110, 110, 255]); // ink, no heat: 200 × 0.55
    expect([...rgba.slice(4, 8)]).toEqual([255, 140, 0, 255]);
    expect([...rgba.slice(8, 11)]).toEqual([128, 70, 0]);
    expect([...saliencyRaster(image, new Float32Array(784)).rgba.slice(4, 8)]).toEqual([0, 0, 0, 255]);
  });
});
