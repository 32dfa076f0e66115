/** Turning 28×28 bytes into screen pixels, and screen points back into image pixels. */
import { IMAGE_PIXELS, IMAGE_SIDE } from './types.ts';

export type Rgb = readonly [number, number, number];

/** [256 * 4] RGBA for every byte value: 0 → paper, 255 → ink (a straight blend, so 128 is half-way). */
export function grayRamp(paper: Rgb, ink: Rgb): Uint8ClampedArray {
  const ramp = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    const t = v / 255;
    ramp[v * 4] = paper[0] + (ink[0] - paper[0]) * t;
    ramp[v * 4 + 1] = paper[1] + (ink[1] - paper[1]) * t;
    ramp[v * 4 + 2] = paper[2] + (ink[2] - paper[2]) * t;
    ramp[v * 4 + 3] = 255;
  }
  return ramp;
}

/**
 * Copies image `index` of `images` ([n*784]) into an RGBA buffer `width` pixels wide at (x, y), one
 * image pixel per buffer pixel. Scaling is left to drawImage with smoothing off (crisp, and fast).
 */
export function paintDigit(images: Uint8Array, index: number, ramp: Uint8ClampedArray, out: Uint8ClampedArray, width: number, x: number, y: number): void {
  const from = index * IMAGE_PIXELS;
  for (let r = 0; r < IMAGE_SIDE; r++) {
    let o = ((y + r) * width + x) * 4;
    const rowFrom = from + r * IMAGE_SIDE;
    for (let c = 0; c < IMAGE_SIDE; c++) {
      const v = images[rowFrom + c]! * 4;
      out[o] = ramp[v]!;
      out[o + 1] = ramp[v + 1]!;
      out[o + 2] = ramp[v + 2]!;
      out[o + 3] = 255;
      o += 4;
    }
  }
}

export interface PixelProbe {
  row: number;
  column: number;
  /** 0–255 as stored */
  value: number;
  /** value / 255 — what the network sees */
  scaled: number;
}

/** The image pixel under a point of a square view `size` px wide; undefined outside it. */
export function probePixel(image: Uint8Array, offset: number, x: number, y: number, size: number): PixelProbe | undefined {
  if (!(size > 0) || x < 0 || y < 0 || x >= size || y >= size) return undefined;
  const column = Math.min(IMAGE_SIDE - 1, Math.floor((x / size) * IMAGE_SIDE));
  const row = Math.min(IMAGE_SIDE - 1, Math.floor((y / size) * IMAGE_SIDE));
  const value = image[offset + row * IMAGE_SIDE + column]!;
  return { row, column, value, scaled: value / 255 };
}

/** "#1f4fb8" / "rgb(31, 79, 184)" → [31, 79, 184]; the fallback for anything else. */
export function parseCssColor(text: string, fallback: Rgb): Rgb {
  const value = text.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const h = hex[1]!;
    const full = h.length === 3 ? [...h].map((ch) => ch + ch).join('') : h;
    return [parseInt(full.slice(0, 2), 16), parseInt(full.slice(2, 4), 16), parseInt(full.slice(4, 6), 16)];
  }
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return fallback;
}
