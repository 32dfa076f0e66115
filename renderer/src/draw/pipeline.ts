/**
 * From the pad's vectors to the model's input. The strokes are first mapped into a fixed frame
 * (their longer side → FRAME px) and rasterised there with a pen proportional to that side, then
 * normalised the MNIST way (preprocess.ts). So the 28×28 image does not depend on how big or
 * where the digit was drawn, nor on the screen's pixel ratio — and its strokes are always as thick
 * as MNIST's (~2.5 px), where a fixed pen would make small drawings blobby and large ones thin.
 */
import { toMnistImage } from './preprocess.ts';
import { rasterizeStrokes } from './rasterize.ts';
import type { Point, Stroke } from './strokes.ts';

/** Pen width as a fraction of the drawing's longer side: ~2.5 px strokes in the 20-px box. */
export const MODEL_PEN_RATIO = 0.14;
/** The drawing's longer side in raster pixels (well above 20 so area averaging has detail). */
const FRAME = 200;
/** A click or a tiny scribble is still treated as this big (fraction of the pad). */
const MIN_EXTENT = 0.04;

/** The [784] bytes a model sees for these strokes, or undefined when nothing is drawn. */
export function mnistImageOfStrokes(strokes: readonly Stroke[]): Uint8Array | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const p of stroke) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
  }
  if (minX === Infinity) return undefined;
  const scale = FRAME / Math.max(maxX - minX, maxY - minY, MIN_EXTENT);
  const pen = MODEL_PEN_RATIO * FRAME;
  const margin = pen / 2 + 2;
  const side = Math.ceil(FRAME + 2 * margin);
  // Centred in a side×side square, in that square's 0–1 coordinates.
  const left = (side - (maxX - minX) * scale) / 2;
  const top = (side - (maxY - minY) * scale) / 2;
  const framed = strokes.map((stroke) =>
    stroke.map((p): Point => ({ x: ((p.x - minX) * scale + left) / side, y: ((p.y - minY) * scale + top) / side })),
  );
  return toMnistImage(rasterizeStrokes(framed, side, pen / side));
}
