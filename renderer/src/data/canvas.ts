/** DOM helpers shared by the digit canvases: theme colours and crisp scaled drawing. */
import { cssVariableReader } from '../lib/css-theme.ts';
import { grayRamp, paintDigit, parseCssColor, type Rgb } from './pixels.ts';
import { IMAGE_SIDE } from './types.ts';

export interface DigitTheme {
  ramp: Uint8ClampedArray;
  text: string;
  muted: string;
  accent: string;
  accentSoft: string;
  hover: string;
  background: string;
}

/** Reads the panel's CSS variables (they follow the OS light/dark setting) at draw time. */
export function readDigitTheme(element: Element): DigitTheme {
  const read = cssVariableReader(element);
  const paper: Rgb = parseCssColor(read('--digit-paper', '#ffffff'), [255, 255, 255]);
  const ink: Rgb = parseCssColor(read('--digit-ink', '#17202a'), [23, 32, 42]);
  return {
    ramp: grayRamp(paper, ink),
    text: read('--text', '#17202a'),
    muted: read('--muted', '#5d6b7a'),
    accent: read('--accent', '#3b6fe0'),
    accentSoft: read('--accent-soft', '#e3ebfc'),
    hover: read('--surface-hover', '#eef1f5'),
    background: read('--bg', '#f7f8fa'),
  };
}

/** Sizes a canvas's backing store for the device pixel ratio; returns the context scaled to CSS px. */
export function prepareCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): CanvasRenderingContext2D | undefined {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(cssWidth * ratio));
  const height = Math.max(1, Math.round(cssHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.imageSmoothingEnabled = false;
  return context;
}

/** A scratch canvas holding digits at 1:1, tiled, so they can be drawn scaled with smoothing off. */
export class DigitAtlas {
  private readonly canvas = document.createElement('canvas');
  private readonly context = this.canvas.getContext('2d');

  /** Puts images `indices` (into `images`, [n*784]) side by side, `columns` per row; returns the source canvas. */
  fill(images: Uint8Array, indices: ArrayLike<number>, columns: number, ramp: Uint8ClampedArray): HTMLCanvasElement {
    const rows = Math.max(1, Math.ceil(indices.length / columns));
    const width = columns * IMAGE_SIDE;
    const height = rows * IMAGE_SIDE;
    if (this.canvas.width < width) this.canvas.width = width;
    if (this.canvas.height < height) this.canvas.height = height;
    if (!this.context || indices.length === 0) return this.canvas;
    const data = new ImageData(width, height);
    for (let i = 0; i < indices.length; i++) {
      paintDigit(images, indices[i]!, ramp, data.data, width, (i % columns) * IMAGE_SIDE, Math.floor(i / columns) * IMAGE_SIDE);
    }
    this.context.putImageData(data, 0, 0);
    return this.canvas;
  }
}

/** Draws one 28×28 image (at `index` of `images`) filling a canvas of `size` CSS px. */
export function drawDigit(canvas: HTMLCanvasElement, images: Uint8Array, index: number, size: number, theme: DigitTheme, atlas: DigitAtlas): CanvasRenderingContext2D | undefined {
  const context = prepareCanvas(canvas, size, size);
  if (!context) return undefined;
  const source = atlas.fill(images, [index], 1, theme.ramp);
  context.drawImage(source, 0, 0, IMAGE_SIDE, IMAGE_SIDE, 0, 0, size, size);
  return context;
}
