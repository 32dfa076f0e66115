/**
 * A pure, anti-aliased stroke rasteriser: the same pixels in the app, in Node tests and at any
 * device pixel ratio (the canvas on screen is only for the eyes).
 */
import { PEN_WIDTH, type Stroke } from './strokes.ts';

/** A grayscale image, row-major; values are ink coverage 0 (none) … 1 (full). */
export interface GrayImage {
  width: number;
  height: number;
  data: Float32Array;
}

/**
 * Rasterises strokes (pad coordinates 0–1) onto a size×size grid with round caps and joins.
 * Coverage of a pixel = how far its centre lies inside the pen's edge, clamped to 0–1 (a one-pixel
 * linear ramp: cheap and smooth enough once reduced to 28×28).
 */
export function rasterizeStrokes(strokes: readonly Stroke[], size: number, penWidth = PEN_WIDTH): GrayImage {
  if (!Number.isInteger(size) || size <= 0) throw new Error(`raster size must be a positive integer, got ${size}`);
  const data = new Float32Array(size * size);
  const radius = (penWidth * size) / 2;
  for (const stroke of strokes) {
    const first = stroke[0];
    if (!first) continue;
    if (stroke.length === 1) stampSegment(data, size, radius, first.x * size, first.y * size, first.x * size, first.y * size);
    for (let i = 1; i < stroke.length; i++) {
      const a = stroke[i - 1]!;
      const b = stroke[i]!;
      stampSegment(data, size, radius, a.x * size, a.y * size, b.x * size, b.y * size);
    }
  }
  return { width: size, height: size, data };
}

/** Max-blends the capsule around segment (ax,ay)–(bx,by) (pixel units) into `data`. */
function stampSegment(data: Float32Array, size: number, radius: number, ax: number, ay: number, bx: number, by: number): void {
  const reach = radius + 1;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const t = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / lengthSq));
      const distance = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
      const coverage = radius + 0.5 - distance;
      if (coverage <= 0) continue;
      const index = y * size + x;
      const value = coverage >= 1 ? 1 : coverage;
      if (value > data[index]!) data[index] = value;
    }
  }
}
