/**
 * MNIST-style normalisation of a drawing, as the dataset itself was made (LeCun et al.): crop to
 * the ink, scale so the longer side is 20 px keeping the aspect ratio (anti-aliased), then place it
 * in a 28×28 frame so its centre of mass sits at the centre. Pure: no DOM, runs in Node tests.
 */
import type { GrayImage } from './rasterize.ts';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_BOX = 20;
/**
 * Where the centre of mass goes, in pixel-index coordinates. Measured on the MNIST test set the
 * mean centre of mass is (14.00, 13.99), so index 14 — not 13.5 — is the dataset's convention.
 */
export const MNIST_CENTER = 14;

/** Coverage below this counts as no ink (keeps float dust out of the bounding box). */
const INK_THRESHOLD = 1 / 512;

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface CenterOfMass {
  x: number;
  y: number;
}

/** Bounding box of the pixels above the ink threshold, or undefined when there are none. */
export function inkBounds(image: GrayImage): Box | undefined {
  const { width, height, data } = image;
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! <= INK_THRESHOLD) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  return right < 0 ? undefined : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** Centre of mass in pixel-index coordinates (pixel (i, j) sits at x = j, y = i). */
export function centerOfMass(data: ArrayLike<number>, width: number, height: number): CenterOfMass | undefined {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x]!;
      mass += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : undefined;
}

type Taps = { index: number; weight: number }[];

/**
 * 1-D area resampling (box filter): `from` source cells stretched by `scale` (output cells per
 * source cell) cover ceil(from × scale) output cells; each output cell gets the overlapping source
 * cells weighted by overlap. A last, partly covered cell is dimmer, as the ink's true area says.
 */
function areaWeights(from: number, scale: number): Taps[] {
  const to = Math.ceil(from * scale - 1e-9);
  const cells: Taps[] = [];
  for (let o = 0; o < to; o++) {
    const start = o / scale;
    const end = (o + 1) / scale;
    const taps: Taps = [];
    for (let i = Math.floor(start); i < Math.min(from, Math.ceil(end)); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 1e-9) taps.push({ index: i, weight: overlap * scale });
    }
    cells.push(taps);
  }
  return cells;
}

/**
 * Resamples a crop of `image` by `scale` on both axes (so the aspect ratio is exact) with area
 * averaging — a separable box filter, anti-aliased at any ratio, shrinking or enlarging.
 */
export function resampleArea(image: GrayImage, crop: Box, scale: number): GrayImage {
  const columns = areaWeights(crop.width, scale);
  const rows = areaWeights(crop.height, scale);
  const width = columns.length;
  const height = rows.length;
  // Horizontal pass: [crop.height, width]
  const wide = new Float32Array(crop.height * width);
  for (let y = 0; y < crop.height; y++) {
    const sourceRow = (crop.top + y) * image.width + crop.left;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (const tap of columns[x]!) sum += image.data[sourceRow + tap.index]! * tap.weight;
      wide[y * width + x] = sum;
    }
  }
  // Vertical pass: [height, width]
  const data = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    for (const tap of rows[y]!) {
      const sourceRow = tap.index * width;
      for (let x = 0; x < width; x++) data[y * width + x]! += wide[sourceRow + x]! * tap.weight;
    }
  }
  return { width, height, data };
}

/**
 * The 28×28 image a model trained on MNIST expects, or undefined when nothing is drawn.
 * @param image ink coverage 0–1 (any size, e.g. the rasterised pad)
 * @returns [784] bytes 0–255, white ink on black, row-major
 */
export function toMnistImage(image: GrayImage): Uint8Array | undefined {
  const crop = inkBounds(image);
  if (!crop) return undefined;
  // The longer side becomes exactly 20 px; the shorter one keeps the true aspect (fractional width).
  const scaled = resampleArea(image, crop, MNIST_BOX / Math.max(crop.width, crop.height));
  // Strokes fully cover MNIST's darkest pixels (90 % of test digits reach 255): stretch to full ink.
  let peak = 0;
  for (const v of scaled.data) if (v > peak) peak = v;
  if (peak <= INK_THRESHOLD) return undefined;
  const bytes = Uint8Array.from(scaled.data, (v) => Math.round((v / peak) * 255));
  // Centre of mass of the bytes themselves, so the output's is within ±0.5 px of the centre exactly.
  const center = centerOfMass(bytes, scaled.width, scaled.height)!;
  // Whole-pixel shift, as MNIST did: keeps the strokes sharp. Clamped so no ink falls off the frame.
  const left = clampInt(Math.round(MNIST_CENTER - center.x), 0, MNIST_SIDE - scaled.width);
  const top = clampInt(Math.round(MNIST_CENTER - center.y), 0, MNIST_SIDE - scaled.height);
  const out = new Uint8Array(MNIST_PIXELS);
  for (let y = 0; y < scaled.height; y++) {
    out.set(bytes.subarray(y * scaled.width, (y + 1) * scaled.width), (top + y) * MNIST_SIDE + left);
  }
  return out;
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
