/**
 * Pure pixel work for the layer-by-layer view: layer outputs turned into RGBA bytes for one
 * canvas each (putImageData), so a layer of thousands of values is one draw call, not thousands
 * of DOM nodes. Grey levels run from the layer's smallest value (black) to its largest (white).
 */

export interface Raster {
  width: number;
  height: number;
  /** width × height × 4 bytes, RGBA */
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

/** The smallest and largest value, for one grey scale over a whole layer. */
export function valueRange(values: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return values.length === 0 ? { min: 0, max: 0 } : { min, max };
}

function greyOf(v: number, min: number, span: number): number {
  return span > 0 ? Math.round(((v - min) / span) * 255) : v > 0 ? 255 : 0;
}

/** Columns and rows for `count` tiles, about square. */
export function tileGrid(count: number): { columns: number; rows: number } {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  return { columns, rows: Math.ceil(count / columns) };
}

/**
 * [h, w, c] channels-last values → one raster of c tiles (h × w each, `gap` background pixels
 * between them), channel k at column k % columns, row ⌊k / columns⌋.
 */
export function featureMapRaster(values: Float32Array, [h, w, c]: [number, number, number], gap = 1): Raster {
  const { columns, rows } = tileGrid(c);
  const width = columns * w + (columns - 1) * gap;
  const height = rows * h + (rows - 1) * gap;
  const rgba = new Uint8ClampedArray(width * height * 4); // gaps stay transparent
  const { min, max } = valueRange(values);
  const span = max - min;
  for (let k = 0; k < c; k++) {
    const left = (k % columns) * (w + gap);
    const top = Math.floor(k / columns) * (h + gap);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const grey = greyOf(values[(y * w + x) * c + k]!, min, span);
        const p = ((top + y) * width + left + x) * 4;
        rgba[p] = rgba[p + 1] = rgba[p + 2] = grey;
        rgba[p + 3] = 255;
      }
  }
  return { width, height, rgba };
}

/** Unit indices in display order: as they are, or largest activation first. */
export function unitOrder(values: Float32Array, largestFirst: boolean): Uint32Array {
  const order = Uint32Array.from(values.keys());
  if (largestFirst) order.sort((a, b) => values[b]! - values[a]! || a - b);
  return order;
}

/** One pixel per unit, `columns` wide, in `order` (the canvas scales it up). */
export function unitRaster(values: Float32Array, order: Uint32Array, columns: number): Raster {
  const width = Math.min(columns, Math.max(1, values.length));
  const height = Math.ceil(values.length / width);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const { min, max } = valueRange(values);
  const span = max - min;
  order.forEach((unit, slot) => {
    const grey = greyOf(values[unit]!, min, span);
    const p = slot * 4;
    rgba[p] = rgba[p + 1] = rgba[p + 2] = grey;
    rgba[p + 3] = 255;
  });
  return { width, height, rgba };
}

/** Columns of a unit grid: 32 for 512 units (16 rows), fewer for small layers. */
export function unitColumns(count: number): number {
  return Math.min(32, Math.max(1, Math.ceil(Math.sqrt(count * 2))));
}

/** "26×26×32" */
export const shapeText = (shape: readonly number[]): string => shape.join('×');

/**
 * The digit in dim grey with the saliency as a heat overlay: each pixel's |gradient| relative to
 * the largest sets how much orange covers it (0 leaves the digit, 1 is full orange).
 */
export function saliencyRaster(image: Uint8Array, gradient: Float32Array): Raster {
  const rgba = new Uint8ClampedArray(image.length * 4);
  let largest = 0;
  for (const g of gradient) largest = Math.max(largest, Math.abs(g));
  for (let p = 0; p < image.length; p++) {
    const base = image[p]! * 0.55;
    const heat = largest > 0 ? Math.abs(gradient[p]!) / largest : 0;
    rgba[p * 4] = base + (255 - base) * heat;
    rgba[p * 4 + 1] = base + (140 - base) * heat;
    rgba[p * 4 + 2] = base * (1 - heat);
    rgba[p * 4 + 3] = 255;
  }
  return { width: 28, height: 28, rgba };
}
