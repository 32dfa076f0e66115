/** The drawing as vectors: strokes are polylines in pad coordinates (0–1, x right, y down). */

export interface Point {
  x: number;
  y: number;
}

export type Stroke = readonly Point[];

/**
 * Pen diameter on screen, as a fraction of the pad side: a digit drawn over ~70 % of the pad looks
 * as bold as an MNIST digit. (The model's input is re-rasterised with a pen proportional to the
 * drawing's size — see pipeline.ts — so this only sets the look.)
 */
export const PEN_WIDTH = 0.085;

/** Points closer than this to the previous one add nothing visible (fraction of the pad side). */
export const MIN_POINT_STEP = 0.002;

export function clampToPad(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Pad coordinates of a pointer position inside a box of the given size (CSS pixels). */
export function padPoint(offsetX: number, offsetY: number, width: number, height: number): Point {
  return { x: clampToPad(offsetX / width), y: clampToPad(offsetY / height) };
}

/** Whether `next` is far enough from `last` to be worth recording. */
export function isNewPoint(last: Point | undefined, next: Point): boolean {
  return !last || Math.hypot(next.x - last.x, next.y - last.y) >= MIN_POINT_STEP;
}
