/**
 * Handwritten-looking polylines for the digits 0–9, for tests and the e2e run that draws them with
 * the mouse. Shapes follow common MNIST writing: a plain 7, an open-topped 4, a 1 as one stroke.
 */
import type { Point, Stroke } from './strokes.ts';

export interface DigitPlacement {
  /** Left edge of the square the digit is drawn in (pad coordinates, 0–1). */
  x: number;
  /** Top edge of that square (pad coordinates, 0–1). */
  y: number;
  /** Side of that square (fraction of the pad); the digit's height is ~0.9 of it. */
  size: number;
}

type Shape = readonly (readonly (readonly [number, number])[])[];

/** Points on an ellipse from `from` to `to` degrees (0° = right, 90° = down, as on screen). */
function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number): [number, number][] {
  const steps = Math.max(6, Math.round(Math.abs(to - from) / 12));
  const points: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const angle = ((from + ((to - from) * i) / steps) * Math.PI) / 180;
    points.push([cx + rx * Math.cos(angle), cy + ry * Math.sin(angle)]);
  }
  return points;
}

/**
 * An 8 in one stroke, as people write it: from the top, down through the crossing into the lower
 * loop and back up — a smaller top loop, leaning slightly right.
 */
function figureEight(): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i <= 48; i++) {
    const t = (i / 48) * 2 * Math.PI;
    const top = Math.cos(t) > 0;
    const y = 0.46 - (top ? 0.4 : 0.48) * Math.cos(t);
    const x = 0.5 - (top ? 0.19 : 0.24) * Math.sin(2 * t) + (0.5 - y) * 0.12;
    points.push([x, y]);
  }
  return points;
}

/** Each digit as strokes in a unit square (x right, y down). */
const SHAPES: readonly Shape[] = [
  [arc(0.5, 0.5, 0.27, 0.44, -100, 268)],
  [[[0.55, 0.06], [0.52, 0.5], [0.48, 0.94]]],
  [[...arc(0.5, 0.3, 0.25, 0.22, 200, 370), [0.7, 0.48], [0.58, 0.62], [0.42, 0.76], [0.25, 0.92], [0.45, 0.9], [0.65, 0.9], [0.86, 0.92]]],
  [[...arc(0.48, 0.28, 0.24, 0.21, 205, 450), ...arc(0.48, 0.72, 0.27, 0.23, 270, 515)]],
  [
    [[0.28, 0.05], [0.23, 0.35], [0.18, 0.6], [0.5, 0.6], [0.84, 0.58]],
    [[0.66, 0.12], [0.65, 0.5], [0.64, 0.95]],
  ],
  [
    [[0.3, 0.07], [0.29, 0.27], [0.28, 0.46], ...arc(0.47, 0.67, 0.27, 0.25, 230, 485)],
    [[0.3, 0.07], [0.55, 0.07], [0.8, 0.06]],
  ],
  [[[0.68, 0.05], [0.52, 0.16], [0.38, 0.34], [0.29, 0.55], ...arc(0.5, 0.72, 0.23, 0.22, 180, -170)]],
  [[[0.2, 0.08], [0.5, 0.08], [0.8, 0.08], [0.62, 0.5], [0.44, 0.95]]],
  [figureEight()],
  [[...arc(0.48, 0.28, 0.23, 0.21, 10, -365), [0.7, 0.55], [0.67, 0.75], [0.63, 0.95]]],
];

/** The strokes of a handwritten-looking `digit` inside the square at (x, y) of side `size`. */
export function strokesForDigit(digit: number, placement: DigitPlacement): Stroke[] {
  const shape = SHAPES[digit];
  if (!Number.isInteger(digit) || !shape) throw new Error(`strokesForDigit: digit must be an integer 0–9, got ${digit}`);
  const { x, y, size } = placement;
  return shape.map((stroke) => stroke.map(([u, v]): Point => ({ x: x + u * size, y: y + v * size })));
}
